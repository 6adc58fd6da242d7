//! Pages written by software the reader recognizes: AO3 downloads, eFiction printable pages,
//! FanFicFare's HTML and ficshelf's own HTML.

mod common;

use common::{all_html, bytes, extra, raw, titles, value};
use ficshelf_ingest::{Options, read_bytes};
use ficshelf_model::{FieldKey, Producer, RawWork, Status, Work};

fn work(rel: &str) -> Work {
    read_bytes(rel, &bytes(rel), &Options::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every (key, label, value) of one key.
fn all_of(r: &RawWork, key: &FieldKey) -> Vec<(String, String)> {
    r.fields_of(key)
        .map(|f| (f.label.clone(), f.value.clone()))
        .collect()
}

fn origin_of<'a>(r: &'a RawWork, key: &FieldKey) -> &'a str {
    r.field(key).map(|f| f.origin.as_str()).unwrap_or_default()
}

#[test]
fn ao3_download_of_several_chapters() {
    let r = raw("html/ao3-download-multichapter.html");
    assert_eq!(r.producer, Producer::Ao3);
    assert_eq!(
        value(&r, &FieldKey::Title),
        Some("The Cartographer's Apprentice")
    );
    assert_eq!(
        origin_of(&r, &FieldKey::Title),
        "#preface h1: \"The Cartographer's Apprentice\""
    );
    assert_eq!(
        value(&r, &FieldKey::Author),
        Some("inkandvellum (http://archiveofourown.org/users/inkandvellum/pseuds/inkandvellum)")
    );
    assert_eq!(
        value(&r, &FieldKey::Url),
        Some("http://archiveofourown.org/works/31415926")
    );
    assert_eq!(
        value(&r, &FieldKey::Characters),
        Some("Ysolde, Pell, Master Ormond")
    );
    assert_eq!(
        origin_of(&r, &FieldKey::Characters),
        "#preface dl.tags: \"Characters: Ysolde, Pell, Master Ormond\""
    );
    assert_eq!(
        value(&r, &FieldKey::Series),
        Some("Part 2 of Ink and Vellum")
    );
    // The Stats line is split into its own fields.
    assert_eq!(
        all_of(&r, &FieldKey::Chapters),
        vec![("Chapters".into(), "3/?".into())]
    );
    assert_eq!(
        all_of(&r, &FieldKey::Updated),
        vec![("Updated".into(), "2021-04-11".into())]
    );
    assert_eq!(
        origin_of(&r, &FieldKey::Words),
        "#preface dl.tags dd (Stats): \"Words: 119\""
    );
    assert_eq!(
        r.field(&FieldKey::Summary).and_then(|f| f.html.as_deref()),
        Some(
            "<p>Ysolde draws coastlines she has never seen. Pell has seen all of them &amp; drawn none.</p>"
        )
    );
    assert_eq!(
        value(&r, &FieldKey::Notes),
        Some("For my sister, who still cannot fold a map.")
    );
    assert_eq!(
        value(&r, &FieldKey::EndNotes),
        Some("Thank you for reading! Part three is already half drawn.")
    );
    assert_eq!(
        titles(&r),
        vec![
            Some("Chapter 1: Vellum"),
            Some("Chapter 2"),
            Some("Chapter 3: Soundings")
        ]
    );
    let first = &r.chapters[0];
    assert_eq!(
        first.summary.as_deref(),
        Some("<p>The apprenticeship begins badly.</p>")
    );
    assert!(
        first
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("Vellum is calfskin"))
    );
    assert_eq!(
        first.end_notes.as_deref(),
        Some("<p>The dog will be important later. Probably.</p>")
    );
    assert!(first.html.starts_with("<p>Master Ormond's workshop"));
    assert!(!all_html(&r).contains("Chapter Summary") && !all_html(&r).contains("See the end"));

    let w = work("html/ao3-download-multichapter.html");
    assert_eq!(w.status, Status::InProgress);
    assert_eq!(w.series[0].name, "Ink and Vellum");
    assert_eq!(w.series[0].index, Some(2.0));
    assert_eq!(
        w.series[0].url.as_deref(),
        Some("http://archiveofourown.org/series/271828")
    );
    assert_eq!(w.relationships, vec!["Ysolde/Pell"]);
    assert_eq!(w.language.as_deref(), Some("en"));
    assert_eq!(w.words, 119);
    assert_eq!(w.chapters[0].title.as_deref(), Some("Vellum"));
    assert_eq!(w.chapters[1].title, None);
}

