//! EPUBs by the programs fan-fiction readers use, each read to what its author wrote: FanFicFare
//! (title page, EPUB 3 with a table title page and an update log, and without a title page),
//! AO3 (calibre's split of its HTML download), calibre, pandoc, ficshelf itself, and books no
//! known program made. The fixtures are real output made from our own text
//! (`fixtures/epub/make-producers.sh`, `make-handmade.py`).

mod common;

use common::{bytes, raw};
use ficshelf_ingest::{Options, read_bytes};
use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, FieldKey, Status, Work};

fn work(rel: &str) -> Work {
    read_bytes(rel, &bytes(rel), &Options::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn titles(w: &Work) -> Vec<Option<&str>> {
    w.chapters.iter().map(|c| c.title.as_deref()).collect()
}

fn series(w: &Work) -> Vec<(&str, Option<f64>)> {
    w.series
        .iter()
        .map(|s| (s.name.as_str(), s.index))
        .collect()
}

fn text(w: &Work) -> String {
    w.chapters
        .iter()
        .map(|c| c.html.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fanficfare_title_page_is_the_metadata() {
    let w = work("fanficfare/fanficfare-keepers-ledger.epub");
    assert_eq!(w.source.producer.as_str(), "fanficfare");
    assert_eq!(w.title, "The Keeper's Ledger");
    assert_eq!(w.author_names(), vec!["Wren Alder"]);
    assert_eq!(series(&w), vec![("Lights Along the Coast", Some(2.0))]);
    assert_eq!(w.rating.raw.as_deref(), Some("Teen"));
    assert_eq!(w.rating.ao3, Ao3Rating::Teen);
    assert_eq!(
        w.warnings.raw,
        vec!["Mild Peril", "No Archive Warnings Apply"]
    );
    assert_eq!(w.status, Status::Complete);
    assert_eq!(w.relationships, vec!["Mara Quill/Tobias Fenn"]);
    assert_eq!(w.characters, vec!["Mara Quill", "Old Ines", "Tobias Fenn"]);
    assert_eq!(w.source.url.as_deref(), Some("http://test1.com?sid=1001"));
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2019-06-02")
    );
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2019-07-14")
    );
    // Per-chapter <meta name="chaptertitle">, markers stripped by the normalizer.
    assert_eq!(
        titles(&w),
        vec![
            Some("The Lamp Room"),
            Some("Salt Letters"),
            Some("One Ship")
        ]
    );
    let summary = w.summary.as_deref().expect("summary");
    assert!(
        summary.contains("light &amp; the ledger &lt;and nothing else&gt;."),
        "{summary}"
    );
    // The OPF's flat subjects and FanFicFare's own stamps feed nothing.
    assert!(
        !w.tags.iter().any(|t| t.starts_with("Last Update")),
        "{:?}",
        w.tags
    );
    assert!(!w.tags.contains(&"Mara Quill".to_string()));
    // The title page is not a chapter.
    assert!(!text(&w).contains("Packaged"));
}

#[test]
fn fanficfare_epub3_with_a_table_title_page_a_contents_page_and_a_log() {
    let rel = "epub/fanficfare-epub3-table-logpage.epub";
    let w = work(rel);
    assert_eq!(w.source.producer.as_str(), "fanficfare");
    assert_eq!(w.title, "Salt & Iron");
    assert_eq!(w.author_names(), vec!["Wren Alder", "A. \"Quill\" O'Hara"]);
    assert_eq!(series(&w), vec![("Tides & Times", Some(3.0))]);
    assert_eq!(w.rating.ao3, Ao3Rating::Mature);
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::GraphicViolence]);
    assert_eq!(w.status, Status::InProgress);
    assert!(w.tags.contains(&"Rock & Roll".to_string()), "{:?}", w.tags);
    assert_eq!(titles(&w), vec![None, Some("Undertow & Co")]);
    let summary = w.summary.as_deref().expect("summary");
    assert!(summary.contains("<em>para</em> with AT&amp;T"), "{summary}");
    assert!(summary.contains("Second &lt;para&gt;."), "{summary}");
    let r = raw(rel);
    let left_out: Vec<&str> = r
        .unused
        .iter()
        .map(|(o, t)| (o.as_str(), t.as_str()))
        .filter(|(_, t)| t.starts_with("spine page left out"))
        .map(|(o, _)| o)
        .collect();
    assert_eq!(
        left_out,
        vec!["OEBPS/toc_page.xhtml", "OEBPS/log_page.xhtml"]
    );
}

