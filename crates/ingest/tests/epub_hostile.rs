//! Hostile and broken EPUBs: each is refused with one clear reason (what the CLI prints after
//! `error: <path>: `) or read safely; none panics, hangs, writes anything, or needs more than
//! 200 MB. The small attacks are fixtures (`fixtures/epub/make-hostile.py`); the big ones are
//! built here with the zip crate's writer.

mod common;

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{bytes, fixture_path};
use ficshelf_ingest::{IngestError, Options, read_raw};
use ficshelf_model::Limits;
use zip::write::SimpleFileOptions;

fn err_with(name: &str, data: &[u8], opts: &Options) -> String {
    match read_raw(name, data, opts) {
        Err(e) => e.to_string(),
        Ok(r) => panic!(
            "{name}: expected an error, read {} chapters",
            r.chapters.len()
        ),
    }
}

fn err(rel: &str) -> String {
    err_with(rel, &bytes(rel), &Options::default())
}

const CONTAINER: &str = r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

fn opf(spine: &[&str]) -> String {
    let items: String = spine
        .iter()
        .map(|id| {
            format!(r#"<item id="{id}" href="{id}.xhtml" media-type="application/xhtml+xml"/>"#)
        })
        .collect();
    let refs: String = spine
        .iter()
        .map(|id| format!(r#"<itemref idref="{id}"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Built Here</dc:title></metadata>
<manifest>{items}</manifest><spine>{refs}</spine></package>"#
    )
}

fn chapter(text: &str) -> String {
    format!("<html><body><h1>Heading</h1><p>{text}</p></body></html>")
}

/// An EPUB of these entries (after the mimetype), every entry deflated.
fn build(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).expect("mimetype");
    w.write_all(b"application/epub+zip").expect("write");
    for (name, data) in entries {
        w.start_file(name.as_str(), SimpleFileOptions::default())
            .expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn entry(name: &str, data: impl Into<Vec<u8>>) -> (String, Vec<u8>) {
    (name.to_string(), data.into())
}

/// A valid book whose spine names `ids`, with chapter text for the ones in `present`.
fn book(ids: &[&str], present: &[(&str, String)]) -> Vec<u8> {
    let mut entries = vec![
        entry("META-INF/container.xml", CONTAINER),
        entry("OEBPS/content.opf", opf(ids)),
    ];
    for (id, text) in present {
        entries.push(entry(&format!("OEBPS/{id}.xhtml"), chapter(text)));
    }
    build(&entries)
}

#[test]
fn not_a_zip_and_a_truncated_zip() {
    assert_eq!(
        err("epub/hostile-not-a-zip.epub"),
        "not a zip archive (an .epub file must be one)"
    );
    assert_eq!(
        err("epub/hostile-truncated.epub"),
        "damaged zip archive (no end-of-central-directory record: the file is cut short)"
    );
}

#[test]
fn zip_bombs_are_refused_before_or_while_inflating() {
    assert_eq!(
        err("epub/hostile-bomb-declared-4gib.epub"),
        "entry \"OEBPS/ch1.xhtml\" inflates to 4.0 GiB, over what is left of the 256 MiB limit (epub_max_total_bytes)"
    );
    let ratio = err("epub/hostile-bomb-ratio.epub");
    assert!(
        ratio.starts_with("entry \"OEBPS/ch1.xhtml\" is compressed ")
            && ratio.ends_with(":1, over the 100:1 limit (epub_max_ratio)"),
        "{ratio}"
    );
    let lying = err("epub/hostile-bomb-lying-size.epub");
    assert!(
        lying.starts_with("entry \"OEBPS/ch1.xhtml\" inflates past its declared size of ")
            && lying.ends_with("(a zip bomb?)"),
        "{lying}"
    );
}

#[test]
fn the_total_budget_counts_every_entry_read() {
    // Each chapter alone is within every limit; together they are over the budget.
    let text = |seed: u64| -> String {
        let mut x = seed;
        (0..60_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + (x >> 59) as u8)
            })
            .collect()
    };
    let data = book(&["c1", "c2"], &[("c1", text(1)), ("c2", text(2))]);
    let opts = Options {
        limits: Limits {
            epub_max_total_bytes: 100_000,
            ..Limits::default()
        },
        ..Options::default()
    };
    let message = err_with("budget.epub", &data, &opts);
    assert!(
        message.starts_with("entry \"OEBPS/c2.xhtml\" inflates to ")
            && message.ends_with("over what is left of the 97.7 KiB limit (epub_max_total_bytes)"),
        "{message}"
    );
    // With the default budget the same book reads.
    let raw = read_raw("budget.epub", &data, &Options::default()).expect("reads");
    assert_eq!(raw.chapters.len(), 2);
}

/// A chapter page of `mib` MiB of text that compresses about 20:1 (within the ratio limit).
fn big_chapter(mib: usize) -> Vec<u8> {
    let mut next = lcg(3);
    let mut html = b"<html><body><p>".to_vec();
    while html.len() < mib << 20 {
        html.extend_from_slice(b"the tide came in over the stones and went out again ");
        html.push(b'a' + (next() % 26) as u8);
        html.push(b' ');
    }
    html.extend_from_slice(b"</p></body></html>");
    html
}

#[test]
fn a_page_over_the_html_limit_is_refused_before_parsing() {
    let data = build(&[
        entry("META-INF/container.xml", CONTAINER),
        entry("OEBPS/content.opf", opf(&["c1"])),
        entry("OEBPS/c1.xhtml", big_chapter(20)),
    ]);
    let message = err_with("big.epub", &data, &Options::default());
    assert!(
        message.starts_with("HTML page is ") && message.ends_with("(max_html_bytes)"),
        "{message}"
    );
}

#[test]
fn unsafe_entry_names_refuse_the_archive() {
    assert_eq!(
        err("epub/hostile-entry-dotdot.epub"),
        "unsafe entry name \"../../outside.txt\" in the archive (a \"..\" component)"
    );
    assert_eq!(
        err("epub/hostile-entry-absolute.epub"),
        "unsafe entry name \"/tmp/ficshelf-absolute.txt\" in the archive (an absolute path)"
    );
    assert_eq!(
        err("epub/hostile-entry-nul.epub"),
        "unsafe entry name \"OEBPS/notes\\0x.txt\" in the archive (a NUL byte)"
    );
    assert_eq!(
        err("epub/hostile-entry-drive-letter.epub"),
        "unsafe entry name \"C:/Windows/evil.txt\" in the archive (a drive letter)"
    );
}

#[test]
fn twenty_thousand_entries_are_refused_before_listing() {
    let mut entries = vec![
        entry("META-INF/container.xml", CONTAINER),
        entry("OEBPS/content.opf", opf(&["c1"])),
        entry("OEBPS/c1.xhtml", chapter("Text.")),
    ];
    for i in entries.len() + 1..20_000 {
        entries.push(entry(&format!("OEBPS/filler/{i}.txt"), "x"));
    }
    let data = build(&entries);
    assert_eq!(
        err_with("many.epub", &data, &Options::default()),
        "20000 entries in the archive, over the 12000 limit (epub_max_entries)"
    );
}

/// A zip of `n` empty entries and no EPUB structure at all (no mimetype first), stored.
fn bare_zip(n: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..n {
        w.start_file(format!("{i:x}"), stored).expect("entry");
    }
    w.finish().expect("finish").into_inner()
}

#[test]
fn a_big_zip_that_is_no_epub_is_refused_without_listing_it() {
    assert_eq!(
        err_with("many.epub", &bare_zip(20_000), &Options::default()),
        "zip archive that is not an EPUB (no mimetype application/epub+zip)"
    );
}

#[test]
fn entity_declarations_are_refused() {
    assert_eq!(
        err("epub/hostile-opf-billion-laughs.epub"),
        "OEBPS/content.opf declares XML entities in a DTD; refused (entity expansion is not allowed)"
    );
    assert_eq!(
        err("epub/hostile-container-external-entity.epub"),
        "META-INF/container.xml declares XML entities in a DTD; refused (entity expansion is not allowed)"
    );
}

#[test]
fn broken_structure() {
    assert_eq!(
        err("epub/hostile-spine-all-missing.epub"),
        "none of the 1 spine items is in the archive"
    );
    assert_eq!(
        err("epub/hostile-container-points-nowhere.epub"),
        "META-INF/container.xml names the package \"OEBPS/missing.opf\", which is not in the archive"
    );
    assert_eq!(
        err("epub/hostile-opf-not-xml.epub"),
        "OEBPS/content.opf is not well-formed XML (unknown token at 1:1)"
    );
    assert_eq!(
        err("epub/hostile-drm-encrypted-chapter.epub"),
        "the book is DRM-protected (META-INF/encryption.xml encrypts its chapters)"
    );
}

#[test]
fn a_spine_with_some_missing_files_reads_the_rest_with_warnings() {
    let data = book(
        &["c1", "c2", "c3"],
        &[("c1", "One.".into()), ("c3", "Three.".into())],
    );
    let raw = read_raw("partial.epub", &data, &Options::default()).expect("reads");
    assert_eq!(raw.chapters.len(), 2);
    assert!(raw.chapters[1].html.contains("Three."));
    let warnings: Vec<&str> = raw.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        warnings.contains(&"spine item OEBPS/c2.xhtml is not in the archive; skipped"),
        "{warnings:?}"
    );
}

