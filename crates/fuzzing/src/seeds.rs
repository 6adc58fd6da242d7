//! Seed inputs for each target, made from the repository's fixtures at run time (nothing is
//! copied into `fuzz/`): the fuzzer starts from files that already reach deep into the
//! readers, and the replay test runs every one of them through the target in CI.

use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use crate::ingest::{NAMES, PART_SEPARATOR};

/// The repository root (this crate is `crates/fuzzing`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Fixture folders, relative to the repository root.
const TEXT_DIRS: &[&str] = &[
    "fixtures/txt",
    "fixtures/headers",
    "fixtures/fanficfare",
    "fixtures/html",
    "crates/web/tests/fixtures",
];
const EPUB_DIRS: &[&str] = &["fixtures/epub", "fixtures/fanficfare"];

/// Queries for `search_query` (see that module for the line format).
const QUERIES: &[&str] = &[
    "",
    "willow",
    "\"dark magic\" -spell",
    "willow OR daniel NOT \"the gate\"",
    "harbour\nfandom:stargate sg-1\nrating:gen\nsort:words\nasc:",
    "\nship:Tara/Willow\nwarning:none\ncategory:F/F\n-tag:fluff",
    "\nwords:10..1,000\nwip:\nlimit:1\noffset:1",
    "\nauthor:tamsin hollow\nseries:spells\nlang:de\n-rating:explicit\nsort:title\ndesc:",
    "((( title: \"unclosed\nchar:Willow Rosenberg\n-warning:major character death",
];

/// Fragments for `sanitize`, besides the HTML fixtures.
const FRAGMENTS: &[&str] = &[
    "<p>One <em>two</em> &amp; three&nbsp;four.</p>",
    "<p onclick=\"x()\">a<script>b</script><a href=\"javascript:c\">d</a></p>",
    "<ul><li>a</li><li>b<ol start=\"3\"><li>c</li></ol></li></ul><hr/><br>",
    "<table><tr><td colspan=\"2\">x</td></tr></table><img src=\"a.png\" alt=\"&quot;\">",
    "<div><div><div><span style=\"color:red\" class=\"x\">deep</span></div></div></div>",
];

/// Every seed of `target`: a name (for messages and file names) and the bytes.
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    match target {
        "detect_decode" => files(TEXT_DIRS, &[])
            .into_iter()
            .chain(files(EPUB_DIRS, &["epub"]))
            .map(|(name, bytes)| {
                let pick = name_index(&name);
                (name, prefixed(pick, &bytes))
            })
            .collect(),
        "read_txt" => files(TEXT_DIRS, &["txt", "md"]),
        "read_html" => files(TEXT_DIRS, &["html", "htm"]),
        "read_epub" => files(EPUB_DIRS, &["epub"]),
        "epub_parts" => files(EPUB_DIRS, &["epub"])
            .into_iter()
            .filter_map(|(name, bytes)| Some((name, unpack_epub(&bytes)?)))
            .collect(),
        "sanitize" => files(&["fixtures/html"], &["html"])
            .into_iter()
            .chain(
                FRAGMENTS
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (format!("fragment-{i}"), f.as_bytes().to_vec())),
            )
            .collect(),
        "search_query" => QUERIES
            .iter()
            .enumerate()
            .map(|(i, q)| (format!("query-{i}"), q.as_bytes().to_vec()))
            .collect(),
        "epub_roundtrip" => files(&["fixtures/txt", "fixtures/headers"], &["txt", "md"])
            .into_iter()
            .chain(files(&["fixtures/fanficfare", "fixtures/html"], &["html"]))
            .map(|(name, bytes)| {
                let pick = match extension(&name) {
                    "html" => 1,
                    "md" => 2,
                    _ => 0,
                };
                (name, prefixed(pick, &bytes))
            })
            .collect(),
        _ => panic!("no fuzz target {target:?}"),
    }
}

/// The committed inputs that once broke `target` (`fuzz/regressions/<target>/*`).
pub fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo().join("fuzz/regressions").join(target);
    read_dir_sorted(&dir)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            (
                p.display().to_string(),
                fs::read(&p).expect("read regression"),
            )
        })
        .collect()
}

/// Files of `dirs` whose extension is one of `exts` (all files when `exts` is empty), except
/// the scripts that generate fixtures.
fn files(dirs: &[&str], exts: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in dirs {
        for path in read_dir_sorted(&repo().join(dir)) {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            let ext = extension(&name);
            let wanted = if exts.is_empty() {
                !matches!(ext, "py" | "sh" | "ini")
            } else {
                exts.contains(&ext)
            };
            if wanted && path.is_file() {
                out.push((
                    format!("{dir}/{name}"),
                    fs::read(&path).expect("read fixture"),
                ));
            }
        }
    }
    out
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| Some(e.ok()?.path())).collect(),
        Err(_) => Vec::new(),
    };
    paths.sort();
    paths
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// The first-byte value that makes a detect target use this file's own extension.
fn name_index(name: &str) -> u8 {
    let ext = extension(name);
    NAMES
        .iter()
        .position(|n| extension(n) == ext && n.contains('.'))
        .unwrap_or(NAMES.len() - 1) as u8
}

fn prefixed(pick: u8, bytes: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(bytes.len() + 1);
    v.push(pick);
    v.extend_from_slice(bytes);
    v
}

/// An EPUB's entries (except `mimetype`) in the `epub_parts` input format.
fn unpack_epub(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        if name == "mimetype" || entry.size() > 1 << 20 {
            continue;
        }
        if !out.is_empty() {
            out.extend_from_slice(PART_SEPARATOR);
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b'\n');
        entry.read_to_end(&mut out).ok()?;
    }
    Some(out)
}