#[test]
fn fanficfare_without_a_title_page_reads_its_opf() {
    let rel = "epub/fanficfare-no-title-page.epub";
    let w = work(rel);
    assert_eq!(w.source.producer.as_str(), "fanficfare");
    assert_eq!(w.title, "Salt & Iron");
    // Subjects escaped twice by FanFicFare are decoded once more; its stamps are left out and
    // its status subject is the status.
    assert!(w.tags.contains(&"Rock & Roll".to_string()), "{:?}", w.tags);
    assert!(
        !w.tags
            .iter()
            .any(|t| t.contains("&amp;") || t.starts_with("Last Update")),
        "{:?}",
        w.tags
    );
    assert_eq!(w.status, Status::InProgress);
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2020-01-05")
    );
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2020-02-11")
    );
    assert_eq!(w.source.url.as_deref(), Some("http://test1.com?sid=1003"));
    let r = raw(rel);
    let status = r.field(&FieldKey::Status).expect("status");
    assert_eq!(
        (status.label.as_str(), status.value.as_str()),
        ("dc:subject", "In-Progress")
    );
}

#[test]
fn ao3_pages_rejoined_read_like_the_download() {
    let w = work("epub/ao3-lantern-ferry.epub");
    assert_eq!(w.source.producer.as_str(), "ao3");
    assert_eq!(w.title, "The Lantern Ferry");
    assert_eq!(w.author_names(), vec!["Orrin_Dale"]);
    assert_eq!(w.rating.ao3, Ao3Rating::Teen);
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::NoneApply]);
    assert_eq!(w.categories, vec![Category::FM]);
    assert_eq!(w.fandoms, vec!["Original Work"]);
    assert_eq!(w.relationships, vec!["Nell Carrow/Aubin Ferris"]);
    assert_eq!(
        w.characters,
        vec!["Nell Carrow", "Aubin Ferris", "The Ferryman"]
    );
    assert_eq!(w.tags, vec!["Rivers", "Night Crossings", "Fluff and Angst"]);
    assert_eq!(series(&w), vec![("Salt Roads", Some(2.0))]);
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2022-02-01")
    );
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2022-03-15")
    );
    assert_eq!(w.status, Status::Complete);
    assert_eq!(
        w.source.url.as_deref(),
        Some("https://archiveofourown.org/works/5550123")
    );
    assert!(
        w.summary
            .as_deref()
            .is_some_and(|s| s.contains("night &amp; never asks"))
    );
    assert!(
        w.notes
            .as_deref()
            .is_some_and(|s| s.contains("For the river prompt"))
    );
    assert!(
        w.end_notes
            .as_deref()
            .is_some_and(|s| s.contains("about the buoy"))
    );
    assert_eq!(
        titles(&w),
        vec![Some("The Last Crossing"), Some("Fog"), None]
    );
    let c = &w.chapters;
    assert!(
        c[0].notes
            .as_deref()
            .is_some_and(|n| n.contains("a week before"))
    );
    assert!(
        c[0].end_notes
            .as_deref()
            .is_some_and(|n| n.contains("jar of them"))
    );
    assert!(
        c[1].summary
            .as_deref()
            .is_some_and(|n| n.contains("forgets which bank"))
    );
    // Notes, the preface and the afterword are not story text.
    let all = text(&w);
    for not_text in [
        "Chapter Notes",
        "jar of them",
        "Posted originally",
        "drop by the Archive",
        "Rating:",
    ] {
        assert!(!all.contains(not_text), "{not_text:?} in the chapters");
    }
    // AO3's publisher line is AO3 itself: not kept.
    assert!(!w.extra.contains_key("Publisher"), "{:?}", w.extra);
}

