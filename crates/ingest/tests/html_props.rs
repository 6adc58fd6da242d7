//! Property tests: the HTML reader never panics on HTML-ish input, and what it returns keeps
//! its promises (an HTML `RawWork`, no empty values, no empty chapters).

use ficshelf_ingest::{Options, read_bytes, read_raw};
use ficshelf_model::{Format, RawWork};
use proptest::prelude::*;

fn check(raw: &RawWork) {
    assert_eq!(raw.format, Format::Html);
    for f in &raw.fields {
        assert!(!f.value.trim().is_empty(), "{f:?}");
        assert!(!f.origin.is_empty(), "{f:?}");
    }
    for c in &raw.chapters {
        assert!(!c.html.trim().is_empty(), "{c:?}");
    }
}

/// Pieces of markup that drive the reader's decisions.
fn htmlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<b>Title:</b> ".to_string()),
        Just("<strong>Rating</strong>: ".to_string()),
        Just("<span class=\"label\">Rated:</span>".to_string()),
        Just("Summary: ".to_string()),
        Just("<h1>".to_string()),
        Just("</h1>".to_string()),
        Just("<h2>Chapter 2</h2>".to_string()),
        Just("<p><b>Part One</b></p>".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<table><tr><td><b>Fandom:</b></td><td>".to_string()),
        Just("</td></tr></table>".to_string()),
        Just("<dl><dt>Author</dt><dd>".to_string()),
        Just("<ul><li><a href=\"#c1\">".to_string()),
        Just("<!-- STORYINFO title: ".to_string()),
        Just(" -->".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<a href=\"javascript:x()\" onclick=\"y()\">".to_string()),
        Just("<div id=\"preface\"><dl class=\"tags\"><dt>Stats:</dt><dd>".to_string()),
        Just("<div id=\"chapters\"><div class=\"meta group\"><h2 class=\"heading\">".to_string()),
        Just("<div class=\"userstuff\">".to_string()),
        Just("<div id=\"pagetitle\">".to_string()),
        Just("<div class='chaptertitle'>".to_string()),
        Just("<div class='chapter'>".to_string()),
        Just("<div class='notes'><div class='title'>".to_string()),
        Just("<h1><a href=x>T</a> by <a class='authorlink' href=y>A</a></h1>".to_string()),
        Just("<a name=\"section0001\"><h2>".to_string()),
        Just("<meta name=\"generator\" content=\"ficshelf\">".to_string()),
        Just("<section class=\"chapter\"><h2>".to_string()),
        Just("<div class=\"chapter-notes\"><h3>Notes</h3>".to_string()),
        Just("&amp;".to_string()),
        Just("&#x0;".to_string()),
        Just("~ The End ~".to_string()),
        Just("by Someone".to_string()),
        "[a-zA-Z ,.:]{1,12}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| format!("<html><body>{}", v.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn html_shaped_input(page in htmlish()) {
        match read_raw("x.html", page.as_bytes(), &Options::default()) {
            Ok(raw) => check(&raw),
            Err(e) => prop_assert!(e.to_string().starts_with("file is empty"), "{}", e),
        }
        // Normalizing what the reader found never fails either.
        let _ = read_bytes("x.html", page.as_bytes(), &Options::default());
    }

    #[test]
    fn arbitrary_text_after_a_doctype(text in "\\PC{0,400}") {
        let page = format!("<!DOCTYPE html>{text}");
        let raw = read_raw("x.html", page.as_bytes(), &Options::default());
        prop_assert!(raw.is_ok(), "{:?}", raw.err());
        if let Ok(raw) = raw {
            check(&raw);
        }
    }

    #[test]
    fn arbitrary_bytes_after_a_doctype(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let mut page = b"<!DOCTYPE html><p>".to_vec();
        page.extend(bytes);
        if let Ok(raw) = read_raw("x.html", &page, &Options::default())
            && raw.format == Format::Html
        {
            check(&raw);
        }
    }
}
