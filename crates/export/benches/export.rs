//! Rendering a ~75 KB seven-chapter work (issue 3's benchmark story size) to every format.
//! Target: EPUB ≤ 5 ms on the 2-core reference machine. Run with `cargo bench -p ficshelf-export`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ficshelf_export::{ExportFormat, render};

fn export(c: &mut Criterion) {
    let work = common::seventy_five_kb();
    let html_bytes: usize = work.chapters.iter().map(|ch| ch.html.len()).sum();
    assert!(
        (70_000..80_000).contains(&html_bytes),
        "sample is {html_bytes} bytes"
    );
    assert_eq!(work.chapters.len(), 7);
    let mut group = c.benchmark_group("render 75 KB, 7 chapters");
    for &format in ExportFormat::ALL {
        group.bench_function(format.to_string(), |b| {
            b.iter(|| render(black_box(&work), format).expect("renders"))
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