#[test]
fn calibre_series_subjects_and_split_files() {
    let w = work("epub/calibre-weir-keepers.epub");
    assert_eq!(w.source.producer.as_str(), "calibre");
    assert_eq!(w.title, "The Weir Keepers");
    assert_eq!(w.author_names(), vec!["Maud Ferrier"]);
    assert_eq!(series(&w), vec![("Callow Mill", Some(1.5))]);
    assert_eq!(w.tags, vec!["Rivers", "Family", "Slice of Life"]);
    assert_eq!(
        w.summary.as_deref(),
        Some("<p>Agnes keeps the weir &amp; the weir keeps <em>her</em>.</p>")
    );
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2018-09-20")
    );
    assert_eq!(
        w.extra.get("Publisher").map(String::as_str),
        Some("Thornbury Press")
    );
    // calibre's first split file holds only the book's heading: not a chapter.
    assert_eq!(
        titles(&w),
        vec![Some("High Water"), Some("The Boat"), Some("Somebody")]
    );
}

#[test]
fn pandoc_epub3_nav_description_and_headings() {
    let w = work("epub/pandoc-glass-orchard.epub");
    assert_eq!(w.source.producer.as_str(), "pandoc");
    assert_eq!(w.title, "The Glass Orchard");
    assert_eq!(w.author_names(), vec!["Ivo Marrow", "Petra Lune"]);
    assert_eq!(w.language.as_deref(), Some("en-GB"));
    assert_eq!(series(&w), vec![("Glass Seasons", Some(2.0))]);
    assert_eq!(w.tags, vec!["Magical Realism", "Sisters"]);
    let summary = w.summary.as_deref().expect("summary");
    assert!(
        summary.contains("Two sisters &amp; an orchard"),
        "{summary}"
    );
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2021-03-04")
    );
    // pandoc's dcterms:modified is the clock when it ran: not the updated date.
    assert_eq!(w.updated, None);
    assert_eq!(
        titles(&w),
        vec![
            Some("The First Frost"),
            Some("The Second Frost"),
            Some("The Thaw")
        ]
    );
    // A sub-heading stays in its chapter; the title page is not a chapter.
    assert!(w.chapters[1].html.contains("A Digression on Glass"));
    assert_eq!(
        w.extra.get("Rights").map(String::as_str),
        Some("All rights reserved by the authors.")
    );
}

#[test]
fn ficshelf_reads_its_own_epub_back() {
    let from_epub = work("epub/ficshelf-cartographers-apprentice.epub");
    let from_txt = work("epub/invariance-source.txt");
    assert_eq!(from_epub.source.producer.as_str(), "ficshelf");
    assert_eq!(from_epub.title, from_txt.title);
    assert_eq!(from_epub.authors, from_txt.authors);
    assert_eq!(
        from_epub.authors[0].email.as_deref(),
        Some("hollis@example.org")
    );
    assert_eq!(from_epub.fandoms, from_txt.fandoms);
    assert_eq!(from_epub.rating, from_txt.rating);
    assert_eq!(from_epub.warnings, from_txt.warnings);
    assert_eq!(from_epub.categories, from_txt.categories);
    assert_eq!(from_epub.relationships, from_txt.relationships);
    assert_eq!(from_epub.characters, from_txt.characters);
    assert_eq!(from_epub.tags, from_txt.tags);
    assert_eq!(from_epub.series, from_txt.series);
    assert_eq!(from_epub.published, from_txt.published);
    assert_eq!(from_epub.updated, from_txt.updated);
    assert_eq!(from_epub.status, from_txt.status);
    assert_eq!(from_epub.language, from_txt.language);
    assert_eq!(from_epub.source.url, from_txt.source.url);
    assert_eq!(from_epub.summary, from_txt.summary);
    assert_eq!(from_epub.notes, from_txt.notes);
    assert_eq!(from_epub.end_notes, from_txt.end_notes);
    assert_eq!(from_epub.extra, from_txt.extra);
    assert_eq!(titles(&from_epub), titles(&from_txt));
    assert_eq!(from_epub.words, from_txt.words);
    let (a, b) = (&from_epub.chapters[0], &from_txt.chapters[0]);
    assert_eq!(
        (&a.summary, &a.notes, &a.end_notes),
        (&b.summary, &b.notes, &b.end_notes)
    );
    assert!(a.notes.is_some() && a.end_notes.is_some());
}

