//! Properties of `normalize` over arbitrary `RawWork`s: it never panics, the word count is the
//! sum of the chapters', the contract's invariants hold, and explaining changes nothing.

mod common;

use common::facts;
use ficshelf_markup::sanitize;
use ficshelf_model::{FieldKey, Format, Producer, RawChapter, RawField, RawWork, Work};
use ficshelf_normalize::{Options, TagMap, normalize, normalize_explained};
use proptest::prelude::*;

fn key() -> impl Strategy<Value = FieldKey> {
    prop_oneof![
        Just(FieldKey::Title),
        Just(FieldKey::Author),
        Just(FieldKey::Rating),
        Just(FieldKey::Warnings),
        Just(FieldKey::Categories),
        Just(FieldKey::Fandoms),
        Just(FieldKey::Relationships),
        Just(FieldKey::Characters),
        Just(FieldKey::Tags),
        Just(FieldKey::Summary),
        Just(FieldKey::Notes),
        Just(FieldKey::EndNotes),
        Just(FieldKey::Series),
        Just(FieldKey::Published),
        Just(FieldKey::Updated),
        Just(FieldKey::Status),
        Just(FieldKey::Language),
        Just(FieldKey::Words),
        Just(FieldKey::Chapters),
        Just(FieldKey::Url),
        Just(FieldKey::Extra("Spoilers".into())),
        Just(FieldKey::Extra("Timeline".into())),
        Just(FieldKey::Extra("Email".into())),
        Just(FieldKey::Extra("Series index".into())),
        "\\PC{0,12}".prop_map(FieldKey::Extra),
    ]
}

/// Values: arbitrary text, and pieces of the shapes the mappings look for, glued together.
fn value() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "\\PC{0,30}",
        Just("Spike/Buffy".to_string()),
        Just(" and ".to_string()),
        Just(", ".to_string()),
        Just("; ".to_string()),
        Just(" / ".to_string()),
        Just(" & ".to_string()),
        Just("some ".to_string()),
        Just("(implied)".to_string()),
        Just("pre-".to_string()),
        Just("NC-17".to_string()),
        Just("BtVS".to_string()),
        Just("Angel season 2".to_string()),
        Just("03/04/2004".to_string()),
        Just("Part 2 of ".to_string()),
        Just("[3]".to_string()),
        Just("jane@example.org".to_string()),
        Just("<b>".to_string()),
        Just("http://www.example.org/".to_string()),
        Just("Chapter III. ".to_string()),
        Just("3/?".to_string()),
        Just("×".to_string()),
        Just("ǅ".to_string()),
        Just("İ".to_string()),
    ];
    proptest::collection::vec(pieces, 0..6).prop_map(|v| v.concat())
}

fn field() -> impl Strategy<Value = RawField> {
    (key(), "\\PC{0,10}", value(), proptest::option::of(value())).prop_map(|(k, label, v, html)| {
        let f = RawField::new(k, label, v, "line 1");
        match html {
            Some(h) => f.with_html(h),
            None => f,
        }
    })
}

fn chapter() -> impl Strategy<Value = RawChapter> {
    let html = prop_oneof![
        "\\PC{0,60}",
        value().prop_map(|v| format!("<p>{v}</p>")),
        Just("<p>one two</p><hr/><p>three</p>".to_string()),
        Just("<div><div><i>deep".to_string()),
        Just("<script>x</script>".to_string()),
        Just(String::new()),
    ];
    (
        proptest::option::of(value()),
        html,
        proptest::option::of(value()),
    )
        .prop_map(|(t, h, n)| {
            let mut c = RawChapter::new(t, h, "chapter");
            c.notes = n;
            c
        })
}

fn raw_work() -> impl Strategy<Value = RawWork> {
    let producer = prop_oneof![
        Just(Producer::Plain),
        Just(Producer::EFiction),
        Just(Producer::Ao3)
    ];
    (
        producer,
        proptest::collection::vec(field(), 0..12),
        proptest::collection::vec(chapter(), 0..4),
    )
        .prop_map(|(p, fields, chapters)| {
            let mut r = RawWork::new(Format::Txt, p, "utf-8");
            r.fields = fields;
            r.chapters = chapters;
            r
        })
}

