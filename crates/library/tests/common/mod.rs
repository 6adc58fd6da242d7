//! Helpers for the facade's tests: generated works written as real files, and a library in a
//! temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ficshelf_corpus::Generator;
use ficshelf_export::{ExportFormat, write_file};
use ficshelf_library::{ImportOptions, ImportReport, Library};
use ficshelf_model::{Chapter, Date, Work};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A generated English work with this many chapters (the generator's other scripts are
/// skipped, so titles and bylines are ASCII and easy to assert on).
pub fn work(seed: u64, words: u64, chapters: usize) -> Work {
    let mut generator = Generator::new(seed, 100);
    loop {
        let mut w = generator.work(Some(words), Some(chapters)).work;
        if w.language.as_deref() == Some("en") {
            // Each seed is a new generator, whose URLs all start at works/1: make them differ
            // (the same URL is the same work to dedupe).
            if w.source.url.is_some() {
                w.source.url = Some(format!("https://archive.example.org/works/{seed}"));
            }
            return w;
        }
    }
}

/// Write `work` as `name.<ext>` in `dir`.
pub fn write(work: &Work, dir: &Path, name: &str, format: ExportFormat) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{name}.{}", format.extension()));
    write_file(work, format, &path).unwrap();
    path
}

/// The same work with one more chapter and a later update date: a newer download.
pub fn with_another_chapter(work: &Work) -> Work {
    let mut newer = work.clone();
    let text = "<p>The lighthouse keeper came back at dawn with a lantern and a new story to \
                tell, and nobody in the harbour believed a word of it until the boats \
                returned.</p>";
    newer
        .chapters
        .push(Chapter::new(Some("Homecoming".into()), text.into(), 28));
    newer.updated = Some(Date::new(2030, 1, 1).unwrap());
    newer.sum_words();
    newer
}

pub fn import(library: &Library, paths: &[PathBuf]) -> ImportReport {
    library
        .import(paths, &ImportOptions::default(), |_| {})
        .unwrap()
}

pub fn new_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::open_or_create(&dir.path().join("lib")).unwrap();
    (dir, library)
}
