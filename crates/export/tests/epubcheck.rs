//! Every EPUB the writer produces for a varied set of works passes epubcheck 4.2.6 with no
//! errors and no warnings. epubcheck is the real validator (Debian package `epubcheck`, run with
//! Java); the test fails, rather than skips, when it is not installed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ficshelf_export::{ExportFormat, write_file};

const DEFAULT_JAR: &str = "/usr/share/java/epubcheck.jar";

fn epubcheck_jar() -> PathBuf {
    let jar =
        std::env::var_os("EPUBCHECK_JAR").map_or_else(|| PathBuf::from(DEFAULT_JAR), PathBuf::from);
    let java = Command::new("java").arg("-version").output();
    if java.is_err() || !jar.is_file() {
        panic!(
            "epubcheck is not available (java: {}, jar {}: {}). Install it with \
             `apt-get install epubcheck default-jre-headless` (or set EPUBCHECK_JAR).",
            if java.is_ok() { "found" } else { "missing" },
            jar.display(),
            if jar.is_file() { "found" } else { "missing" },
        );
    }
    jar
}

/// epubcheck's verdict on one file: `Err` with its report unless it exits 0 and reports no
/// fatal error, error or warning.
fn check(jar: &Path, epub: &Path) -> Result<(), String> {
    let out = Command::new("java")
        // Quick JIT and GC settings: a run is short, this makes it a third faster.
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"])
        .arg(jar)
        .arg(epub)
        .output()
        .map_err(|e| format!("cannot run java: {e}"))?;
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let flagged = report
        .lines()
        .any(|l| l.starts_with("WARNING") || l.starts_with("ERROR") || l.starts_with("FATAL"));
    if out.status.success() && !flagged && report.contains("No errors or warnings detected") {
        Ok(())
    } else {
        Err(report)
    }
}

#[test]
fn every_epub_passes_epubcheck_without_errors_or_warnings() {
    let jar = epubcheck_jar();
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, work) in common::all() {
        let path = dir.path().join(format!("{name}.epub"));
        write_file(&work, ExportFormat::Epub, &path).unwrap();
        paths.push((name, path));
    }
    // One JVM per book costs about a second: check two at a time (the machine has two cores).
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(paths.len().div_ceil(2))
            .map(|chunk| {
                let jar = &jar;
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(name, path)| {
                            check(jar, path).err().map(|r| format!("== {name}:\n{r}"))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "epubcheck found problems:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_warning_alone_fails_the_check() {
    // The check above is only worth something if epubcheck's complaints reach it: a valid book
    // with one stray file that the manifest does not list draws a warning (OPF-003), no error.
    use std::io::{Cursor, Read, Write};
    let jar = epubcheck_jar();
    let good = ficshelf_export::render(&common::minimal(), ExportFormat::Epub).unwrap();
    let mut src = zip::ZipArchive::new(Cursor::new(good)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let method = f.compression();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.start_file(
            name,
            zip::write::SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        out.write_all(&data).unwrap();
    }
    out.start_file("OEBPS/stray.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    out.write_all(b"not in the manifest").unwrap();
    let bytes = out.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.epub");
    std::fs::write(&path, bytes).unwrap();
    let report = check(&jar, &path).expect_err("a stray file must be reported");
    assert!(report.contains("WARNING(OPF-003)"), "{report}");
    assert!(
        !report.contains("ERROR("),
        "only a warning expected:\n{report}"
    );
}
