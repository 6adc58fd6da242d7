//! The layouts the HTML reader knows, one fixture each: what it finds (fields with their
//! labels and origins, chapters and their titles, notes) and what the normalizer makes of it.

mod common;

use common::{all_html, bytes, extra, raw, titles, value, values};
use ficshelf_ingest::{Options, read_bytes};
use ficshelf_model::{FieldKey, Producer, Status, Work};

fn work(rel: &str) -> Work {
    read_bytes(rel, &bytes(rel), &Options::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn field<'a>(r: &'a ficshelf_model::RawWork, key: &FieldKey) -> &'a ficshelf_model::RawField {
    r.field(key)
        .unwrap_or_else(|| panic!("no {key:?} in {:?}", r.fields))
}

#[test]
fn bold_labels_between_line_breaks() {
    let r = raw("html/labels-bold-br.html");
    assert_eq!(r.producer, Producer::Plain);
    assert_eq!(
        values(&r),
        vec![
            (FieldKey::Title, "The Ferryman's Daughter".into()),
            (FieldKey::Author, "Petra Lind (petra@example.org)".into()),
            (FieldKey::Rating, "PG-13".into()),
            (FieldKey::Relationships, "Ada/Jonas".into()),
            (FieldKey::Fandoms, "Original Work".into()),
            (
                FieldKey::Summary,
                "Ada rows the last crossing of the night, and someone is waiting on the far bank."
                    .into()
            ),
            (extra("Disclaimer"), "Mine, all mine.".into()),
            (extra("Soundtrack"), "the river, mostly".into()),
        ]
    );
    // The colon outside the bold is no part of the value or the label.
    let rating = field(&r, &FieldKey::Rating);
    assert_eq!(
        (rating.label.as_str(), rating.origin.as_str()),
        ("Rating", "text: \"Rating: PG-13\"")
    );
    assert_eq!(r.chapters.len(), 1);
    let html = all_html(&r);
    assert!(html.starts_with("The river was high that autumn"), "{html}");
    assert!(html.ends_with("said Ada.<br>"), "{html}");
    let w = work("html/labels-bold-br.html");
    assert_eq!(w.authors[0].email.as_deref(), Some("petra@example.org"));
    assert_eq!(w.rating.ao3.as_str(), "Teen And Up Audiences");
    assert_eq!(
        w.extra.get("Soundtrack").map(String::as_str),
        Some("the river, mostly")
    );
}

#[test]
fn span_labels_in_a_header_box() {
    let r = raw("html/labels-span-class-label.html");
    assert_eq!(value(&r, &FieldKey::Rating), Some("PG-13"));
    assert_eq!(field(&r, &FieldKey::Rating).label, "Rated");
    assert_eq!(
        value(&r, &FieldKey::Characters),
        Some("Wren, the Lamplighter")
    );
    assert_eq!(r.chapters.len(), 1);
    assert!(all_html(&r).starts_with("<p>Every evening the Lamplighter"));
    // The page title, which names the archive too, yields to the labelled title.
    assert!(
        r.unused
            .iter()
            .any(|(_, t)| t == "Lanterns | Hollow Hill Archive")
    );
    assert_eq!(work("html/labels-span-class-label.html").title, "Lanterns");
}

#[test]
fn labels_in_paragraphs_and_chapter_headings() {
    let r = raw("html/labels-in-paragraphs.html");
    assert_eq!(value(&r, &FieldKey::Title), Some("Glasswork"));
    assert_eq!(
        value(&r, &extra("Timeline")),
        Some("the winter before the fire")
    );
    assert_eq!(
        field(&r, &FieldKey::Author).origin,
        "p: \"Author: Tamsin Reyes\""
    );
    assert_eq!(
        titles(&r),
        vec![Some("Chapter 1"), Some("Chapter 2: The Blue Bowl")]
    );
    let w = work("html/labels-in-paragraphs.html");
    let chapter_titles: Vec<_> = w.chapters.iter().map(|c| c.title.as_deref()).collect();
    assert_eq!(chapter_titles, vec![None, Some("The Blue Bowl")]);
    assert_eq!(w.categories.len(), 1);
}

