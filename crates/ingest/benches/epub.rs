//! Reading a 15 KB FanFicFare EPUB (fifteen chapters, `fixtures/epub/fanficfare-fifteen-
//! chapters-15k.epub`), and in the same run the programs people would otherwise use to read its
//! metadata: calibre's `ebook-meta` and `pandoc -f epub -t json` (each only when installed).
//!
//! Target on the 2-core reference machine: ≤ 2 ms to inspect (read the file, unzip, parse the
//! OPF, the NCX and every page, normalize, and write the Work as JSON). Run:
//! `cargo bench -p ficshelf-ingest --bench epub`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ficshelf_ingest::{Options, read_path};

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/epub/fanficfare-fifteen-chapters-15k.epub")
}

fn available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn inspect_epub(c: &mut Criterion) {
    let path = book();
    let opts = Options::default();
    let work = read_path(&path, &opts).expect("the bench EPUB reads");
    assert_eq!(
        work.chapters.len(),
        15,
        "the bench EPUB has fifteen chapters"
    );

    let mut group = c.benchmark_group("inspect a 15 KB FanFicFare EPUB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("ficshelf (read + normalize + JSON)", |b| {
        b.iter(|| {
            let work = read_path(black_box(&path), &opts).expect("reads");
            black_box(work.to_json_pretty())
        })
    });
    if available("ebook-meta", "--version") {
        group.bench_function("calibre ebook-meta", |b| {
            b.iter(|| {
                let out = Command::new("ebook-meta")
                    .arg(&path)
                    .env("QT_QPA_PLATFORM", "offscreen")
                    .stderr(Stdio::null())
                    .output()
                    .expect("ebook-meta runs");
                assert!(out.status.success());
                black_box(out.stdout)
            })
        });
    } else {
        eprintln!("calibre's ebook-meta is not installed: its figure is left out");
    }
    if available("pandoc", "--version") {
        group.bench_function("pandoc -f epub -t json", |b| {
            b.iter(|| {
                let out = Command::new("pandoc")
                    .args(["-f", "epub", "-t", "json"])
                    .arg(&path)
                    .output()
                    .expect("pandoc runs");
                assert!(out.status.success());
                black_box(out.stdout)
            })
        });
    } else {
        eprintln!("pandoc is not installed: its figure is left out");
    }
    group.finish();
}

criterion_group!(benches, inspect_epub);
criterion_main!(benches);