#[test]
fn a_hand_made_epub2_with_cover_contents_and_a_split_chapter() {
    let rel = "epub/plain-epub2-cover-toc-split.epub";
    let w = work(rel);
    assert_eq!(w.source.producer.as_str(), "plain");
    assert_eq!(w.title, "Salt in the Breakwater");
    // The editor is a contributor, not an author.
    assert_eq!(w.author_names(), vec!["Tamsin Hollow"]);
    assert_eq!(
        w.published.map(|d| d.to_string()).as_deref(),
        Some("2009-11-02")
    );
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2010-01-15")
    );
    assert_eq!(w.tags, vec!["Harbours", "Winter"]);
    assert_eq!(
        w.summary.as_deref(),
        Some(
            "<p>The breakwater holds. Tamsin counts the stones &amp; writes down the ones that moved. &lt;3</p>"
        )
    );
    assert_eq!(
        w.source.url.as_deref(),
        Some("http://stories.example.net/breakwater/")
    );
    // What the OPF lacks comes from the title page.
    assert_eq!(w.rating.raw.as_deref(), Some("PG"));
    assert_eq!(w.extra.get("Spoilers").map(String::as_str), Some("none"));
    // Cover, contents and footnotes are not chapters; the page without a heading or an NCX
    // entry continues the chapter before it; NCX labels are the titles.
    assert_eq!(
        titles(&w),
        vec![Some("Counting Stones"), Some("The Stone That Moved")]
    );
    let one = &w.chapters[0].html;
    // windows-1252 declared by the page, not-well-formed XHTML read as HTML.
    assert!(
        one.contains("“Nineteen,” she told the harbourmaster."),
        "{one}"
    );
    // The continuation's one paragraph starts "By …": the page layout reader takes it for a
    // byline, but a chapter page's text is never dropped.
    assert!(
        one.contains("By February the count had reached thirty"),
        "{one}"
    );
    assert!(w.authors.iter().all(|a| !a.name.contains("February")));
    let two = &w.chapters[1].html;
    assert!(
        two.contains("alt=\"A drawing of the breakwater with one stone out of line\""),
        "{two}"
    );
    assert!(!text(&w).contains("The drawing is still there."));
    assert!(!text(&w).contains("Part Two"));
}

#[test]
fn a_hand_made_epub3_with_nav_landmarks_and_only_a_packaging_date() {
    let rel = "epub/plain-epub3-nav-landmarks.epub";
    let w = work(rel);
    assert_eq!(w.source.producer.as_str(), "plain");
    assert_eq!(w.title, "Lamplighters");
    assert_eq!(w.author_names(), vec!["Oona Vell"]);
    assert_eq!(w.language, None);
    assert_eq!(series(&w), vec![("Evening Stories", Some(3.0))]);
    // No other date: the packaging time is all there is.
    assert_eq!(
        w.updated.map(|d| d.to_string()).as_deref(),
        Some("2015-10-31")
    );
    assert!(
        w.diagnostics
            .iter()
            .any(|d| d.message.contains("dcterms:modified"))
    );
    assert_eq!(
        titles(&w),
        vec![
            Some("The First Evening"),
            Some("The Second Evening"),
            Some("The Third Evening")
        ]
    );
    assert!(!text(&w).contains("Drawings by Kit Farrow"));
}

#[test]
fn one_file_split_where_the_table_of_contents_points() {
    let w = work("epub/plain-one-file-three-chapters.epub");
    assert_eq!(
        titles(&w),
        vec![
            Some("The Morning Bell"),
            Some("The Noon Bell"),
            Some("The Evening Bell")
        ]
    );
    // A nested entry is a part of its chapter, not a chapter.
    assert!(w.chapters[1].html.contains("An Interruption"));
    assert!(w.chapters[1].html.contains("The vicar followed her up"));
    assert!(!w.chapters[0].html.contains("tuning fork"));
    assert!(w.chapters[2].html.contains("sounded"));
}