#[test]
fn more_chapters_than_the_limit_are_refused() {
    let data = book(
        &["c1", "c2", "c3"],
        &[
            ("c1", "One.".into()),
            ("c2", "Two.".into()),
            ("c3", "Three.".into()),
        ],
    );
    let opts = Options {
        limits: Limits {
            max_chapters: 2,
            ..Limits::default()
        },
        ..Options::default()
    };
    assert_eq!(
        err_with("chapters.epub", &data, &opts),
        "3 chapters, over the 2 limit (max_chapters)"
    );
}

#[test]
fn a_deeply_nested_chapter_is_flattened_not_quadratic() {
    let raw = common::raw("epub/hostile-chapter-deep-nesting.epub");
    assert_eq!(raw.chapters.len(), 1);
    assert!(raw.chapters[0].html.contains("The breakwater held"));
    assert!(
        raw.diagnostics.iter().any(|d| d.message.contains("nested")),
        "{:?}",
        raw.diagnostics
    );
}

/// Deterministic noise (a 64-bit LCG).
fn lcg(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        x >> 33
    }
}

#[test]
fn damaged_archives_never_panic() {
    let good = bytes("fanficfare/fanficfare-keepers-ledger.epub");
    let mut next = lcg(7);
    let mut refused = 0;
    for round in 0..400 {
        let mut data = good.clone();
        match round % 3 {
            0 => data.truncate(30 + (next() as usize) % (good.len() - 30)),
            _ => {
                for _ in 0..1 + next() % 8 {
                    let i = (next() as usize) % data.len();
                    data[i] ^= 1 << (next() % 8);
                }
            }
        }
        if read_raw("damaged.epub", &data, &Options::default()).is_err() {
            refused += 1;
        }
    }
    // Most damage is caught (checksums, structure); what is not still reads without a panic.
    assert!(
        refused > 100,
        "only {refused} of 400 damaged copies refused"
    );
}

