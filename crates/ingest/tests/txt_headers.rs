//! Header blocks of plain-text fixtures: found, read as written, and kept out of the story.

mod common;

use common::{all_html, extra, raw, value, values};
use ficshelf_model::{FieldKey, Producer};

#[test]
fn uppercase_keys_with_wrapped_summary_and_email_in_parentheses() {
    let r = raw("txt/header-uppercase-keys.txt");
    assert_eq!(r.producer, Producer::Plain);
    assert_eq!(value(&r, &FieldKey::Title), Some("Salt in the Gutters"));
    assert_eq!(
        value(&r, &FieldKey::Author),
        Some("Merrow (merrow@example.net)")
    );
    assert_eq!(value(&r, &FieldKey::Rating), Some("R"));
    assert_eq!(value(&r, &FieldKey::Relationships), Some("Faith/Buffy"));
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some(
            "After the crater, nobody knows what a Slayer is for anymore, least of all the two \
             of them. A story about a motel by the sea and a long argument about breakfast."
        )
    );
    assert_eq!(value(&r, &extra("Spoilers")), Some("Through season seven"));
    let rating = r.field(&FieldKey::Rating).expect("rating");
    assert_eq!(rating.label, "RATING");
    assert_eq!(rating.origin, "line 3: \"RATING: R\"");
    assert!(all_html(&r).starts_with("<p>The motel sign"));
}

#[test]
fn mixed_case_keys_angle_email_and_unknown_keys_become_extra() {
    let r = raw("txt/header-mixed-case-keys-email-angle.txt");
    let author = r.field(&FieldKey::Author).expect("author");
    assert_eq!(author.label, "author");
    assert_eq!(
        author.value,
        "Pell Wainwright <pell.wainwright@example.org>"
    );
    assert_eq!(value(&r, &FieldKey::Relationships), Some("Ada/Corin"));
    assert_eq!(
        value(&r, &extra("Timeline")),
        Some("Three years before the flood")
    );
    assert_eq!(value(&r, &extra("Mood")), Some("Rainy"));
    assert_eq!(value(&r, &FieldKey::Words), Some("612"));
    assert_eq!(r.fields.len(), 9);
    assert!(all_html(&r).starts_with("<p>Ada had drawn the river wrong"));
}

#[test]
fn star_frame_with_side_borders() {
    let r = raw("txt/header-star-frame.txt");
    assert_eq!(
        values(&r),
        vec![
            (FieldKey::Title, "Lanterns".into()),
            (FieldKey::Author, "Tamsin Reeve".into()),
            (FieldKey::Rating, "PG".into()),
            (FieldKey::Characters, "Willow, Tara".into()),
        ]
    );
    let html = all_html(&r);
    assert!(!html.contains('*'), "{html}");
    assert_eq!(r.chapters.len(), 1);
}

#[test]
fn equals_frame_with_indented_continuations() {
    let r = raw("txt/header-equals-frame-indented-continuation.txt");
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some("Jo goes to the seaside to write and finds that the sea has opinions about her plot.")
    );
    assert_eq!(
        value(&r, &FieldKey::Notes),
        Some(
            "Written for the summer swap. Thank you to my beta, who read it three times and only \
             complained twice."
        )
    );
    assert_eq!(
        value(&r, &FieldKey::Relationships),
        Some("Jo March/Laurie (Little Women)")
    );
    assert!(!all_html(&r).contains("==="));
    assert!(!all_html(&r).contains("<hr/>"));
}

#[test]
fn free_text_inside_a_frame_is_unused_not_story() {
    let r = raw("txt/header-tilde-dash-frames.txt");
    assert_eq!(value(&r, &FieldKey::Tags), Some("Gen, Slice of Life"));
    assert_eq!(r.unused.len(), 1);
    assert_eq!(r.unused[0].1, "For everyone who has ever worked nights.");
    assert!(!all_html(&r).contains("worked nights"));
    assert!(all_html(&r).starts_with("<p>The bakery opened at five"));
}

#[test]
fn loose_lowercase_headers_without_title_or_author() {
    let r = raw("txt/header-loose-lowercase-no-title.txt");
    assert_eq!(r.field(&FieldKey::Title), None);
    assert_eq!(r.field(&FieldKey::Author), None);
    assert_eq!(value(&r, &FieldKey::Rating), Some("pg-13"));
    assert_eq!(value(&r, &FieldKey::Relationships), Some("giles/jenny"));
    assert_eq!(
        value(&r, &FieldKey::Notes),
        Some("written in one sitting, forgive the typos.")
    );
    assert!(all_html(&r).starts_with("<p>The library was cold"));
}

