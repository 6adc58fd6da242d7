//! The HTML reader's benchmarks (issue 4, "Performance"): inspecting (read + normalize) a
//! FanFicFare HTML story of about 25 KB (`fixtures/fanficfare/fanficfare-bellringers-year.html`,
//! 23 KB, fourteen chapters) and the hostile megabyte of nested `<div>`s, and, in the same
//! group, pandoc reading the same FanFicFare page (`pandoc -f html -t json`, a process per
//! run) as the peer.
//!
//! Targets on the 2-core reference machine: the FanFicFare page ≤ 2 ms, the nested divs
//! ≤ 100 ms; pandoc takes about 0.1 s. Run: `cargo bench -p ficshelf-ingest --bench html`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use ficshelf_ingest::{Options, read_bytes};

fn fanficfare_page() -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/fanficfare/fanficfare-bellringers-year.html");
    let bytes = std::fs::read(&path).expect("the FanFicFare fixture exists");
    (path, bytes)
}

fn pandoc_available() -> bool {
    Command::new("pandoc")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn html(c: &mut Criterion) {
    let (path, page) = fanficfare_page();
    let nested = "<div>".repeat(1024 * 1024 / 5) + "<p>The text at the bottom.</p>";
    let opts = Options::default();
    let work = read_bytes("story.html", &page, &opts).expect("the FanFicFare page reads");
    assert_eq!(
        work.chapters.len(),
        14,
        "the bench story has fourteen chapters"
    );
    read_bytes("deep.html", nested.as_bytes(), &opts).expect("the nested divs read");

    let mut group = c.benchmark_group("html");
    group.sample_size(20);
    group.bench_function("inspect FanFicFare HTML (23 KB)", |b| {
        b.iter(|| read_bytes("story.html", black_box(&page), &opts).expect("reads"))
    });
    group.bench_function("inspect 1 MB of nested divs", |b| {
        b.iter(|| read_bytes("deep.html", black_box(nested.as_bytes()), &opts).expect("reads"))
    });
    if pandoc_available() {
        group.bench_function("pandoc -f html -t json, same FanFicFare page", |b| {
            b.iter(|| {
                let status = Command::new("pandoc")
                    .args(["-f", "html", "-t", "json"])
                    .arg(&path)
                    .stdout(Stdio::null())
                    .status()
                    .expect("pandoc runs");
                assert!(status.success());
            })
        });
    } else {
        eprintln!("pandoc is not installed: its side of the comparison is skipped");
    }
    group.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
