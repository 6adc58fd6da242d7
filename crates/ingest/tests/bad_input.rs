//! Hostile and broken input: each gets a clear error or a sensible reading, never a panic or a
//! hang. (Linear time is measured by `examples/scaling.rs`, not asserted with timings here.)

mod common;

use ficshelf_ingest::{IngestError, Options, read_path, read_raw};
use ficshelf_model::{FieldKey, Limits};

fn err(name: &str, bytes: &[u8]) -> String {
    match read_raw(name, bytes, &Options::default()) {
        Err(e) => e.to_string(),
        Ok(r) => panic!(
            "{name}: expected an error, read {} chapters",
            r.chapters.len()
        ),
    }
}

/// Deterministic noise (a 64-bit LCG), so the test is the same on every run.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn empty_and_whitespace_only() {
    assert_eq!(err("empty.txt", b""), "file is empty");
    assert_eq!(
        err("blank.txt", b"\n\n   \r\n\t\n"),
        "file is empty (whitespace only)"
    );
    assert_eq!(
        err("bom.txt", b"\xef\xbb\xbf   \n"),
        "file is empty (whitespace only)"
    );
}

#[test]
fn binary_files() {
    assert_eq!(
        err("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "PNG image, not text"
    );
    assert_eq!(
        err("nul.txt", b"Title: Fine so far\n\nthen\x00a NUL byte"),
        "binary file (NUL bytes at offset 24), not text"
    );
    for seed in 1..=20 {
        let message = err("noise.txt", &noise(4096, seed));
        assert!(
            message.starts_with("binary file ("),
            "seed {seed}: {message}"
        );
        assert!(message.ends_with("), not text"), "seed {seed}: {message}");
    }
    // Noise without NUL bytes is still refused for its control bytes.
    let no_nul: Vec<u8> = noise(4096, 7).into_iter().map(|b| b.max(1)).collect();
    assert!(err("noise.txt", &no_nul).contains("control bytes"));
}

#[test]
fn over_the_size_limit_before_reading() {
    let opts = Options {
        limits: Limits {
            max_file_bytes: 1024,
            ..Limits::default()
        },
        ..Options::default()
    };
    let story = "Title: Long\n\n".to_string() + &"A line of a long story.\n".repeat(100);
    let e = read_raw("long.txt", story.as_bytes(), &opts).expect_err("too large");
    assert!(matches!(e, IngestError::TooLarge { limit: 1024, .. }));
    assert_eq!(
        e.to_string(),
        "file is 2.4 KiB, over the 1 KiB limit (max_file_bytes)"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &story).expect("write");
    let e = read_path(&path, &opts).expect_err("too large on disk");
    assert_eq!(
        e.to_string(),
        "file is 2.4 KiB, over the 1 KiB limit (max_file_bytes)"
    );
}

#[test]
fn a_single_eight_megabyte_line_is_one_paragraph() {
    let words = "and the sea went on and on ".repeat(8 * 1024 * 1024 / 27 + 1);
    let r = read_raw("line.txt", words.as_bytes(), &Options::default()).expect("reads");
    assert_eq!(r.chapters.len(), 1);
    let html = &r.chapters[0].html;
    assert_eq!(html.matches("<p>").count(), 1);
    assert_eq!(html.len(), words.trim().len() + "<p></p>".len());
    assert!(r.fields.is_empty());
}

#[test]
fn an_eight_megabyte_line_of_marks_and_colons() {
    // Every shape-sensitive character at once: emphasis marks, colons, decoration.
    let line = "_a *b: ~~ Chapter 1 ~~ **c_ ".repeat(8 * 1024 * 1024 / 28 + 1);
    let text = format!("Title: Marks\n\n{line}\n");
    let r = read_raw("marks.txt", text.as_bytes(), &Options::default()).expect("reads");
    assert_eq!(r.chapters.len(), 1);
    assert_eq!(r.chapters[0].html.matches("<p>").count(), 1);
}

#[test]
fn many_lines_and_many_markers() {
    let mut text = String::from("Title: Many\n\n");
    for i in 1..=3000 {
        text.push_str(&format!(
            "Chapter {i}\n\nA short chapter.\n* * *\nWith a break.\n\n"
        ));
    }
    let r = read_raw("many.txt", text.as_bytes(), &Options::default()).expect("reads");
    assert_eq!(r.chapters.len(), 3000);
    assert!(
        r.chapters
            .iter()
            .all(|c| c.html == "<p>A short chapter.</p>\n<hr/>\n<p>With a break.</p>")
    );

    let opts = Options {
        limits: Limits {
            max_chapters: 100,
            ..Limits::default()
        },
        ..Options::default()
    };
    let e = read_raw("many.txt", text.as_bytes(), &opts).expect_err("too many");
    assert_eq!(
        e.to_string(),
        "3000 chapters, over the 100 limit (max_chapters)"
    );
}

#[test]
fn headers_only_and_title_only_are_read_not_refused() {
    let r = read_raw(
        "h.txt",
        b"Title: Nothing Here\nAuthor: Nobody\n",
        &Options::default(),
    )
    .expect("reads");
    assert_eq!(r.fields.len(), 2);
    assert!(r.chapters.is_empty());
    let r = read_raw("t.txt", b"Just a Title\n", &Options::default()).expect("reads");
    assert_eq!(common::value(&r, &FieldKey::Title), Some("Just a Title"));
    assert!(r.chapters.is_empty());
}

#[test]
fn formats_are_read_by_their_own_readers() {
    // A .txt that is really HTML is HTML (and the HTML reader reads it).
    let html = common::bytes("fanficfare/fanficfare-keepers-ledger.html");
    let r = read_raw("story.txt", &html, &Options::default()).expect("read as HTML");
    assert_eq!(r.format, ficshelf_model::Format::Html);
    assert_eq!(r.chapters.len(), 3);
    // An EPUB is an EPUB whatever it is called.
    let epub = common::bytes("fanficfare/fanficfare-keepers-ledger.epub");
    let r = read_raw("story.txt", &epub, &Options::default()).expect("read as EPUB");
    assert_eq!(r.format, ficshelf_model::Format::Epub);
    assert_eq!(r.chapters.len(), 3);
    assert_eq!(
        err("story.epub", b"Title: not a zip"),
        "not a zip archive (an .epub file must be one)"
    );
}
