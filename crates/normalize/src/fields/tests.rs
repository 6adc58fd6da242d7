use super::*;
use ficshelf_model::{Format, Producer, Source};

fn work() -> Work {
    let source = Source {
        path: "a.txt".into(),
        format: Format::Txt,
        producer: Producer::Plain,
        url: None,
        site: None,
        encoding: "utf-8".into(),
        sha256: String::new(),
        bytes: 0,
    };
    Work::new("", source)
}

#[test]
fn titles_from_file_names() {
    let cases = [
        ("the_storm-over.txt", "The Storm Over"),
        ("The_Storm-Over.txt", "The Storm Over"),
        ("McKay_and_Sheppard.html", "McKay and Sheppard"),
        ("story.v2.txt", "Story.v2"),
        ("archive/2004/fic_17.epub", "Fic 17"),
        ("C:\\fics\\lost_things.txt", "Lost Things"),
        (".txt", ".txt"),
        ("___.txt", "Untitled"),
        ("", "Untitled"),
        ("no extension here", "No Extension Here"),
        ("éclair_day.txt", "Éclair Day"),
    ];
    for (path, want) in cases {
        assert_eq!(title_from_file_name(file_name(path)), want, "{path:?}");
    }
}

#[test]
fn title_field_wins_and_quotes_go() {
    let fields = vec![
        RawField::new(FieldKey::Title, "Title", "   ", "line 1"),
        RawField::new(
            FieldKey::Title,
            "Title",
            "\u{201c}The Storm\u{201d}",
            "line 2",
        ),
        RawField::new(FieldKey::Title, "dc:title", "Another", "opf"),
    ];
    let mut w = work();
    let mut ctx = Ctx::new(true);
    title(&fields, "x.txt", &mut w, &mut ctx);
    assert_eq!(w.title, "The Storm");
    let (prov, diags, decisions) = ctx.finish();
    assert_eq!(prov["title"], "line 2");
    assert!(diags.is_empty());
    assert!(
        decisions
            .iter()
            .any(|d| d.input == "Another" && d.outcome == "ignored")
    );
}

#[test]
fn title_from_the_file_name_says_so() {
    let mut w = work();
    let mut ctx = Ctx::new(false);
    title(&[], "fics/the_storm-over.txt", &mut w, &mut ctx);
    assert_eq!(w.title, "The Storm Over");
    let (prov, diags, _) = ctx.finish();
    assert_eq!(prov["title"], "file name: \"the_storm-over.txt\"");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].level, ficshelf_model::Level::Info);
}

#[test]
fn urls_and_sites() {
    let cases = [
        (
            "http://www.fanfiction.net/s/123/1/",
            "http://www.fanfiction.net/s/123/1/",
            Some("fanfiction.net"),
        ),
        (
            "Archived at <https://archive.example.org/story/17>.",
            "https://archive.example.org/story/17",
            Some("archive.example.org"),
        ),
        (
            "www.example.com/fic",
            "www.example.com/fic",
            Some("example.com"),
        ),
        (
            "(HTTPS://Example.ORG/a)",
            "HTTPS://Example.ORG/a",
            Some("example.org"),
        ),
        (
            "See https://en.example.org/wiki/Spike_(Buffy).",
            "https://en.example.org/wiki/Spike_(Buffy)",
            Some("en.example.org"),
        ),
        (
            "(https://ex.org/wiki/Spike_(Buffy))",
            "https://ex.org/wiki/Spike_(Buffy)",
            Some("ex.org"),
        ),
    ];
    for (value, url, site) in cases {
        let got = url_in(value);
        assert_eq!(
            got,
            Some((url.to_string(), site.map(str::to_string))),
            "{value:?}"
        );
    }
    assert_eq!(url_in("BtVS"), None);
    assert_eq!(url_in("http://"), Some(("http://".into(), None)));
}

#[test]
fn extra_joins_repeated_labels() {
    let mut e = Extra::default();
    e.add("Spoilers", "Season 6", "line 3");
    e.add("Spoilers", "Season 6", "line 9");
    e.add("Spoilers", "Chosen", "line 9");
    e.add("Empty", "  ", "line 4");
    let mut w = work();
    let mut ctx = Ctx::new(false);
    e.finish(&mut w, &mut ctx);
    assert_eq!(
        w.extra.get("Spoilers").map(String::as_str),
        Some("Season 6; Chosen")
    );
    assert!(!w.extra.contains_key("Empty"));
    let (prov, _, _) = ctx.finish();
    assert_eq!(prov["extra.Spoilers"], "line 3; line 9");
}

#[test]
fn a_sole_authors_contact_comes_from_email_and_website_fields() {
    let mut w = work();
    w.authors.push(ficshelf_model::Author::named("Jane"));
    let mut ctx = Ctx::new(false);
    let email = RawField::new(
        FieldKey::Extra("Email".into()),
        "E-mail",
        "jane@example.org",
        "l5",
    );
    let site = RawField::new(
        FieldKey::Extra("Website".into()),
        "Web",
        "http://jane.example/",
        "l6",
    );
    assert!(attach_contact(&email, "Email", &mut w, &mut ctx));
    assert!(attach_contact(&site, "Website", &mut w, &mut ctx));
    assert!(
        !attach_contact(&email, "Email", &mut w, &mut ctx),
        "already filled"
    );
    assert_eq!(w.authors[0].email.as_deref(), Some("jane@example.org"));
    assert_eq!(w.authors[0].url.as_deref(), Some("http://jane.example/"));
    w.authors.push(ficshelf_model::Author::named("Joe"));
    let other = RawField::new(
        FieldKey::Extra("Email".into()),
        "E-mail",
        "joe@example.org",
        "l7",
    );
    assert!(
        !attach_contact(&other, "Email", &mut w, &mut ctx),
        "two authors: whose?"
    );
}
