//! Bylines on generic pages: a `by …` line gives the authors (with a linked e-mail address),
//! and a sentence that merely starts with "By" stays story text.

use ficshelf_ingest::{Options, read_raw};
use ficshelf_model::FieldKey;

fn authors_and_text(html: &str) -> (Vec<String>, String) {
    let raw = read_raw("page.html", html.as_bytes(), &Options::default()).expect("reads");
    let authors = raw
        .fields
        .iter()
        .filter(|f| f.key == FieldKey::Author)
        .map(|f| f.value.clone())
        .collect();
    let text = raw
        .chapters
        .iter()
        .map(|c| c.html.clone())
        .collect::<Vec<_>>()
        .join("\n");
    (authors, text)
}

#[test]
fn a_linked_email_in_a_byline_is_kept() {
    let (authors, _) = authors_and_text(
        "<html><body><h1>Salt Letters</h1><p>by <a href=\"mailto:wren@example.org\">Wren Alder</a></p>\
         <p>The tide came in at noon and did not leave until the lamps were lit.</p></body></html>",
    );
    assert_eq!(authors, ["Wren Alder <wren@example.org>"]);
}

#[test]
fn a_sentence_starting_with_by_is_story_text() {
    let (authors, text) = authors_and_text(
        "<html><body><h1>Counting</h1>\
         <p>By February the count had reached thirty, and nobody was surprised any more.</p></body></html>",
    );
    assert!(authors.is_empty(), "{authors:?}");
    assert!(
        text.contains("By February the count had reached thirty"),
        "{text}"
    );
}
