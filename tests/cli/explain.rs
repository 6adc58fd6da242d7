//! `ficshelf inspect --explain`: snapshots of the plain (piped) output for a plain-text file, a
//! Markdown file with front matter and an HTML page (windows-1252, declared as iso-8859-1);
//! colours only when asked or on a terminal; the reader's repairs at the top; lines that fed
//! nothing; batches and usage errors.

use crate::util::{assert_one_error_line, ficshelf, repo};

/// `inspect --explain` of `rel` (a path under the repository), which must succeed: its stdout.
fn explain(rel: &str, extra: &[&str]) -> String {
    let out = ficshelf()
        .current_dir(repo())
        .args(["inspect", "--explain"])
        .args(extra)
        .arg(rel)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{rel}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn plain_text_line_by_line() {
    let text = explain("samples/the-quiet-between-stacks.txt", &[]);
    assert!(!text.contains('\x1b'), "piped output has no colour codes");
    // The parts the issue asks for, whatever the snapshot says.
    for needle in [
        "  4 │ RATING: PG-13\n    │   ▸ rating: \"PG-13\" → Teen And Up Audiences (classic scale: \"PG-13\")",
        " 17 │ Chapter One\n    │   ■ chapter 1 starts here (chapter marker)",
        " 44 │ ~*~\n    │   — scene break",
        "105 │ The End\n    │   ▸ status: \"The End\" → complete (end marker \"the end\")",
        "┆ … 24 lines of chapter 1 …",
        "┆ continues line 9",
        "▸ categories: \"Femslash\" → F/F (archive word \"femslash\")",
        "── Every decision, by field ──",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    insta::assert_snapshot!("explain_sample_txt", text);
}

#[test]
fn markdown_front_matter_keys_are_found_on_their_lines() {
    let text = explain("fixtures/headers/front-matter-pandoc.md", &[]);
    assert!(
        text.contains(" 4 │ rating: Teen\n   │   ▸ rating: \"Teen\" → Teen And Up Audiences"),
        "{text}"
    );
    assert!(text.contains("25 │ * * *\n   │   — scene break"), "{text}");
    insta::assert_snapshot!("explain_front_matter_md", text);
}

#[test]
fn html_is_listed_by_field() {
    let text = explain("fixtures/headers/label-value-page-cp1252.html", &[]);
    for needle in [
        "Encoding:  windows-1252\nReader:\n  info: decoded as windows-1252: the file declares \
         iso-8859-1, which means windows-1252\n",
        "── What each part of the file fed, by field ──",
        "rating\n  p: \"Rating: PG-13\": \"PG-13\" → Teen And Up Audiences (classic scale: \"PG-13\")",
        "  h2: \"Chapter 2: Morning\": \"Chapter 2: Morning\" → chapter 2: \"Morning\"",
        "── Looked like metadata, fed nothing ──\n  title: \"Harbour Lights by Tamsin Reyes\"",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains("line by line"));
    insta::assert_snapshot!("explain_label_value_html", text);
}

#[test]
fn epub_is_listed_by_field_too() {
    let text = explain("fixtures/fanficfare/fanficfare-keepers-ledger.epub", &[]);
    assert!(
        text.starts_with("fixtures/fanficfare/fanficfare-keepers-ledger.epub\nRead as:   epub")
    );
    assert!(
        text.contains("── What each part of the file fed, by field ──\ntitle\n"),
        "{text}"
    );
    assert!(text.contains("→ Teen And Up Audiences"), "{text}");
    assert!(!text.contains("line by line"));
}

#[test]
fn repairs_and_guesses_come_first() {
    let text = explain("fixtures/txt/mojibake-utf8-as-cp1252.txt", &[]);
    assert!(
        text.contains("Reader:\n  warning: repaired 10 mojibake sequence(s)"),
        "{text}"
    );
    let text = explain("fixtures/txt/cp1252-smart-quotes.txt", &[]);
    assert!(text.contains("Encoding:  windows-1252\n"), "{text}");
    assert!(text.contains("encoding guessed as windows-1252"), "{text}");
}

#[test]
fn header_lines_that_fed_nothing_are_marked() {
    // A label with no value, and a chapter marker with no text under it, feed nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.txt");
    std::fs::write(
        &path,
        "Title: Twice\nAuthor: Ada\nWarnings:\n\nChapter 1\n\nOne two three four.\n\n\
         Chapter 2\n\nChapter 3\n\nFive six seven.\n",
    )
    .unwrap();
    let out = ficshelf()
        .args(["inspect", "--explain"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        " 3 │ Warnings:\n   │   ✗ fed nothing: \"Warnings:\"\n",
        " 9 │ Chapter 2\n   │   ✗ fed nothing: \"Chapter 2\"\n",
        "11 │ Chapter 3\n   │   ■ chapter 2 starts here (chapter marker)",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let plain = explain("samples/the-quiet-between-stacks.txt", &[]);
    let coloured = explain(
        "samples/the-quiet-between-stacks.txt",
        &["--color", "always"],
    );
    assert!(coloured.contains("\x1b[32mTeen And Up Audiences\x1b[0m"));
    assert_eq!(strip_ansi(&coloured), plain, "colour changes nothing else");
    let never = explain(
        "samples/the-quiet-between-stacks.txt",
        &["--color", "never"],
    );
    assert_eq!(never, plain);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_bad_file_fails_alone_and_json_conflicts() {
    let out = ficshelf()
        .current_dir(repo())
        .args([
            "inspect",
            "--explain",
            "no-such-file.txt",
            "samples/the-quiet-between-stacks.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_one_error_line(&out.stderr, "no-such-file.txt");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("samples/the-quiet-between-stacks.txt\n")
    );
    ficshelf()
        .current_dir(repo())
        .args([
            "inspect",
            "--explain",
            "--json",
            "samples/the-quiet-between-stacks.txt",
        ])
        .assert()
        .code(2);
}
