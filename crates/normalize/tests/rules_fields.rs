//! The rules for the other fields (title, authors, dates, status, series, language, prose,
//! chapters, extra), provenance and decisions, one test each, through the public API.

mod common;

use common::*;
use ficshelf_model::{Ao3Rating, Date, Diagnostic, Level, Producer, Status};
use ficshelf_normalize::Options;

#[test]
fn title_comes_from_the_title_field() {
    let w = run(raw(&[("Title", "The Storm Over Sunnydale")]));
    assert_eq!(w.title, "The Storm Over Sunnydale");
    assert_eq!(
        w.provenance["title"],
        "line 1: \"Title: The Storm Over Sunnydale\""
    );
}

#[test]
fn title_falls_back_to_the_file_name_and_says_so() {
    let w = normalize_path(raw(&[]), "fics/the_storm-over.txt");
    assert_eq!(w.title, "The Storm Over");
    assert_eq!(w.provenance["title"], "file name: \"the_storm-over.txt\"");
    assert!(
        w.diagnostics
            .iter()
            .any(|d| d.level == Level::Info && d.message.contains("file name"))
    );
    assert_eq!(normalize_path(raw(&[]), "").title, "Untitled");
}

fn normalize_path(r: ficshelf_model::RawWork, path: &str) -> ficshelf_model::Work {
    ficshelf_normalize::normalize(r, &facts(path), &Options::default())
}

#[test]
fn authors_are_split_parsed_and_deduplicated_across_fields() {
    let w = run(raw(&[
        ("Author", "by Jane Doe & R. Second"),
        ("Author", "Jane Doe <jane@example.org>"),
        ("Author", "jo@example.org (Jo March)"),
    ]));
    let got: Vec<(&str, Option<&str>)> = w
        .authors
        .iter()
        .map(|a| (a.name.as_str(), a.email.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Jane Doe", Some("jane@example.org")),
            ("R. Second", None),
            ("Jo March", Some("jo@example.org"))
        ]
    );
    assert!(w.provenance["authors"].contains("line 1"));
    assert!(w.provenance["authors"].contains("line 3"));
}

#[test]
fn dates_in_many_shapes_and_date_means_published() {
    let w = run(raw(&[
        ("Date", "March 14, 2004"),
        ("Updated", "2004-05-01T10:00:00Z"),
    ]));
    assert_eq!(w.published, Some(Date::new(2004, 3, 14).unwrap()));
    assert_eq!(w.updated, Some(Date::new(2004, 5, 1).unwrap()));
    assert!(w.provenance["published"].contains("month name, day, year"));
}

#[test]
fn ambiguous_dates_are_month_first_with_a_warning_except_from_efiction() {
    let w = run(raw(&[("Published", "03/04/2004")]));
    assert_eq!(w.published, Some(Date::new(2004, 3, 4).unwrap()));
    assert!(
        w.diagnostics
            .iter()
            .any(|d| d.level == Level::Warning && d.message.contains("ambiguous"))
    );
    let mut r = raw(&[("Published", "03/04/2004")]);
    r.producer = Producer::EFiction;
    let w = run(r);
    assert_eq!(w.published, Some(Date::new(2004, 3, 4).unwrap()));
    assert!(!has_diag(&w, "ambiguous"));
    let day_first = Options {
        day_first: true,
        ..Options::default()
    };
    let w = run_with(raw(&[("Published", "03/04/2004")]), &day_first);
    assert_eq!(w.published, Some(Date::new(2004, 4, 3).unwrap()));
}

#[test]
fn unreadable_dates_stay_in_extra() {
    let w = run(raw(&[("Published", "sometime in spring")]));
    assert_eq!(w.published, None);
    assert_eq!(w.extra["Published"], "sometime in spring");
    assert!(has_diag(&w, "could not be read"));
}

#[test]
fn status_explicit_beats_chapter_count_beats_end_marker() {
    let mut r = raw(&[("Chapters", "3/?")]);
    r.push(ficshelf_model::RawField::new(
        ficshelf_model::FieldKey::Status,
        "end marker",
        "The End",
        "line 90: \"The End\"",
    ));
    let w = run(r.clone());
    assert_eq!(
        w.status,
        Status::InProgress,
        "the chapter count outweighs the end marker"
    );
    assert_eq!(w.extra["Declared chapters"], "3/?");
    r.push(ficshelf_model::RawField::new(
        ficshelf_model::FieldKey::Status,
        "Completed",
        "Yes",
        "line 2",
    ));
    assert_eq!(run(r).status, Status::Complete);
}