#[test]
fn ao3_oneshot_completed_with_two_authors() {
    let r = raw("html/ao3-download-oneshot.html");
    assert_eq!(r.producer, Producer::Ao3);
    // `Completed:` is the last update of a finished work.
    assert_eq!(
        all_of(&r, &FieldKey::Updated),
        vec![("Completed".into(), "2020-11-03".into())]
    );
    assert_eq!(
        all_of(&r, &FieldKey::Status),
        vec![("Stats".into(), "Completed".into())]
    );
    assert_eq!(r.fields_of(&FieldKey::Author).count(), 2);
    assert_eq!(value(&r, &extra("Collections")), Some("Rooftops Fest 2020"));
    assert_eq!(titles(&r), vec![None]);
    // AO3's hidden "Work Text:" landmark is not text.
    assert!(!all_html(&r).contains("Work Text"));
    let w = work("html/ao3-download-oneshot.html");
    assert_eq!(w.status, Status::Complete);
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2020-11-03")
    );
    assert_eq!(w.author_names(), vec!["harrowfen", "quillwright"]);
    assert_eq!(
        w.summary.as_deref(),
        Some("<p>The weathervane has opinions about the wind.</p>")
    );
    assert_eq!(w.words, 53);
}

#[test]
fn efiction_printable_page() {
    let r = raw("html/efiction-printable.html");
    assert_eq!(r.producer, Producer::EFiction);
    assert_eq!(value(&r, &FieldKey::Title), Some("Tide Tables"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Orla Penhallow"));
    assert_eq!(
        all_of(&r, &FieldKey::Rating),
        vec![("Rated".into(), "PG".into())]
    );
    // Several labels on one line, each with its own value.
    assert_eq!(
        all_of(&r, &FieldKey::Chapters),
        vec![("Chapters".into(), "2".into())]
    );
    assert_eq!(
        all_of(&r, &FieldKey::Status),
        vec![("Completed".into(), "Yes".into())]
    );
    assert_eq!(
        origin_of(&r, &FieldKey::Status),
        "div.content: \"Completed: Yes\""
    );
    assert_eq!(value(&r, &FieldKey::Published), Some("03/14/2004"));
    assert_eq!(value(&r, &FieldKey::Updated), Some("04/02/2004"));
    assert_eq!(
        value(&r, &FieldKey::Url),
        Some("http://hollowhill.example.org/viewstory.php?sid=214")
    );
    assert_eq!(
        all_of(&r, &FieldKey::Notes),
        vec![(
            "Story Notes".into(),
            "Written for the Harbour Lights ficathon. Thanks to Sal for the beta.".into()
        )]
    );
    assert_eq!(
        all_of(&r, &FieldKey::EndNotes),
        vec![("End Notes".into(), "The end! Thank you for reading.".into())]
    );
    assert_eq!(titles(&r), vec![Some("High Water"), Some("Low Water")]);
    assert_eq!(
        r.chapters[0].notes.as_deref(),
        Some("<p>Tide tables are real; these ones are not.</p>")
    );
    assert_eq!(
        r.chapters[0].end_notes.as_deref(),
        Some("<p>More soon!</p>")
    );
    assert!(
        r.chapters[0]
            .html
            .starts_with("Bram Tolley had kept the tide tables")
    );
    assert!(!all_html(&r).contains("back to top") && !all_html(&r).contains("1031"));

    let w = work("html/efiction-printable.html");
    assert_eq!(w.status, Status::Complete);
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2004-03-14")
    );
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2004-04-02")
    );
    assert_eq!(w.rating.ao3.as_str(), "General Audiences");
    assert_eq!(w.series[0].name, "Harbour Lights");
    assert_eq!(w.source.producer, Producer::EFiction);
}