#[test]
fn a_label_table_under_a_centered_title() {
    let r = raw("html/labels-table.html");
    let title = field(&r, &FieldKey::Title);
    assert_eq!(
        (title.value.as_str(), title.origin.as_str()),
        ("Winter Orchard", "h1: \"Winter Orchard\"")
    );
    // A `th` label needs no colon; a mailto link gives the author's address.
    assert_eq!(value(&r, &FieldKey::Fandoms), Some("Original Work"));
    assert_eq!(
        value(&r, &FieldKey::Author),
        Some("Juniper Vale <juniper@example.org>")
    );
    assert_eq!(
        field(&r, &FieldKey::Words).origin,
        "table: \"Word count: 612\""
    );
    assert_eq!(titles(&r), vec![Some("Part One"), Some("Part Two")]);
    let w = work("html/labels-table.html");
    assert_eq!(w.status, Status::Complete);
    assert_eq!(w.authors[0].email.as_deref(), Some("juniper@example.org"));
}

#[test]
fn a_definition_list_of_fields() {
    let r = raw("html/labels-definition-list.html");
    assert_eq!(value(&r, &FieldKey::Characters), Some("Orla, The Heron"));
    assert_eq!(value(&r, &FieldKey::Tags), Some("Magical Realism, Birds"));
    let w = work("html/labels-definition-list.html");
    assert_eq!(w.characters, vec!["Orla", "The Heron"]);
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2012-09-30")
    );
}

#[test]
fn metadata_in_comments() {
    let r = raw("html/comment-storyinfo.html");
    assert_eq!(
        values(&r),
        vec![
            (FieldKey::Title, "Night Ferry".into()),
            (FieldKey::Fandoms, "Original Work".into()),
            (FieldKey::Rating, "PG".into()),
            (FieldKey::Relationships, "Ada/Jonas".into()),
            (FieldKey::Author, "Petra Lind".into()),
        ]
    );
    assert!(field(&r, &FieldKey::Title).origin.starts_with("comment: "));
    assert!(r.unused.iter().any(|(_, t)| t == "night ferry"));

    let r = raw("html/comment-header-lines.html");
    assert_eq!(
        value(&r, &FieldKey::Url),
        Some("http://hollowhill.example.org/stories/kettle.html")
    );
    assert_eq!(value(&r, &FieldKey::Characters), Some("Wren, Granny Oake"));
    assert_eq!(value(&r, &extra("Spoilers")), Some("none at all"));
    let w = work("html/comment-header-lines.html");
    assert_eq!(w.source.site.as_deref(), Some("hollowhill.example.org"));
}

#[test]
fn title_meta_tags_and_numbered_headings() {
    let r = raw("html/plain-title-meta-numbered-headings.html");
    assert_eq!(value(&r, &FieldKey::Title), Some("Small Hours"));
    assert_eq!(field(&r, &FieldKey::Title).label, "title element");
    assert_eq!(value(&r, &FieldKey::Author), Some("Idris Kaye"));
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some("Three nights at an all-night laundrette.")
    );
    assert_eq!(
        value(&r, &FieldKey::Tags),
        Some("laundrette, insomnia, found family")
    );
    assert_eq!(
        titles(&r),
        vec![Some("1. Monday"), Some("2. Wednesday"), Some("3. Friday")]
    );
    let w = work("html/plain-title-meta-numbered-headings.html");
    assert_eq!(w.tags, vec!["laundrette", "insomnia", "found family"]);
    let chapter_titles: Vec<_> = w.chapters.iter().map(|c| c.title.as_deref()).collect();
    assert_eq!(
        chapter_titles,
        vec![Some("Monday"), Some("Wednesday"), Some("Friday")]
    );
}

#[test]
fn a_page_with_nothing_but_text_is_one_chapter() {
    let r = raw("html/plain-no-metadata.html");
    assert_eq!(
        values(&r),
        vec![(FieldKey::Title, "rain on the allotment".into())]
    );
    assert_eq!(titles(&r), vec![None]);
    assert_eq!(r.chapters[0].html.matches("<p>").count(), 3);
}

