use ficshelf_model::{Author, Chapter, FieldKey};

use super::*;
use crate::testutil::{bare_work, full_work};

#[test]
fn full_work_in_the_documented_layout() {
    let out = render(&full_work());
    let expected_head = "\
Title: The Storm Over Sunnydale
Author: Jane Doe <jane@example.org>
Author: R. Second (https://example.org/r)
Fandom: Buffy the Vampire Slayer
Rating: Teen And Up Audiences
Archive Warning: No Archive Warnings Apply
Category: F/M
Relationship: Buffy Summers/Spike
Character: Buffy Summers, Spike, Willow Rosenberg
Additional Tags: Angst, Hurt/Comfort
Series: Hellmouth Nights [2]
Published: 2004-03-14
Updated: 2004-05-01
Status: Complete
Language: en
Words: 13
Source: https://archive.example.org/story/17
Spoilers: Season 6
Summary:
    First paragraph of the summary.

    Second _paragraph_.
Notes:
    Author's notes.

========================================================================

Chapter 1: Into the Dark

The night was _cold_ and **still**.

* * *

Later, the storm.

Chapter 2

Second chapter text.

========================================================================

End Notes:
    Thanks for reading!
";
    assert_eq!(out, expected_head);
}

#[test]
fn every_header_label_reads_back_to_its_field() {
    for line in render(&full_work())
        .lines()
        .take_while(|l| !l.starts_with("===="))
    {
        if line.starts_with(' ') || line.is_empty() {
            continue;
        }
        let label = line.split(':').next().unwrap();
        assert!(
            FieldKey::from_label(label).is_some(),
            "label {label:?} is not one the readers know"
        );
    }
}

#[test]
fn bare_work_has_title_rule_and_text_only() {
    let out = render(&bare_work());
    assert_eq!(
        out,
        format!("Title: Bare\nWords: 2\n\n{RULE}\n\nChapter 1\n\nOnly text.\n")
    );
}

#[test]
fn long_values_and_paragraphs_wrap_at_78_columns() {
    let mut w = bare_work();
    w.characters = (1..=30).map(|i| format!("Character Number {i}")).collect();
    let para = "word ".repeat(60);
    w.chapters = vec![Chapter::new(
        None,
        format!("<p>{para}</p><blockquote><p>{para}</p></blockquote>"),
        120,
    )];
    let out = render(&w);
    for line in out.lines() {
        assert!(
            line.chars().count() <= WIDTH,
            "{line:?} is longer than {WIDTH}"
        );
    }
    let chars: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Character:"))
        .take(5)
        .collect();
    assert!(chars[0].starts_with("Character: Character Number 1, Character Number 2,"));
    assert!(chars[1].starts_with("    Character Number"), "{chars:?}");
    assert!(out.contains("\n    word word"), "quote is indented");
}

#[test]
fn one_series_line_per_series() {
    let mut w = bare_work();
    w.series = vec![
        ficshelf_model::SeriesRef {
            name: "Nights, Vol. 1".into(),
            index: Some(1.5),
            url: None,
        },
        ficshelf_model::SeriesRef {
            name: "Bells".into(),
            index: None,
            url: None,
        },
    ];
    let out = render(&w);
    assert!(
        out.contains("\nSeries: Nights, Vol. 1 [1.5]\nSeries: Bells\n"),
        "{out}"
    );
}

#[test]
fn a_value_with_a_comma_switches_to_semicolons() {
    assert_eq!(join(&["a".into(), "b".into()]), "a, b");
    assert_eq!(
        join(&["Weather, Bad".into(), "b".into()]),
        "Weather, Bad; b"
    );
}

#[test]
fn lists_pre_and_breaks() {
    let mut w = bare_work();
    w.chapters = vec![Chapter::new(
        None,
        "<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol start=\"9\"><li>nine</li><li>ten</li></ol>\
         <pre>keep   this\n  as is</pre><p>line<br>broken</p>"
            .into(),
        0,
    )];
    let out = render(&w);
    let body = out.split("Chapter 1\n\n").nth(1).unwrap();
    assert_eq!(
        body,
        "- one\n- two\n\n  - inner\n\n9. nine\n10. ten\n\nkeep   this\n  as is\n\nline\nbroken\n"
    );
}

#[test]
fn hostile_strings_stay_on_their_lines() {
    let mut w = bare_work();
    w.title = "Title\nRating: Explicit".into();
    w.authors = vec![Author::named("A\u{0}B"), Author::named(" ")];
    w.extra.insert("Mood".into(), "line one\nline two".into());
    let out = render(&w);
    assert!(
        out.starts_with(
            "Title: Title Rating: Explicit\nAuthor: AB\nWords: 2\nMood: line one line two\n"
        ),
        "{out}"
    );
}

#[test]
fn wrap_breaks_at_spaces_only() {
    assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
    assert_eq!(
        wrap("https://example.org/a/very/long/url x", 10),
        ["https://example.org/a/very/long/url", "x"]
    );
    assert_eq!(wrap("", 10), [""]);
    assert_eq!(wrap("日本語の文章", 3), ["日本語の文章"]);
}
