//! The whole pipeline on issue 3's benchmark story — a 75 KB, seven-chapter legacy plain-text
//! fic (`fixtures/bench/legacy-seven-chapters-75k.txt`, made by `ficshelf-corpus`) — and pandoc
//! converting the same file, measured in the same run.
//!
//! Targets on the 2-core reference machine: inspect ≤ 2 ms, convert to EPUB ≤ 5 ms, about 100×
//! faster than `pandoc -f markdown story.txt -o story.epub`. Run: `cargo bench --bench pipeline`
//! (or `scripts/bench.sh`, which also writes the table in docs/benchmarks.md).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use ficshelf_export::{ExportFormat, render};
use ficshelf_ingest::{Options, read_bytes};

fn story() -> (PathBuf, Vec<u8>) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bench/legacy-seven-chapters-75k.txt");
    let bytes = std::fs::read(&path).expect("bench story exists");
    (path, bytes)
}

/// The release binary, if `cargo build --release` has made one (the bench script does).
fn release_binary() -> Option<PathBuf> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/ficshelf");
    bin.exists().then_some(bin)
}

fn in_process(c: &mut Criterion) {
    let (_, bytes) = story();
    let opts = Options::default();
    let work = read_bytes("story.txt", &bytes, &opts).expect("the bench story reads");
    assert_eq!(work.chapters.len(), 7, "the bench story has seven chapters");

    let mut group = c.benchmark_group("75 KB seven-chapter txt");
    group.bench_function("inspect (read + normalize)", |b| {
        b.iter(|| read_bytes("story.txt", black_box(&bytes), &opts).expect("reads"))
    });
    group.bench_function("convert to EPUB (read + normalize + render)", |b| {
        b.iter(|| {
            let work = read_bytes("story.txt", black_box(&bytes), &opts).expect("reads");
            render(&work, ExportFormat::Epub).expect("renders")
        })
    });
    group.finish();
}

fn processes(c: &mut Criterion) {
    let (path, _) = story();
    let out = std::env::temp_dir().join(format!("ficshelf-bench-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    let mut group = c.benchmark_group("75 KB txt to EPUB, whole process");
    group.sample_size(10);
    if let Some(bin) = release_binary() {
        let target = out.join("ficshelf.epub");
        group.bench_function("ficshelf convert", |b| {
            b.iter(|| {
                let status = Command::new(&bin)
                    .arg("convert")
                    .arg(&path)
                    .arg("-o")
                    .arg(&target)
                    .status();
                assert!(status.expect("ficshelf runs").success());
            })
        });
    }
    if Command::new("pandoc").arg("--version").output().is_ok() {
        let target = out.join("pandoc.epub");
        group.bench_function("pandoc -f markdown -o epub", |b| {
            b.iter(|| {
                let status = Command::new("pandoc")
                    .args(["-f", "markdown"])
                    .arg(&path)
                    .arg("-o")
                    .arg(&target)
                    .status();
                assert!(status.expect("pandoc runs").success());
            })
        });
    } else {
        eprintln!(
            "pandoc is not installed: the peer comparison is skipped (apt-get install pandoc)"
        );
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, in_process, processes);
criterion_main!(benches);
