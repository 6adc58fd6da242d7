//! The seam the EPUB reader uses, and the guards of `parse_page`.

use ficshelf_model::FieldKey;

use super::*;

#[test]
fn pages_over_the_html_limit_are_refused_before_parsing() {
    let limits = Limits {
        max_html_bytes: 100,
        ..Limits::default()
    };
    let page = format!("<p>{}</p>", "x".repeat(200));
    let err = read(page.as_bytes(), &limits).expect_err("too large");
    assert_eq!(
        err.to_string(),
        "HTML page is 207 bytes, over the 100 bytes limit (max_html_bytes)"
    );
    assert!(parse_page(&page, &limits).is_err());
}

#[test]
fn deep_nesting_is_flattened_with_a_warning() {
    let limits = Limits {
        html_max_depth: 50,
        ..Limits::default()
    };
    let page = "<div>".repeat(1000) + "<p>Deep text.</p>" + &"</div>".repeat(1000);
    let (doc, diags) = parse_page(&page, &limits).expect("parsed");
    assert_eq!(diags.len(), 1);
    assert!(diags[0].message.contains("nested 1001 deep"), "{:?}", diags);
    let depth = doc
        .tree
        .nodes()
        .map(|n| n.ancestors().count())
        .max()
        .unwrap_or(0);
    assert!(depth <= 50 + 3, "depth {depth}");
    let raw = read(page.as_bytes(), &limits).expect("read");
    assert_eq!(raw.chapters.len(), 1);
    assert!(raw.chapters[0].html.contains("Deep text."));
}

#[test]
fn trees_that_outgrow_their_source_are_refused_while_parsing() {
    // Unclosed formatting elements are re-opened in every paragraph: 3 KB of tags and
    // 40,000 paragraphs would build a tree of millions of nodes.
    let fmt = [
        "b", "i", "u", "s", "em", "strong", "small", "big", "tt", "code",
    ];
    let opens: String = fmt.iter().map(|f| format!("<{f}>").repeat(3)).collect();
    let page = format!("<p>{opens}x{}", "<p>a".repeat(40_000));
    let err = parse_page(&page, &Limits::default()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "HTML page builds a tree of more than 300000 nodes, over the limit (html_max_nodes)"
    );
    // The same paragraphs without the formatting are an ordinary page.
    let plain = "<p>a".repeat(40_000);
    assert!(parse_page(&plain, &Limits::default()).is_ok());
}

#[test]
fn pieces_end_on_char_boundaries() {
    let s = "ab€cd";
    assert_eq!(char_floor(s, 3), 2);
    assert_eq!(char_floor(s, 5), 5);
    assert_eq!(char_floor(s, 100), s.len());
    assert_eq!(char_floor("€", 1), 3);
    let page = "é".repeat(PARSE_CHUNK);
    let (doc, _) = parse_page(&format!("<p>{page}</p>"), &Limits::default()).expect("parsed");
    let body = dom::body(&doc).expect("body");
    assert_eq!(dom::text(body), page);
}

#[test]
fn a_chapter_page_gives_its_heading_and_text() {
    let doc = scraper::Html::parse_document(
        "<html><body><h1>Chapter 2: Undertow</h1><p>The tide <i>turned</i>.</p>\
         <p><a href=\"ch1.html\">Previous chapter</a> | <a href=\"index.html\">Back to index</a></p>\
         </body></html>",
    );
    let c = chapter_content(&doc);
    assert_eq!(c.heading.as_deref(), Some("Chapter 2: Undertow"));
    assert_eq!(c.html, "<p>The tide <i>turned</i>.</p>");
    let raw = c.into_raw("spine item ch2.xhtml");
    assert_eq!(raw.origin, "spine item ch2.xhtml");
}

/// A page of the FanFicFare EPUB fixture (real FanFicFare output from our own text).
fn fanficfare_epub_page(name: &str) -> scraper::Html {
    use std::io::Read;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/fanficfare/fanficfare-keepers-ledger.epub");
    let file = std::fs::File::open(path).expect("fixture");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("entry")
        .read_to_string(&mut text)
        .expect("utf-8");
    parse_page(&text, &Limits::default()).expect("parsed").0
}