#[test]
fn fanficfare_html_output() {
    let r = raw("fanficfare/fanficfare-keepers-ledger.html");
    assert_eq!(r.producer, Producer::FanFicFare);
    assert_eq!(value(&r, &FieldKey::Title), Some("The Keeper's Ledger"));
    assert_eq!(
        all_of(&r, &FieldKey::Url),
        vec![("Story URL".into(), "http://test1.com?sid=1001".into())]
    );
    assert_eq!(
        value(&r, &extra("Author URL")),
        Some("http://test1.com?authid=2211")
    );
    assert_eq!(
        value(&r, &extra("Series URL")),
        Some("http://test1.com?seriesid=77")
    );
    assert_eq!(
        value(&r, &FieldKey::Series),
        Some("Lights Along the Coast [2]")
    );
    assert_eq!(origin_of(&r, &FieldKey::Rating), "table: \"Rating: Teen\"");
    assert_eq!(
        titles(&r),
        vec![
            Some("1. The Lamp Room"),
            Some("2. Salt Letters"),
            Some("3. One Ship")
        ]
    );
    // The table of contents is not a chapter, nor text.
    let toc: Vec<&str> = r
        .unused
        .iter()
        .filter(|(o, _)| o.starts_with("table of contents"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        toc,
        vec!["1. The Lamp Room", "2. Salt Letters", "3. One Ship"]
    );
    assert!(r.chapters[0].html.starts_with("<p>The lamp room smelled"));

    let r = raw("fanficfare/fanficfare-bellringers-year.html");
    assert_eq!(r.chapters.len(), 14);
    assert_eq!(r.chapters[13].title.as_deref(), Some("Chapter 14"));
    let w = work("fanficfare/fanficfare-bellringers-year.html");
    assert!(
        w.chapters.iter().all(|c| c.title.is_none()),
        "`Chapter N` is only a marker"
    );
    assert_eq!(w.series[0].name, "Towers of the Marsh");
    assert_eq!(w.status, Status::Complete);
}

/// FanFicFare's txt and HTML of one story give the same work (issue 4, "Format invariance"):
/// only the source and the markup of the chapter text may differ (`<em>` where the txt had
/// `_italic_`).
#[test]
fn fanficfare_txt_and_html_give_the_same_work() {
    let txt = work("fanficfare/fanficfare-keepers-ledger.txt");
    let html = work("fanficfare/fanficfare-keepers-ledger.html");
    let plain = |w: &Work| -> Vec<String> {
        w.chapters
            .iter()
            .map(|c| ficshelf_markup::text_content(&c.html))
            .collect()
    };
    assert_eq!(plain(&txt), plain(&html));
    let comparable = |w: &Work| {
        let mut w = w.clone();
        w.source = html.source.clone();
        w.provenance.clear();
        w.diagnostics.clear();
        for c in &mut w.chapters {
            c.html.clear();
        }
        w
    };
    assert_eq!(comparable(&txt), comparable(&html));
}

#[test]
fn ficshelf_own_html_reads_back() {
    let r = raw("html/ficshelf-written-by-convert.html");
    assert_eq!(r.producer, Producer::Ficshelf);
    assert_eq!(
        all_of(&r, &FieldKey::Author),
        vec![
            ("author".into(), "Hester Quayle <hester@example.org>".into()),
            ("author".into(), "R. Second".into())
        ]
    );
    // One field per list item, so that no value is split again.
    assert_eq!(
        all_of(&r, &FieldKey::Characters)
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>(),
        vec!["Marguerite", "Ines", "The Stranger"]
    );
    assert_eq!(
        value(&r, &FieldKey::Url),
        Some("https://archive.example.org/story/17")
    );
    assert_eq!(value(&r, &extra("Spoilers")), Some("None"));
    // ficshelf's own counts are not declared ones.
    assert!(r.field(&FieldKey::Words).is_none() && r.field(&FieldKey::Chapters).is_none());
    assert_eq!(
        titles(&r),
        vec![Some("Chapter 1: Into the Fog"), Some("Chapter 2")]
    );
    assert!(r.unused.iter().any(|(o, _)| o == "nav#toc"));

    let r = raw("html/ficshelf-written-by-convert-chapter-notes.html");
    assert_eq!(
        r.chapters[0].summary.as_deref(),
        Some("<p>Mara writes back.</p>")
    );
    assert_eq!(
        r.chapters[0].notes.as_deref(),
        Some("<p>The letter below is quoted as she wrote it.</p>")
    );
    assert_eq!(
        r.chapters[1].end_notes.as_deref(),
        Some("<p>More soon, I hope.</p>")
    );
    assert!(!all_html(&r).contains("<h3>"));
}

/// The HTML that `ficshelf convert` wrote from a txt fixture reads back to the same work.
#[test]
fn ficshelf_html_round_trips_its_txt_source() {
    for (txt, html) in [
        (
            "txt/ficshelf-own-layout.txt",
            "html/ficshelf-written-by-convert.html",
        ),
        (
            "txt/ficshelf-own-layout-chapter-notes.txt",
            "html/ficshelf-written-by-convert-chapter-notes.html",
        ),
    ] {
        let (a, b) = (work(txt), work(html));
        assert_eq!(a.title, b.title);
        assert_eq!(a.authors, b.authors);
        assert_eq!(
            (
                &a.fandoms,
                &a.rating,
                &a.warnings,
                &a.relationships,
                &a.characters,
                &a.tags
            ),
            (
                &b.fandoms,
                &b.rating,
                &b.warnings,
                &b.relationships,
                &b.characters,
                &b.tags
            )
        );
        assert_eq!(
            (&a.summary, &a.notes, &a.end_notes),
            (&b.summary, &b.notes, &b.end_notes)
        );
        assert_eq!(
            (&a.series, a.published, a.updated, a.status),
            (&b.series, b.published, b.updated, b.status)
        );
        assert_eq!(a.words, b.words);
        assert_eq!(a.chapters.len(), b.chapters.len());
        for (x, y) in a.chapters.iter().zip(&b.chapters) {
            assert_eq!(
                (&x.title, x.words, &x.summary, &x.notes, &x.end_notes),
                (&y.title, y.words, &y.summary, &y.notes, &y.end_notes)
            );
        }
    }
}