#[test]
fn damaged_package_documents_never_panic() {
    let text = std::str::from_utf8(&common::bytes("epub/sources/opf-for-mutation.opf"))
        .expect("utf-8")
        .to_string();
    let mut next = lcg(11);
    let punctuation = b"<>&;\"'=/![]#%";
    let mut outcomes = (0, 0);
    for _ in 0..300 {
        let mut opf = text.clone().into_bytes();
        for _ in 0..1 + next() % 6 {
            let i = (next() as usize) % opf.len();
            opf[i] = punctuation[(next() as usize) % punctuation.len()];
        }
        let data = build(&[
            entry("META-INF/container.xml", CONTAINER),
            entry("OEBPS/content.opf", opf),
            entry("OEBPS/c1.xhtml", chapter("Text.")),
        ]);
        match read_raw("mutated.epub", &data, &Options::default()) {
            Ok(_) => outcomes.0 += 1,
            Err(IngestError::EpubBadXml { .. } | IngestError::EpubXmlEntities { .. }) => {
                outcomes.1 += 1
            }
            Err(IngestError::EpubSpineMissing { .. }) => outcomes.1 += 1,
            Err(e) => panic!("unexpected error for a damaged OPF: {e}"),
        }
    }
    assert!(outcomes.0 > 0 && outcomes.1 > 0, "{outcomes:?}");
}

