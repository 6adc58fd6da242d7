//! FanFicFare's txt output, generated offline from our own story (fixtures/fanficfare/).

mod common;

use common::{all_html, bytes, extra, raw, titles, value};
use ficshelf_model::{FieldKey, Producer};

#[test]
fn the_generated_file_really_is_fanficfare_shaped() {
    // Guard the fixture itself: CRLF line endings, a table of contents and `End file.`.
    let b = bytes("fanficfare/fanficfare-keepers-ledger.txt");
    let text = String::from_utf8(b).expect("utf-8");
    assert!(text.contains("\r\nTABLE OF CONTENTS\r\n"));
    assert!(text.trim_end().ends_with("End file."));
    assert!(text.contains("\r\n        1. The Lamp Room\r\n"));
}

#[test]
fn title_author_and_every_label() {
    let r = raw("fanficfare/fanficfare-keepers-ledger.txt");
    assert_eq!(r.producer, Producer::FanFicFare);
    let title = r.field(&FieldKey::Title).expect("title");
    assert_eq!(
        (title.label.as_str(), title.value.as_str()),
        ("title line", "The Keeper's Ledger")
    );
    assert_eq!(value(&r, &FieldKey::Author), Some("Wren Alder"));
    assert_eq!(
        value(&r, &FieldKey::Series),
        Some("Lights Along the Coast [2]")
    );
    assert_eq!(
        value(&r, &FieldKey::Categories),
        Some("Original Work, Tidewater Chronicles")
    );
    assert_eq!(
        value(&r, &FieldKey::Tags),
        Some("Epistolary, Hurt/Comfort, Romance")
    );
    assert_eq!(
        value(&r, &FieldKey::Characters),
        Some("Mara Quill, Old Ines, Tobias Fenn")
    );
    assert_eq!(
        value(&r, &FieldKey::Relationships),
        Some("Mara Quill/Tobias Fenn")
    );
    assert_eq!(value(&r, &FieldKey::Rating), Some("Teen"));
    assert_eq!(
        value(&r, &FieldKey::Warnings),
        Some("Mild Peril, No Archive Warnings Apply")
    );
    assert_eq!(value(&r, &FieldKey::Status), Some("Completed"));
    assert_eq!(value(&r, &FieldKey::Published), Some("2019-06-02"));
    assert_eq!(value(&r, &FieldKey::Updated), Some("2019-07-14"));
    assert_eq!(value(&r, &FieldKey::Url), Some("http://test1.com?sid=1001"));
    assert_eq!(
        value(&r, &extra("Series URL")),
        Some("http://test1.com?seriesid=77")
    );
    assert_eq!(value(&r, &extra("Publisher")), Some("test1.com"));
    // The summary wraps at 78 columns onto unindented lines: joined back with single spaces.
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some(
            "Mara keeps the light & the ledger <and nothing else>. Then a bottle washes up with \
             a letter that says \"thank you\" and signs off 灯台守 — or, once, in Greek, φάρος. A \
             long quiet story about small lights."
        )
    );
    // `End file.` is written whatever the status: it feeds no Status field.
    assert_eq!(r.fields_of(&FieldKey::Status).count(), 1);
    assert!(r.unused.iter().any(|(_, t)| t == "End file."));
}

#[test]
fn chapters_at_the_table_of_contents_titles() {
    let r = raw("fanficfare/fanficfare-keepers-ledger.txt");
    assert_eq!(
        titles(&r),
        vec![
            Some("1. The Lamp Room"),
            Some("2. Salt Letters"),
            Some("3. One Ship")
        ]
    );
    assert!(
        r.chapters[0]
            .origin
            .ends_with("(FanFicFare chapter heading)")
    );
    let html = all_html(&r);
    assert!(!html.contains("TABLE OF CONTENTS") && !html.contains("End file"));
    assert!(!html.contains("Lamp Room<") && !html.contains("Summary"));
    assert!(
        r.chapters[0]
            .html
            .starts_with("<p>The lamp room smelled of paraffin")
    );
    assert!(
        r.chapters[0]
            .html
            .contains("<em>wind steady, sea moderate, no ships</em>")
    );
    assert!(r.chapters[0].html.contains("<strong>whole point</strong>"));
    assert_eq!(r.chapters[0].html.matches("<hr/>").count(), 1);
    assert!(r.chapters[1].html.contains("paper &amp; a pencil"));
    assert!(
        r.chapters[2]
            .html
            .ends_with("<strong>one ship</strong>.</p>")
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn two_authors_and_chapter_n_titles_in_progress() {
    let r = raw("fanficfare/fanficfare-undertow-in-progress.txt");
    assert_eq!(r.producer, Producer::FanFicFare);
    assert_eq!(
        value(&r, &FieldKey::Title),
        Some("Undertow & Other Weather")
    );
    assert_eq!(value(&r, &FieldKey::Author), Some("Wren Alder, Sam Ossory"));
    assert_eq!(value(&r, &FieldKey::Status), Some("In-Progress"));
    assert_eq!(
        value(&r, &extra("Author URL")),
        Some("http://test1.com?authid=2211, http://test1.com?authid=2212")
    );
    assert_eq!(
        titles(&r),
        vec![Some("Chapter 1"), Some("Chapter 2: Undertow")]
    );
    assert!(r.chapters[1].html.starts_with("<p>The letter was short"));
}