#[test]
fn bare_title_line_and_byline() {
    let r = raw("txt/bare-title-byline.txt");
    let title = r.field(&FieldKey::Title).expect("title");
    assert_eq!(
        (title.label.as_str(), title.value.as_str()),
        ("title line", "The Long Way Round")
    );
    let author = r.field(&FieldKey::Author).expect("author");
    assert_eq!(
        (author.label.as_str(), author.value.as_str()),
        ("byline", "Hester Quayle")
    );
    assert_eq!(author.origin, "line 3: \"by Hester Quayle\"");
    let html = all_html(&r);
    assert!(
        !html.contains("Long Way Round") && !html.contains("Hester"),
        "{html}"
    );
    assert_eq!(common::count(&html, "<p>"), 3);
}

#[test]
fn title_and_byline_followed_by_a_header_block() {
    let r = raw("txt/title-byline-then-header.txt");
    assert_eq!(value(&r, &FieldKey::Title), Some("Borrowed Light"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Ines Calloway"));
    assert_eq!(value(&r, &FieldKey::Fandoms), Some("Stargate SG-1"));
    assert!(value(&r, &FieldKey::Summary).is_some_and(|s| s.ends_with("until the gate opens.")));
    assert!(all_html(&r).starts_with("<p>\"Tell me you packed spare batteries,\""));
}

#[test]
fn quoted_title_by_name_on_one_line() {
    let r = raw("txt/quoted-title-byline.txt");
    assert_eq!(value(&r, &FieldKey::Title), Some("Small Hours"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Rook Abernathy"));
    assert!(!all_html(&r).contains("Small Hours"));
}

#[test]
fn boilerplate_before_the_header_is_unused() {
    let r = raw("txt/header-after-boilerplate.txt");
    assert_eq!(value(&r, &FieldKey::Title), Some("Stakeout"));
    assert_eq!(
        value(&r, &FieldKey::Author),
        Some("Gwynn (gwynn@example.com)")
    );
    assert_eq!(r.unused.len(), 1);
    assert!(r.unused[0].1.starts_with("This story was posted"));
    assert!(!all_html(&r).contains("Hellmouth Fic List"));
}

#[test]
fn a_story_without_any_header() {
    let r = raw("txt/story-no-header-no-markers.txt");
    assert!(r.fields.is_empty());
    assert_eq!(r.chapters.len(), 1);
    assert_eq!(r.chapters[0].title, None);
    assert_eq!(r.chapters[0].origin, "whole text (no chapter markers)");
    assert!(
        r.chapters[0]
            .html
            .starts_with("<p>The envelope had been under the doormat")
    );
    assert_eq!(common::count(&r.chapters[0].html, "<p>"), 4);
}

#[test]
fn only_headers_and_only_a_title_read_without_chapters() {
    let r = raw("txt/only-headers-no-story.txt");
    assert_eq!(value(&r, &FieldKey::Title), Some("A Story I Never Wrote"));
    assert_eq!(value(&r, &FieldKey::Summary), Some("Someday."));
    assert!(r.chapters.is_empty());
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.message == "no story text found after the header")
    );

    let r = raw("txt/only-a-title.txt");
    assert_eq!(
        value(&r, &FieldKey::Title),
        Some("Untitled Work in Progress")
    );
    assert_eq!(r.fields.len(), 1);
    assert!(r.chapters.is_empty());
}

#[test]
fn ficshelf_own_layout_reads_back() {
    let r = raw("txt/ficshelf-own-layout.txt");
    assert_eq!(r.producer, Producer::Ficshelf);
    let authors: Vec<&str> = r
        .fields_of(&FieldKey::Author)
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(
        authors,
        vec!["Hester Quayle <hester@example.org>", "R. Second"]
    );
    assert_eq!(
        value(&r, &FieldKey::Warnings),
        Some("No Archive Warnings Apply")
    );
    assert_eq!(value(&r, &FieldKey::Series), Some("Gull Point [2]"));
    assert_eq!(
        value(&r, &FieldKey::Url),
        Some("https://archive.example.org/story/17")
    );
    // `Words:` is ficshelf's own count: kept out of the fields.
    assert_eq!(r.field(&FieldKey::Words), None);
    assert!(r.unused.iter().any(|(_, t)| t == "Words: 180"));
    let summary = r.field(&FieldKey::Summary).expect("summary");
    assert_eq!(
        summary.value,
        "The fog comes in at four, the storm comes in at six, and by midnight the diner is the \
         only light on the coast.\n\nA story about _waiting_ & weather."
    );
    assert_eq!(
        summary.html.as_deref(),
        Some(
            "<p>The fog comes in at four, the storm comes in at six, and by midnight the diner \
             is the only light on the coast.</p>\n<p>A story about <em>waiting</em> &amp; \
             weather.</p>"
        )
    );
    let end_notes = r.field(&FieldKey::EndNotes).expect("end notes");
    assert_eq!(end_notes.label, "End Notes");
    assert!(
        end_notes
            .value
            .ends_with("\n\nSecond paragraph of the end notes.")
    );
    assert_eq!(
        common::titles(&r),
        vec![Some("Chapter 1: Into the Fog"), Some("Chapter 2")]
    );
    let html = all_html(&r);
    assert!(
        !html.contains("End Notes") && !html.contains("Thank you for reading"),
        "{html}"
    );
    assert!(!html.contains("===="));
    assert_eq!(common::count(&r.chapters[0].html, "<hr/>"), 1);
}

#[test]
fn ficshelf_chapter_summary_notes_and_end_notes() {
    let r = raw("txt/ficshelf-own-layout-chapter-notes.txt");
    assert_eq!(r.producer, Producer::Ficshelf);
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some("Two letters, and what came between them.")
    );
    // The last chapter's end notes are not the work's: they have no closing rule before them.
    assert_eq!(r.field(&FieldKey::EndNotes), None);
    assert_eq!(
        common::titles(&r),
        vec![Some("Chapter 1: The First Letter"), Some("Chapter 2")]
    );
    let first = &r.chapters[0];
    assert_eq!(first.summary.as_deref(), Some("<p>Mara writes back.</p>"));
    assert_eq!(
        first.notes.as_deref(),
        Some("<p>The letter below is quoted as she wrote it.</p>")
    );
    assert!(
        first.html.starts_with("<p>Mara wrote slowly"),
        "{}",
        first.html
    );
    assert!(!first.html.contains("Summary") && !first.html.contains("Mara writes back"));
    let second = &r.chapters[1];
    assert_eq!(
        second.end_notes.as_deref(),
        Some("<p>More soon, I hope.</p>")
    );
    assert!(
        second
            .html
            .ends_with("<p>The tide was already turning.</p>"),
        "{}",
        second.html
    );
    assert!(!second.html.contains("More soon"));
}

/// Real output of ficshelf's TXT writer (`ficshelf convert
/// fixtures/fanficfare/fanficfare-keepers-ledger.txt -o ficshelf-written-by-convert.txt`).
#[test]
fn ficshelf_writer_output_reads_back() {
    let r = raw("txt/ficshelf-written-by-convert.txt");
    assert_eq!(r.producer, Producer::Ficshelf);
    assert_eq!(value(&r, &FieldKey::Title), Some("The Keeper's Ledger"));
    // A wrapped, indented list value is joined back with single spaces.
    assert_eq!(
        value(&r, &FieldKey::Tags),
        Some("Mild Peril, Original Work, Tidewater Chronicles, Epistolary, Hurt/Comfort, Romance")
    );
    assert_eq!(
        value(&r, &extra("Series URL")),
        Some("http://test1.com?seriesid=77")
    );
    assert!(
        value(&r, &FieldKey::Summary)
            .is_some_and(|s| s.contains("灯台守 — or, once, in Greek, φάρος."))
    );
    assert_eq!(
        common::titles(&r),
        vec![
            Some("Chapter 1: The Lamp Room"),
            Some("Chapter 2: Salt Letters"),
            Some("Chapter 3: One Ship")
        ]
    );
    assert!(
        r.chapters[0]
            .html
            .contains("<em>wind steady, sea moderate, no ships</em>")
    );
    assert_eq!(r.chapters[0].html.matches("<hr/>").count(), 1);
}

#[test]
fn underlined_title_and_byline() {
    let r = raw("txt/title-underlined-byline.txt");
    assert_eq!(value(&r, &FieldKey::Title), Some("THE LONG NIGHT"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Jane Hollow"));
    let html = all_html(&r);
    assert!(html.starts_with("<p>The power went out at nine"), "{html}");
    assert!(!html.contains("<hr/>") && !html.contains("Hollow"));
}