#[test]
fn fanficfare_epub_title_page_fields() {
    let doc = fanficfare_epub_page("OEBPS/title_page.xhtml");
    assert_eq!(page_producer(&doc), Producer::FanFicFare);
    let (fields, _) = page_fields(&doc, "title_page.xhtml");
    let get = |key: FieldKey| {
        fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    };
    assert_eq!(get(FieldKey::Title), Some("The Keeper's Ledger"));
    assert_eq!(get(FieldKey::Author), Some("Wren Alder"));
    assert_eq!(get(FieldKey::Url), Some("http://test1.com?sid=1001"));
    assert_eq!(get(FieldKey::Series), Some("Lights Along the Coast [2]"));
    assert_eq!(
        get(FieldKey::Extra("Series URL".into())),
        Some("http://test1.com?seriesid=77")
    );
    assert_eq!(get(FieldKey::Rating), Some("Teen"));
    assert_eq!(
        get(FieldKey::Warnings),
        Some("Mild Peril, No Archive Warnings Apply")
    );
    assert!(get(FieldKey::Summary).is_some_and(|s| s.starts_with("Mara keeps the light & the ledger <and nothing else>.")));
    let rating = fields
        .iter()
        .find(|f| f.key == FieldKey::Rating)
        .expect("rating");
    assert_eq!(rating.origin, "title_page.xhtml div: \"Rating: Teen\"");
    // A title page is not a chapter.
    assert_eq!(chapter_content(&doc).html, "");
}

#[test]
fn fanficfare_epub_chapter_page() {
    let doc = fanficfare_epub_page("OEBPS/file0002.xhtml");
    let c = chapter_content(&doc);
    assert_eq!(c.heading.as_deref(), Some("2. Salt Letters"));
    assert!(c.html.starts_with("<p>The letter was short"), "{}", c.html);
    assert!(!c.html.contains("Salt Letters"));
    let (fields, _) = page_fields(&doc, "file0002.xhtml");
    assert!(fields.is_empty(), "{fields:?}");
}

#[test]
fn ficshelf_epub_pages() {
    let title = scraper::Html::parse_document(
        "<html><body><header id=\"preface\"><h1 class=\"title\">The Tide</h1>\
         <p class=\"byline\">by <span class=\"author\" data-url=\"https://example.org/a\">Ada</span></p>\
         <dl class=\"meta\"><dt>Fandom</dt><dd class=\"fandoms\"><ul><li>Original Work</li></ul></dd>\
         <dt>Words</dt><dd class=\"words\">12</dd></dl>\
         <div class=\"summary\"><h2>Summary</h2><p>The sea.</p></div></header></body></html>",
    );
    assert_eq!(page_producer(&title), Producer::Ficshelf);
    let (fields, unused) = page_fields(&title, "title.xhtml");
    let kv: Vec<(FieldKey, &str)> = fields
        .iter()
        .map(|f| (f.key.clone(), f.value.as_str()))
        .collect();
    assert_eq!(
        kv,
        vec![
            (FieldKey::Title, "The Tide"),
            (FieldKey::Author, "Ada (https://example.org/a)"),
            (FieldKey::Fandoms, "Original Work"),
            (FieldKey::Summary, "The sea."),
        ]
    );
    assert_eq!(unused.len(), 1, "the count is ficshelf's own: {unused:?}");
    let chapter = scraper::Html::parse_document(
        "<html><body><section class=\"chapter\" id=\"chapter-2\"><h2>Chapter 2: Salt</h2>\
         <div class=\"chapter-notes\"><h3>Notes</h3><p>A note.</p></div>\
         <p>Text.</p></section></body></html>",
    );
    let c = chapter_content(&chapter);
    assert_eq!(c.heading.as_deref(), Some("Chapter 2: Salt"));
    assert_eq!(
        (c.html.as_str(), c.notes.as_deref()),
        ("<p>Text.</p>", Some("<p>A note.</p>"))
    );
    let afterword = scraper::Html::parse_document(
        "<html><body><footer id=\"afterword\"><div class=\"end-notes\"><h2>End Notes</h2><p>Bye.</p></div></footer></body></html>",
    );
    let (fields, _) = page_fields(&afterword, "afterword.xhtml");
    assert_eq!(fields.len(), 1);
    assert_eq!(
        (fields[0].key.clone(), fields[0].value.as_str()),
        (FieldKey::EndNotes, "Bye.")
    );
}

#[test]
fn any_other_chapter_page_and_several_chapters_on_one_page() {
    let doc = scraper::Html::parse_document(
        "<html><body><section class=\"level1\"><h1>The Weir</h1><p>Water.</p></section></body></html>",
    );
    assert_eq!(page_producer(&doc), Producer::Plain);
    let c = chapter_content(&doc);
    assert_eq!(
        (c.heading.as_deref(), c.html.as_str()),
        (Some("The Weir"), "<p>Water.</p>")
    );
    let doc = scraper::Html::parse_document(
        "<html><body><h2>Chapter 1</h2><p>One.</p><h2>Chapter 2</h2><p>Two.</p></body></html>",
    );
    let all = page_chapters(&doc, "text.xhtml");
    let titles: Vec<_> = all.iter().map(|c| c.title.as_deref()).collect();
    assert_eq!(titles, vec![Some("Chapter 1"), Some("Chapter 2")]);
    assert_eq!(all[1].origin, "text.xhtml h2: \"Chapter 2\"");
}
