//! Unit tests of the label/value shapes.

use super::*;
use scraper::Html;

/// What `pick` finds in the page's body: `body` (block labels of the body), `first` (block
/// labels of its first element), `table`, `dl`.
fn found_in(html: &str, pick: &str) -> Vec<(FieldKey, String, String)> {
    let doc = Html::parse_document(html);
    let body = dom::body(&doc).expect("body");
    let first = dom::child_elements(body).next();
    let found = match (pick, first) {
        ("body", _) => block_labels(body),
        ("first", Some(f)) => block_labels(f),
        ("table", Some(f)) => table_labels(f),
        ("dl", Some(f)) => dl_labels(f),
        _ => Vec::new(),
    };
    found
        .iter()
        .map(|f| (f.field_key(), f.label.clone(), f.value()))
        .collect()
}

fn kv(key: FieldKey, label: &str, value: &str) -> (FieldKey, String, String) {
    (key, label.to_string(), value.to_string())
}

#[test]
fn bold_labels_with_the_colon_inside_or_outside() {
    let got = found_in(
        "<b>Title:</b> The Tide<br><strong>Rating</strong>: PG-13<br>\
         <span class=\"label\">Rated:</span> R<br><b>Mood :</b> calm",
        "body",
    );
    assert_eq!(
        got,
        vec![
            kv(FieldKey::Title, "Title", "The Tide"),
            kv(FieldKey::Rating, "Rating", "PG-13"),
            kv(FieldKey::Rating, "Rated", "R"),
            kv(FieldKey::Extra("Mood".into()), "Mood", "calm"),
        ]
    );
}

#[test]
fn several_labels_on_one_line() {
    let got = found_in(
        "<div class=content><span class=\"label\">Chapters: </span> 3 \
         <span class=\"label\">Completed:</span> Yes <br>\
         <span class=label>Published: </span>03/14/2004</div>",
        "body",
    );
    assert_eq!(
        got,
        vec![
            kv(FieldKey::Chapters, "Chapters", "3"),
            kv(FieldKey::Status, "Completed", "Yes"),
            kv(FieldKey::Published, "Published", "03/14/2004"),
        ]
    );
}

#[test]
fn plain_text_lines_and_continuations() {
    let got = found_in(
        "<p>Title: Salt<br>Pairing: Mara/Tobias<br>Summary: A long summary that<br>goes on.</p>",
        "first",
    );
    assert_eq!(
        got,
        vec![
            kv(FieldKey::Title, "Title", "Salt"),
            kv(FieldKey::Relationships, "Pairing", "Mara/Tobias"),
            kv(FieldKey::Summary, "Summary", "A long summary that goes on."),
        ]
    );
    // Story text is not a label block.
    assert!(found_in("<p>She said: no.</p>", "body").is_empty());
    assert!(found_in("<p>It was <b>dark</b> and cold.</p>", "body").is_empty());
}

#[test]
fn scripts_never_contribute_to_values() {
    let got = found_in("<b>Title:</b> <script>alert(1)</script>Innocent", "body");
    assert_eq!(got, vec![kv(FieldKey::Title, "Title", "Innocent")]);
}

#[test]
fn tables_and_definition_lists() {
    let got = found_in(
        "<table><tr><td><b>Fandom:</b></td><td>Original Work</td></tr>\
         <tr><th>Words</th><td>1,034</td></tr><tr><td>just a cell</td><td>x</td></tr></table>",
        "table",
    );
    assert_eq!(
        got,
        vec![
            kv(FieldKey::Fandoms, "Fandom", "Original Work"),
            kv(FieldKey::Words, "Words", "1,034"),
        ]
    );
    let got = found_in(
        "<dl><dt>Character:</dt><dd><ul><li>Mara</li><li>Ines</li></ul></dd><dt>Odd!?</dt><dd>x</dd></dl>",
        "dl",
    );
    assert_eq!(
        got,
        vec![kv(FieldKey::Characters, "Character", "Mara, Ines")]
    );
}

#[test]
fn prose_values_keep_their_markup() {
    let doc = Html::parse_document("<p><b>Summary</b>: She <i>keeps</i> the light &amp; more.</p>");
    let body = dom::body(&doc).expect("body");
    let found = block_labels(body);
    let field = found[0].to_field("", "p");
    assert_eq!(field.value, "She keeps the light & more.");
    assert_eq!(
        field.html.as_deref(),
        Some("<p>She <i>keeps</i> the light &amp; more.</p>")
    );
    assert_eq!(field.origin, "p: \"Summary: She keeps the light & more.\"");
}

#[test]
fn label_shapes() {
    assert_eq!(
        clean_label(" *Pairing(s)*: ").as_deref(),
        Some("Pairing(s)")
    );
    assert_eq!(clean_label("It was a dark and stormy night"), None);
    assert_eq!(clean_label("Who? Me."), None);
    assert_eq!(text_label("At 10:30 she left", false), None);
    assert_eq!(text_label("At 10:30 she left", true), None);
    assert_eq!(
        text_label("Time: 10:30", false).map(|t| t.2),
        Some("10:30".to_string())
    );
    assert_eq!(
        text_label("Site: http://x", true).map(|t| t.0),
        Some("Site".to_string())
    );
    assert_eq!(text_label("Mood: calm", false), None);
}