#[test]
fn chapter_markers_written_as_paragraphs() {
    let r = raw("html/chapter-markers-in-paragraphs.html");
    assert_eq!(value(&r, &FieldKey::Title), Some("Copper Beech"));
    assert_eq!(field(&r, &FieldKey::Title).label, "title line");
    assert_eq!(value(&r, &FieldKey::Author), Some("Hazel Worth"));
    assert_eq!(value(&r, &FieldKey::Rating), Some("G"));
    assert_eq!(titles(&r), vec![Some("Part One"), Some("Part Two")]);
    // `~ fin ~` ends the story: a status for the normalizer, not text.
    let status = field(&r, &FieldKey::Status);
    assert_eq!(
        (status.label.as_str(), status.value.as_str()),
        ("end marker", "fin")
    );
    assert!(!all_html(&r).contains("fin ~"));
    assert_eq!(
        work("html/chapter-markers-in-paragraphs.html").status,
        Status::Complete
    );
}

#[test]
fn navigation_and_tables_of_contents_are_not_text() {
    let r = raw("html/navigation-and-toc.html");
    assert_eq!(
        value(&r, &FieldKey::Title),
        Some("Lighthouse Keeping for Beginners")
    );
    assert_eq!(value(&r, &FieldKey::Author), Some("Wren Alder"));
    assert_eq!(
        titles(&r),
        vec![Some("Chapter 1: The Lens"), Some("Chapter 2: The Log")]
    );
    let unused: Vec<&str> = r.unused.iter().map(|(_, t)| t.as_str()).collect();
    for expected in [
        "Home | Story Index",
        "Contents",
        "Back to top",
        "« Previous Chapter | Back to index | Next Chapter »",
    ] {
        assert!(unused.contains(&expected), "{expected:?} not in {unused:?}");
    }
    assert_eq!(r.chapters[1].html.matches("<p>").count(), 2);
}

#[test]
fn end_notes_and_tbc_after_the_story() {
    let r = raw("html/end-notes-and-tbc.html");
    assert_eq!(
        value(&r, &FieldKey::Notes),
        Some("Posted in parts. Part one below.")
    );
    let end = field(&r, &FieldKey::EndNotes);
    assert_eq!(end.label, "Author's Notes");
    assert_eq!(
        end.html.as_deref(),
        Some("<p>Part two next week, weather permitting. Feedback is lovely.</p>")
    );
    assert_eq!(value(&r, &FieldKey::Status), Some("TBC..."));
    assert_eq!(r.chapters[0].html.matches("<p>").count(), 2);
    let w = work("html/end-notes-and-tbc.html");
    assert_eq!(w.status, Status::InProgress);
    assert!(
        w.end_notes
            .as_deref()
            .is_some_and(|n| n.contains("Part two next week"))
    );
}

#[test]
fn entities_are_decoded_exactly_once() {
    let r = raw("html/entities-decoded-once.html");
    assert_eq!(value(&r, &FieldKey::Title), Some("AT&T & Other Old Phones"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Bea O'Neill"));
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some("A switchboard operator, 1962. <Not> a love story &amp; not a spy story either.")
    );
    let html = all_html(&r);
    assert!(html.contains("Hollis &amp; Sons"), "{html}");
    assert!(html.contains("— even the ones"), "{html}");
    assert!(html.contains("“Number, please,”"), "{html}");
    let w = work("html/entities-decoded-once.html");
    assert_eq!(w.title, "AT&T & Other Old Phones");
    assert_eq!(
        w.summary.as_deref(),
        Some(
            "<p>A switchboard operator, 1962. &lt;Not&gt; a love story &amp;amp; not a spy story either.</p>"
        )
    );
}

#[test]
fn a_plain_text_story_in_a_pre_block() {
    let r = raw("html/pre-plain-text-story.html");
    assert_eq!(value(&r, &FieldKey::Title), Some("Rockpool"));
    assert_eq!(
        field(&r, &FieldKey::Title).origin,
        "pre line 1: \"TITLE: Rockpool\""
    );
    assert_eq!(
        value(&r, &FieldKey::Author),
        Some("Bryony Hale <bryony@example.org>")
    );
    assert_eq!(titles(&r), vec![Some("Part 1/2"), Some("Part 2/2")]);
    assert!(!all_html(&r).contains("Back to the archive") && !all_html(&r).contains("fin ~"));
    let w = work("html/pre-plain-text-story.html");
    assert_eq!(w.title, "Rockpool");
    assert_eq!(w.authors[0].email.as_deref(), Some("bryony@example.org"));
    assert_eq!(w.status, Status::Complete);
}
