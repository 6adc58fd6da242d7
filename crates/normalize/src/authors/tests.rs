use super::*;

fn a(name: &str, email: Option<&str>, url: Option<&str>) -> Author {
    Author {
        name: name.into(),
        email: email.map(Into::into),
        url: url.map(Into::into),
    }
}

fn authors(v: &str) -> Vec<Author> {
    parse(v).into_iter().map(|p| p.author).collect()
}

#[test]
fn author_shapes() {
    let jane = "jane@example.org";
    let cases: Vec<(&str, Vec<Author>)> = vec![
        ("Jane Doe", vec![a("Jane Doe", None, None)]),
        (
            "Jane Doe (jane@example.org)",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "Jane Doe <jane@example.org>",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "Jane Doe [jane@example.org]",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "jane@example.org (Jane Doe)",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        ("jane@example.org", vec![a("jane", Some(jane), None)]),
        ("mailto:jane@example.org", vec![a("jane", Some(jane), None)]),
        (
            "Jane Doe - jane@example.org",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "Jane Doe, jane@example.org",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "Jane Doe (jane at example dot org)",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "Jane Doe (jane [at] example [dot] org)",
            vec![a("Jane Doe", Some(jane), None)],
        ),
        (
            "Jane Doe (http://jane.example.org/)",
            vec![a("Jane Doe", None, Some("http://jane.example.org/"))],
        ),
        ("by Jane Doe", vec![a("Jane Doe", None, None)]),
        ("Written by Jane Doe", vec![a("Jane Doe", None, None)]),
        (
            "Jane & Joe",
            vec![a("Jane", None, None), a("Joe", None, None)],
        ),
        (
            "Jane and Joe",
            vec![a("Jane", None, None), a("Joe", None, None)],
        ),
        (
            "Jane, Joe; Ann",
            vec![
                a("Jane", None, None),
                a("Joe", None, None),
                a("Ann", None, None),
            ],
        ),
        (
            "Jane <jane@example.org>, Joe <joe@example.org>",
            vec![
                a("Jane", Some(jane), None),
                a("Joe", Some("joe@example.org"), None),
            ],
        ),
        (
            "jane@example.org, joe@example.org",
            vec![
                a("jane", Some(jane), None),
                a("joe", Some("joe@example.org"), None),
            ],
        ),
        ("Jane (Janie)", vec![a("Jane (Janie)", None, None)]),
    ];
    for (value, want) in cases {
        assert_eq!(authors(value), want, "{value:?}");
    }
}

#[test]
fn names_that_only_look_like_addresses() {
    assert_eq!(authors("Kate at Home"), vec![a("Kate at Home", None, None)]);
    assert_eq!(authors("Pat Atkins"), vec![a("Pat Atkins", None, None)]);
    assert_eq!(authors("@handle"), vec![a("@handle", None, None)]);
}

#[test]
fn rules_say_which_shape() {
    assert_eq!(parse("Jane <jane@example.org>")[0].rule, "Name (email)");
    assert_eq!(
        parse("jane@example.org")[0].rule,
        "bare e-mail (name from the address)"
    );
    assert!(parse("").is_empty());
    assert!(parse(" , ; & ").is_empty());
}

#[test]
fn an_item_is_one_author_with_what_the_writer_appended() {
    let item = |v: &str| parse_item(v).map(|p| p.author);
    let a =
        item("Dana, Scully & Mulder and co <dana@example.org> (https://example.org/d)").unwrap();
    assert_eq!(a.name, "Dana, Scully & Mulder and co");
    assert_eq!(a.email.as_deref(), Some("dana@example.org"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/d"));
    let a = item("by Wren (not a url)").unwrap();
    assert_eq!((a.name.as_str(), a.url), ("by Wren (not a url)", None));
    let a = item("Wren <not an address>").unwrap();
    assert_eq!((a.name.as_str(), a.email), ("Wren <not an address>", None));
    assert!(item(" -- ").is_none());
    // The same value as a typed byline is split.
    assert_eq!(parse("Dana, Scully & Mulder").len(), 3);
}

#[test]
fn punctuation_is_not_a_name_an_address_is() {
    let got = authors(". <june@example.org>");
    assert_eq!(got, [a("june", Some("june@example.org"), None)]);
    let item = parse_item(". <june@example.org>").map(|p| p.author);
    assert_eq!(item, Some(a("june", Some("june@example.org"), None)));
    assert!(parse_item("...").is_none());
}