#[test]
fn end_markers_say_how_the_story_ends() {
    for (marker, want) in [
        ("TBC", Status::InProgress),
        ("End file.", Status::Complete),
        ("~ fin ~", Status::Complete),
    ] {
        let mut r = raw(&[]);
        r.push(ficshelf_model::RawField::new(
            ficshelf_model::FieldKey::Status,
            "end marker",
            marker,
            "line 9",
        ));
        assert_eq!(run(r).status, want, "{marker}");
    }
    let w = run(raw(&[("Status", "on a boat")]));
    assert_eq!(w.status, Status::Unknown);
    assert_eq!(w.extra["Status"], "on a boat");
    let w = run(raw(&[("Status", "Abandoned")]));
    assert_eq!(w.status, Status::InProgress);
    assert_eq!(w.tags, vec!["Abandoned Work - Unfinished and Discontinued"]);
}

#[test]
fn series_shapes_and_links() {
    let mut r = raw(&[
        ("Series", "Part 2 of Hellmouth Nights"),
        ("Series", "hellmouth nights [2]"),
    ]);
    r.fields[0].html =
        Some(r#"Part 2 of <a href="https://ao3.example/series/9">Hellmouth Nights</a>"#.into());
    let w = run(r);
    assert_eq!(w.series.len(), 1, "the same series twice is one");
    assert_eq!(w.series[0].name, "Hellmouth Nights");
    assert_eq!(w.series[0].index, Some(2.0));
    assert_eq!(
        w.series[0].url.as_deref(),
        Some("https://ao3.example/series/9")
    );
    let w = run(raw(&[
        ("Series", "Hellmouth Nights"),
        ("Series index", "1.5"),
    ]));
    assert_eq!(w.series[0].index, Some(1.5));
    assert!(!w.extra.contains_key("Series index"));
    // A link is kept in the form the EPUB writer gives it: a valid URI, percent-encoded.
    let mut r = raw(&[("Series", "Ink and Vellum [2]")]);
    r.fields[0].html =
        Some(r#"<a href="https://ao3.example/series/27 18é">Ink and Vellum</a> [2]"#.into());
    assert_eq!(
        run(r).series[0].url.as_deref(),
        Some("https://ao3.example/series/27%2018%C3%A9")
    );
}

#[test]
fn series_decisions_read_like_their_provenance() {
    let (w, decisions) = explained(raw(&[(
        "Series",
        "Part 2 of Hellmouth Nights; Small Hours",
    )]));
    let outcomes: Vec<&str> = decisions
        .iter()
        .filter(|d| d.field == "series")
        .map(|d| d.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["Hellmouth Nights [2]", "Small Hours"]);
    assert!(w.provenance["series"].contains("Hellmouth Nights [2]"));
}

#[test]
fn languages_become_bcp47_tags() {
    assert_eq!(
        run(raw(&[("Language", "Français")])).language.as_deref(),
        Some("fr")
    );
    assert_eq!(
        run(raw(&[("Language", "pt-BR")])).language.as_deref(),
        Some("pt-BR")
    );
    let w = run(raw(&[("Language", "Elvish")]));
    assert_eq!(w.language, None);
    assert_eq!(w.extra["Language"], "Elvish");
}

#[test]
fn summary_and_notes_are_sanitized_paragraphs() {
    let mut r = raw(&[
        ("Summary", "Buffy & Spike.\n\nSecond."),
        ("Notes", ""),
        ("End notes", "Thanks!"),
    ]);
    r.push(
        ficshelf_model::RawField::new(ficshelf_model::FieldKey::Notes, "Notes", "text", "#notes")
            .with_html("<p onclick=\"x()\">From <b>HTML</b></p><script>bad()</script>"),
    );
    let w = run(r);
    assert_eq!(
        w.summary.as_deref(),
        Some("<p>Buffy &amp; Spike.</p><p>Second.</p>")
    );
    assert_eq!(
        w.notes.as_deref(),
        Some("<p>From <strong>HTML</strong></p>")
    );
    assert_eq!(w.end_notes.as_deref(), Some("<p>Thanks!</p>"));
    assert_eq!(run(raw(&[("Summary", "   ")])).summary, None);
}

#[test]
fn chapters_are_sanitized_counted_titled_and_empty_ones_dropped() {
    let mut r = raw(&[("Words", "9,999")]);
    r = with_chapter(
        r,
        Some("Chapter 1: The Storm"),
        "<p>One two three</p><script>x</script>",
    );
    r = with_chapter(r, Some("Chapter 2"), "<p>   </p>");
    r = with_chapter(r, Some("~ 3 ~"), "<p>Four five</p>");
    let w = run(r);
    let titles: Vec<Option<&str>> = w.chapters.iter().map(|c| c.title.as_deref()).collect();
    assert_eq!(titles, vec![Some("The Storm"), None]);
    assert_eq!(w.words, 5);
    assert_eq!(w.words, w.chapters.iter().map(|c| c.words).sum::<u64>());
    assert!(!w.chapters[0].html.contains("script"));
    assert_eq!(w.extra["Declared words"], "9,999");
    assert!(has_diag(&w, "chapter 2 of 3"));
    assert!(has_diag(&w, "declares 9999 words; 5 were counted"));
    let empty = run(raw(&[("Title", "T")]));
    assert!(empty.chapters.is_empty());
    assert_eq!(empty.words, 0);
}

#[test]
fn extras_keep_their_labels_and_join_repeats() {
    let w = run(raw(&[
        ("Spoilers", "Season 6"),
        ("Disclaimer", "Not mine."),
        ("SPOILERS", "Chosen"),
        ("Mood", "rainy"),
    ]));
    assert_eq!(w.extra["Spoilers"], "Season 6; Chosen");
    assert_eq!(w.extra["Disclaimer"], "Not mine.");
    assert_eq!(w.extra["Mood"], "rainy");
    assert!(w.provenance["extra.Spoilers"].contains("line 3"));
}

#[test]
fn every_filled_field_has_provenance() {
    let mut r = raw(&[
        ("Title", "T"),
        ("Author", "A"),
        ("Rating", "PG"),
        ("Warnings", "none"),
        ("Category", "gen"),
        ("Fandom", "BtVS"),
        ("Pairing", "Buffy & Willow"),
        ("Characters", "Buffy"),
        ("Genre", "Angst"),
        ("Summary", "S"),
        ("Notes", "N"),
        ("Series", "S [1]"),
        ("Published", "2004-03-14"),
        ("Updated", "2004-03-15"),
        ("Status", "complete"),
        ("Language", "English"),
        ("URL", "https://example.org/1"),
        ("Spoilers", "none"),
    ]);
    r = with_chapter(r, None, "<p>Text.</p>");
    let w = run(r);
    for field in [
        "title",
        "authors",
        "rating",
        "warnings",
        "categories",
        "fandoms",
        "relationships",
        "characters",
        "tags",
        "summary",
        "notes",
        "series",
        "published",
        "updated",
        "status",
        "language",
        "source.url",
        "words",
        "chapters",
        "extra.Spoilers",
    ] {
        assert!(
            w.provenance.get(field).is_some_and(|p| !p.is_empty()),
            "no provenance for {field}"
        );
    }
}

#[test]
fn explained_decisions_name_field_input_origin_outcome_and_rule() {
    let (w, decisions) = explained(raw(&[("Rating", "NC17"), ("Pairing", "some Spike/Buffy")]));
    assert_eq!(w.rating.ao3, Ao3Rating::Explicit);
    let d = decisions.iter().find(|d| d.field == "rating").unwrap();
    assert_eq!((d.input.as_str(), d.outcome.as_str()), ("NC17", "Explicit"));
    assert_eq!(d.origin, "line 1: \"Rating: NC17\"");
    assert!(d.rule.contains("classic"));
    let d = decisions
        .iter()
        .find(|d| d.field == "relationships")
        .unwrap();
    assert_eq!(
        (d.input.as_str(), d.outcome.as_str()),
        ("some Spike/Buffy", "Spike/Buffy")
    );
    // The plain call gives the same work.
    assert_eq!(
        run(raw(&[("Rating", "NC17"), ("Pairing", "some Spike/Buffy")])),
        w
    );
}

#[test]
fn reader_diagnostics_come_first() {
    let mut r = raw(&[("Rating", "R")]);
    r.diagnostics
        .push(Diagnostic::info("decoded as windows-1252"));
    let w = run(r);
    assert_eq!(w.diagnostics[0].message, "decoded as windows-1252");
}

#[test]
fn control_characters_from_character_references_are_removed_everywhere() {
    // An HTML reader decodes `&#2;` after the decoder has cleaned the file: the normalizer
    // cleans values, labels and chapter titles, the sanitizer the HTML.
    let r = raw(&[
        ("Title", "The\u{7} Storm"),
        ("Author", "Bea O\u{2}Neill"),
        ("Tags", "Angst,\u{1b} Fluff\u{ffff}"),
        ("Spoil\u{1}ers", "Season\u{85} 6"),
        ("Summary", "A\u{3}B"),
    ]);
    let w = run(with_chapter(r, Some("One\u{8}"), "<p>x&#2;y z</p>"));
    assert_eq!(w.title, "The Storm");
    assert_eq!(w.authors[0].name, "Bea ONeill");
    assert_eq!(w.tags, ["Angst", "Fluff"]);
    assert_eq!(
        w.extra.get("Spoilers").map(String::as_str),
        Some("Season 6")
    );
    assert_eq!(w.summary.as_deref(), Some("<p>AB</p>"));
    assert_eq!(w.chapters[0].title.as_deref(), Some("One"));
    assert_eq!(w.chapters[0].html, "<p>xy z</p>");
    let json = serde_json::to_string(&w).unwrap();
    assert!(
        !json.contains("\\u00") && !json.contains('\u{ffff}'),
        "{json}"
    );
}
