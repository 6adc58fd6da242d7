//! Hostile HTML (issue 4, "Hostile input"): deep nesting, pages over the size limit, trees
//! that outgrow their source, scripts, handlers and `javascript:` URLs. Each is refused with a
//! one-line reason or read safely. (Peak memory is checked in `html_memory.rs`.)

mod common;

use common::{all_html, bytes, raw, value};
use ficshelf_ingest::{Options, read_bytes, read_path};
use ficshelf_model::{FieldKey, Limits, Work};

/// A megabyte of `<div>`s, never closed, around some text.
fn nested_divs() -> String {
    "<div>".repeat(1024 * 1024 / 5) + "<p>The text at the bottom.</p>"
}

#[test]
fn a_megabyte_of_nested_divs_is_flattened_and_read() {
    let page = nested_divs();
    let work = read_bytes("deep.html", page.as_bytes(), &Options::default()).expect("read");
    assert_eq!(work.chapters.len(), 1);
    assert!(work.chapters[0].html.contains("The text at the bottom."));
    assert!(work.chapters[0].html.matches("<div>").count() <= 512);
    let warning = work
        .diagnostics
        .iter()
        .find(|d| d.message.contains("html_max_depth"))
        .expect("a diagnostic says the page was flattened");
    assert!(
        warning
            .message
            .starts_with("HTML nested 209716 deep, over the 512 limit"),
        "{warning:?}"
    );
}

#[test]
fn a_page_over_the_size_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.html");
    let paragraph =
        "<p>The river was high that autumn, and Ada took the ferry across anyway.</p>\n";
    let page = "<html><body>".to_string() + &paragraph.repeat(50 * 1024 * 1024 / paragraph.len());
    std::fs::write(&path, &page).expect("write");
    let err = read_path(&path, &Options::default()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        format!(
            "HTML page is {:.1} MiB, over the 16 MiB limit (max_html_bytes)",
            page.len() as f64 / 1048576.0
        )
    );
    // The limit is the one in `Limits`, not a constant.
    let opts = Options {
        limits: Limits {
            max_html_bytes: 64 * 1024 * 1024,
            html_max_nodes: usize::MAX,
            ..Limits::default()
        },
        ..Options::default()
    };
    let small = "<html><body>".to_string() + &paragraph.repeat(100);
    assert!(read_bytes("small.html", small.as_bytes(), &opts).is_ok());
}

#[test]
fn a_tree_that_outgrows_its_source_is_refused() {
    let fmt = [
        "b", "i", "u", "s", "em", "strong", "small", "big", "tt", "code", "strike", "nobr",
    ];
    let opens: String = fmt.iter().map(|f| format!("<{f}>").repeat(3)).collect();
    let page = format!("<html><body><p>{opens}x{}", "<p>a".repeat(50_000));
    assert!(page.len() < 250_000);
    let err = read_bytes("amp.html", page.as_bytes(), &Options::default()).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "HTML page builds a tree of more than 300000 nodes, over the limit (html_max_nodes)"
    );
}

/// No element outside AO3's allowlist, no handler, no `javascript:` anywhere in the work.
fn assert_clean_html(what: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "<script",
        "<style",
        "<iframe",
        "<object",
        "javascript:",
        "onclick",
        "onmouseover",
        "onerror",
        "onload",
        "steal()",
    ] {
        assert!(!lower.contains(bad), "{what}: {bad:?} in {html}");
    }
}

#[test]
fn scripts_and_handlers_never_reach_the_work() {
    let r = raw("html/hostile-scripts-handlers.html");
    // Scripts and styles contribute no text to a value; the text around them stays.
    assert_eq!(value(&r, &FieldKey::Title), Some("Innocent"));
    assert_eq!(value(&r, &FieldKey::Author), Some("Gentle Reader"));
    assert_eq!(
        value(&r, &FieldKey::Summary),
        Some("A quiet story. Nothing happens.")
    );
    // The reader keeps the page's markup; sanitizing is the normalizer's job.
    assert!(all_html(&r).contains("<script>"));

    let w: Work = read_bytes(
        "hostile.html",
        &bytes("html/hostile-scripts-handlers.html"),
        &Options::default(),
    )
    .expect("read");
    assert_eq!(w.title, "Innocent");
    let json = w.to_json_pretty();
    assert_clean_html("work", &json);
    assert!(!json.contains("frame text") && !json.contains("flash") && !json.contains("pwned"));
    let text = ficshelf_markup::text_content(&w.chapters[0].html);
    assert!(
        text.contains("The garden was quiet, and the gate was shut."),
        "{text}"
    );
    assert!(
        text.contains("She sat on the bench a bench until the bees went home."),
        "{text}"
    );
    assert!(text.contains("The end of a quiet day."), "{text}");
}

#[test]
fn malformed_markup_reads_safely() {
    for page in [
        "<html><body><p>Unclosed <b>bold <i>and italic<p>next</html>",
        "<<<>>><p>>>a</p><</p>",
        "<table><td>cell<td><p>para</table>text after",
        "<p>Title: x</p><!-- never closed",
        "<script>never closed",
        "<body><frameset><frame src=x></frameset>",
        "<svg><p>inside svg</p></svg><math><mi>x</mi></math>",
    ] {
        let r = read_bytes("bad.html", page.as_bytes(), &Options::default());
        assert!(r.is_ok(), "{page:?}: {r:?}");
    }
}
