//! Unit tests of the generic reader: header zones, chapters, trailers, the page head.

use ficshelf_model::FieldKey;

use super::read;

fn reading(html: &str) -> super::Reading {
    read(&scraper::Html::parse_document(html), "")
}

fn kv(r: &super::Reading) -> Vec<(FieldKey, String)> {
    r.fields
        .iter()
        .map(|f| (f.key.clone(), f.value.clone()))
        .collect()
}

#[test]
fn labels_in_paragraphs_above_the_story_leave_the_text() {
    let r = reading(
        "<html><body><p>Title: Salt Letters</p><p>Author: Wren Alder</p><p>Rating: PG</p>\
         <p>Mood: rainy</p><p>The letter was short.</p><p>She wrote back.</p></body></html>",
    );
    assert_eq!(
        kv(&r),
        vec![
            (FieldKey::Title, "Salt Letters".into()),
            (FieldKey::Author, "Wren Alder".into()),
            (FieldKey::Rating, "PG".into()),
            (FieldKey::Extra("Mood".into()), "rainy".into()),
        ]
    );
    assert_eq!(r.chapters.len(), 1);
    assert_eq!(
        r.chapters[0].html,
        "<p>The letter was short.</p><p>She wrote back.</p>"
    );
}

#[test]
fn title_heading_byline_and_chapter_headings() {
    let r = reading(
        "<h1>The Lamp Room</h1><p>by Wren Alder</p><hr><h2>Chapter 1</h2><p>One.</p>\
         <h2>Chapter 2: Salt</h2><p>Two.</p><p><a href=index.html>Back to index</a></p>",
    );
    assert_eq!(
        kv(&r),
        vec![
            (FieldKey::Title, "The Lamp Room".into()),
            (FieldKey::Author, "Wren Alder".into()),
        ]
    );
    let titles: Vec<_> = r.chapters.iter().map(|c| c.title.clone()).collect();
    assert_eq!(
        titles,
        vec![Some("Chapter 1".into()), Some("Chapter 2: Salt".into())]
    );
    assert_eq!(r.chapters[1].html, "<p>Two.</p>");
    assert!(r.unused.iter().any(|(_, t)| t == "Back to index"));
}

#[test]
fn headings_that_are_not_chapters_stay_text() {
    let r = reading("<h1>Title</h1><p>Start.</p><h3>A Letter</h3><p>Dear keeper.</p>");
    assert_eq!(r.chapters.len(), 1);
    assert!(r.chapters[0].html.contains("<h3>A Letter</h3>"));
}

#[test]
fn end_notes_and_end_markers_leave_the_text() {
    let r = reading(
        "<p>Title: T</p><p>Story.</p><p>More story.</p><p>~ The End ~</p>\
         <p><b>Author's Notes:</b> Thanks for reading.</p>",
    );
    assert_eq!(r.chapters[0].html, "<p>Story.</p><p>More story.</p>");
    let keys: Vec<_> = r
        .fields
        .iter()
        .map(|f| (f.key.clone(), f.label.clone(), f.value.clone()))
        .collect();
    assert!(
        keys.contains(&(
            FieldKey::EndNotes,
            "Author's Notes".into(),
            "Thanks for reading.".into()
        )),
        "{keys:?}"
    );
    assert!(
        keys.contains(&(FieldKey::Status, "end marker".into(), "The End".into())),
        "{keys:?}"
    );
}

#[test]
fn head_fills_only_the_gaps() {
    let r = reading(
        "<html><head><title>Page Title</title><meta name=author content='Meta Author'>\
         <meta name=description content='A summary.'><meta name=keywords content='angst, fluff'></head>\
         <body><h1>Body Title</h1><p>Text.</p></body></html>",
    );
    assert_eq!(
        kv(&r),
        vec![
            (FieldKey::Title, "Body Title".into()),
            (FieldKey::Author, "Meta Author".into()),
            (FieldKey::Summary, "A summary.".into()),
            (FieldKey::Tags, "angst, fluff".into()),
        ]
    );
    assert!(r.unused.iter().any(|(_, t)| t == "Page Title"));
}

#[test]
fn summary_label_with_its_text_in_the_next_paragraph() {
    let r = reading(
        "<p><b>Title:</b> T</p><p><b>Summary:</b></p><p>She keeps <i>the</i> light.</p><p>Story.</p>",
    );
    let s = r
        .fields
        .iter()
        .find(|f| f.key == FieldKey::Summary)
        .expect("summary");
    assert_eq!(s.value, "She keeps the light.");
    assert_eq!(
        s.html.as_deref(),
        Some("<p>She keeps <i>the</i> light.</p>")
    );
    assert_eq!(r.chapters[0].html, "<p>Story.</p>");
}

#[test]
fn a_page_that_is_one_pre_is_read_as_plain_text() {
    let r = reading(
        "<html><body><pre>\nTitle: Salt\nRating: PG\n\nChapter 1\n\nThe sea was grey,\nand so was the sky.\n\nChapter 2\n\nThe tide came in.\n</pre></body></html>",
    );
    assert_eq!(
        kv(&r),
        vec![
            (FieldKey::Title, "Salt".into()),
            (FieldKey::Rating, "PG".into())
        ]
    );
    assert_eq!(r.fields[0].origin, "pre line 1: \"Title: Salt\"");
    let titles: Vec<_> = r.chapters.iter().map(|c| c.title.clone()).collect();
    assert_eq!(
        titles,
        vec![Some("Chapter 1".into()), Some("Chapter 2".into())]
    );
    // The plain-text reader builds the paragraphs.
    assert!(r.chapters[0].html.starts_with("<p>The sea was grey,"));
    assert!(r.chapters[0].html.ends_with("and so was the sky.</p>"));
    assert_eq!(r.chapters[1].html, "<p>The tide came in.</p>");
}

#[test]
fn a_pre_header_above_html_paragraphs() {
    let r = reading(
        "<pre>Title: Salt\nPairing: Mara/Tobias</pre><p>The sea was grey.</p><p>A poem:</p>\
         <pre>tide in\n  tide out</pre><p>And so on, for a long while, paragraph after paragraph of it.</p>",
    );
    assert_eq!(
        kv(&r),
        vec![
            (FieldKey::Title, "Salt".into()),
            (FieldKey::Relationships, "Mara/Tobias".into())
        ]
    );
    assert!(r.chapters[0].html.starts_with("<p>The sea was grey.</p>"));
    assert!(
        r.chapters[0]
            .html
            .contains("<pre>tide in\n  tide out</pre>")
    );
}