fn check(w: &Work) -> Result<(), TestCaseError> {
    prop_assert_eq!(w.words, w.chapters.iter().map(|c| c.words).sum::<u64>());
    prop_assert!(!w.title.trim().is_empty());
    prop_assert!(!w.warnings.ao3.is_empty());
    for c in &w.chapters {
        prop_assert_eq!(
            sanitize(&c.html),
            c.html.clone(),
            "chapter HTML is sanitized"
        );
        prop_assert!(c.title.as_deref().is_none_or(|t| !t.trim().is_empty()));
    }
    for html in [&w.summary, &w.notes, &w.end_notes].into_iter().flatten() {
        prop_assert_eq!(sanitize(html), html.clone());
    }
    for list in [&w.fandoms, &w.relationships, &w.characters, &w.tags] {
        prop_assert!(list.iter().all(|s| !s.trim().is_empty()));
        // No two values that differ only in case or spacing.
        let fold = |s: &String| {
            s.to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut folded: Vec<String> = list.iter().map(fold).collect();
        folded.sort();
        folded.dedup();
        prop_assert_eq!(folded.len(), list.len(), "duplicates in {:?}", list);
    }
    let back: Work = serde_json::from_str(&w.to_json_pretty())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, w);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn never_panics_and_keeps_the_invariants(r in raw_work()) {
        let w = normalize(r, &facts("a/b.txt"), &Options::default());
        check(&w)?;
    }

    #[test]
    fn explaining_changes_nothing(r in raw_work()) {
        let plain = normalize(r.clone(), &facts("x.txt"), &Options::default());
        let (explained, _) = normalize_explained(r, &facts("x.txt"), &Options::default());
        prop_assert_eq!(plain, explained);
    }

    #[test]
    fn options_never_break_the_invariants(r in raw_work(), day_first: bool, infer: bool) {
        let map = TagMap::from_csv("Original Tag,AO3 Tag,AO3 Type\nSpike/Buffy,,\nBtVS,Gen,category\nnone,Mature,rating\n")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let opts = Options { tag_map: Some(map), day_first, infer_fandoms: infer };
        let w = normalize(r, &facts(""), &opts);
        check(&w)?;
    }
}

#[test]
fn a_huge_field_is_handled_in_reasonable_size() {
    // Long values are scanned once; the result must still be sane (no timing asserted).
    let long = "Spike/Buffy, ".repeat(20_000);
    let mut r = RawWork::new(Format::Txt, Producer::Plain, "utf-8");
    r.push(RawField::new(
        FieldKey::Relationships,
        "Pairing",
        long.clone(),
        "line 1",
    ));
    r.push(RawField::new(
        FieldKey::Summary,
        "Summary",
        "BtVS ".repeat(50_000),
        "line 2",
    ));
    r.push(RawField::new(
        FieldKey::Rating,
        "Rating",
        "R ".repeat(50_000),
        "line 3",
    ));
    let w = normalize(r, &facts("x.txt"), &Options::default());
    assert_eq!(w.relationships, vec!["Spike/Buffy"]);
    assert_eq!(w.fandoms, vec!["Buffy the Vampire Slayer"]);
}

#[test]
fn many_distinct_values_stay_linear() {
    // Each of these once took quadratic time somewhere (a `contains` in a loop, a lower-cased
    // copy per separator); they must now finish as fast as the input is long.
    let n = 20_000;
    let list = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>();
    let mut r = RawWork::new(Format::Txt, Producer::Plain, "utf-8");
    let tags = list(&|i| format!("tag{i}")).join(", ");
    r.push(RawField::new(FieldKey::Tags, "Tags", tags, "line 1"));
    let people = list(&|i| format!("Person{i}")).join(", ");
    r.push(RawField::new(
        FieldKey::Characters,
        "Characters",
        people,
        "line 2",
    ));
    let byline = list(&|i| format!("Writer{i}")).join(" & ");
    r.push(RawField::new(FieldKey::Author, "Author", byline, "line 3"));
    r.push(RawField::new(
        FieldKey::Relationships,
        "Pairing",
        "A x ".repeat(n) + "B",
        "line 4",
    ));
    r.push(RawField::new(
        FieldKey::Rating,
        "Rating",
        "a/".repeat(n * 3),
        "line 5",
    ));
    r.push(RawField::new(
        FieldKey::Warnings,
        "Warnings",
        "x (".repeat(n),
        "line 6",
    ));
    for i in 0..n {
        r.push(RawField::new(
            FieldKey::Notes,
            "Notes",
            format!("note {i}"),
            format!("line {}", 7 + i),
        ));
        r.push(RawField::new(
            FieldKey::Extra("Mood".into()),
            "Mood",
            format!("mood {i}"),
            format!("m{i}"),
        ));
    }
    let w = normalize(r, &facts("x.txt"), &Options::default());
    assert_eq!(w.tags.len(), n + 1, "the tags and the one unmapped warning");
    assert_eq!(w.characters.len(), n);
    assert_eq!(w.authors.len(), n);
    assert_eq!(w.relationships.len(), 1);
    assert_eq!(w.rating.ao3, ficshelf_model::Ao3Rating::NotRated);
    assert_eq!(
        w.notes.as_deref().map(|h| h.matches("<p>").count()),
        Some(n)
    );
    assert_eq!(w.extra["Mood"].matches("; ").count(), n - 1);
    assert!(w.fandoms.is_empty());
}