// --- Memory and side effects, measured in a child process --------------------------------

const CHILD_ENV: &str = "FICSHELF_EPUB_HOSTILE_CHILD";

/// The hostile files, fixtures and built ones, in `dir`.
fn hostile_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_path("epub"))
        .expect("fixtures/epub")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("hostile-"))
        })
        .collect();
    files.sort();
    let mut many = vec![entry("META-INF/container.xml", CONTAINER)];
    for i in 0..10_000 {
        many.push(entry(&format!("f/{i}"), "x"));
    }
    let big = build(&[
        entry("META-INF/container.xml", CONTAINER),
        entry("OEBPS/content.opf", opf(&["c1"])),
        entry("OEBPS/c1.xhtml", big_chapter(20)),
    ]);
    let built = [
        ("built-10000-entries.epub", build(&many)),
        ("built-no-mimetype-200000-entries.epub", bare_zip(200_000)),
        ("built-20-mib-chapter.epub", big),
    ];
    for (name, data) in built {
        let path = dir.join(name);
        std::fs::write(&path, data).expect("write a built file");
        files.push(path);
    }
    files
}

/// One test, two roles: run normally, it reads every hostile file in a child process (this
/// test binary again, in an empty folder) under `/usr/bin/time` and checks the child's peak
/// memory and that it wrote nothing; run as that child, it reads the one file it is given.
#[test]
fn hostile_epubs_need_little_memory_and_write_nothing() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        let data = std::fs::read(&path).expect("child reads its file");
        let outcome = read_raw(&path, &data, &Options::default());
        println!("child outcome: {:?}", outcome.map(|r| r.chapters.len()));
        return;
    }
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "GNU time (/usr/bin/time, Debian package `time`) is needed"
    );
    let scratch = tempfile::tempdir().expect("tempdir");
    let files = hostile_files(scratch.path());
    let me = std::env::current_exe().expect("test binary");
    for file in files {
        let cwd = tempfile::tempdir().expect("empty folder");
        let report = scratch.path().join("rss.txt");
        let out = Command::new(time)
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(&me)
            .args([
                "--exact",
                "hostile_epubs_need_little_memory_and_write_nothing",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &file)
            .current_dir(cwd.path())
            .output()
            .expect("run the child");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("child outcome: "),
            "{}: the child failed:\n{stdout}\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let kib: u64 = std::fs::read_to_string(&report)
            .expect("time's report")
            .trim()
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .expect("a max RSS in KiB");
        println!("{}: peak {kib} KiB", file.display());
        assert!(
            kib < 200 * 1024,
            "{}: peak memory {kib} KiB, over 200 MB",
            file.display()
        );
        let left: Vec<_> = std::fs::read_dir(cwd.path()).expect("cwd").collect();
        assert!(
            left.is_empty(),
            "{}: the reader wrote {left:?}",
            file.display()
        );
    }
    assert!(!Path::new("/tmp/ficshelf-absolute.txt").exists());
    assert!(!fixture_path("outside.txt").exists());
}
