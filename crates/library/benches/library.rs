//! The library's benchmarks through the facade (not tests: nothing here asserts a time).
//!
//! ```text
//! cargo bench -p ficshelf-library --bench library -- import CORPUS_DIR LIBRARY_DIR
//! cargo bench -p ficshelf-library --bench library -- search LIBRARY_DIR [QUERIES]
//! cargo bench -p ficshelf-library --bench library -- size LIBRARY_DIR
//! ```
//!
//! `import` times `Library::import` of a folder (the CLI's `ficshelf import` is the same call;
//! `scripts/bench-library.sh` times the binary, with peak memory). `search` prints latency
//! percentiles of the query shapes issue 6 sets targets for, over queries drawn from the
//! library's own tags and text, each a full facade call (index search + summaries from the
//! store, + facets where the shape has them). `size` compares the library on disk with the text
//! it holds. Each prints one `key=value` line per figure for the script to collect.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ficshelf_library::{ImportOptions, Library, Query, Sort, TagKind, WorkId, parse_rating};
use ficshelf_model::Status;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let usage = "usage: library import CORPUS LIBRARY | search LIBRARY [QUERIES] | size LIBRARY";
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["import", corpus, library] => import(corpus.into(), library.into()),
        ["search", library] => search(library.into(), 2_000),
        ["search", library, n] => search(library.into(), n.parse().unwrap_or(2_000)),
        ["size", library] => size(library.into()),
        [] => eprintln!("{usage}\n(nothing to do without arguments)"),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}

fn open(dir: &Path) -> Library {
    Library::open_or_create(dir).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", dir.display());
        std::process::exit(2)
    })
}

fn import(corpus: PathBuf, library: PathBuf) {
    let lib = open(&library);
    let before = lib.ids().map_or(0, |i| i.len());
    let started = Instant::now();
    let report = lib
        .import(&[corpus], &ImportOptions::default(), |_| {})
        .unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(2)
        });
    let secs = started.elapsed().as_secs_f64();
    let c = report.counts;
    println!(
        "import files={} imported={} updated={} unchanged={} failed={} seconds={secs:.2} \
         works_per_second={:.0} library_before={before}",
        c.total(),
        c.imported,
        c.updated,
        c.unchanged,
        c.failed,
        c.total() as f64 / secs
    );
}

/// A little xorshift: the same queries on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Query shapes: (name, queries, with facets).
fn shapes(lib: &Library) -> Vec<(&'static str, Vec<Query>, bool)> {
    let tags = lib.tags().expect("tags");
    let of = |kind: TagKind| -> Vec<String> {
        tags.iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.name.clone())
            .collect()
    };
    let fandoms = of(TagKind::Fandom);
    let freeforms = of(TagKind::Freeform);
    let ratings = of(TagKind::Rating);
    let words = vocabulary(lib);
    let rng = &mut Rng(0x5eed);
    let n = 200;
    let pick = |rng: &mut Rng, v: &[String], top: usize| v[rng.below(v.len().min(top))].clone();
    let text_two_filters = (0..n)
        .map(|_| Query {
            words: (0..1 + rng.below(2))
                .map(|_| pick(rng, &words, words.len()))
                .collect::<Vec<_>>()
                .join(" "),
            fandoms: vec![pick(rng, &fandoms, 20)],
            ratings: vec![parse_rating(&pick(rng, &ratings, 5)).expect("AO3 rating")],
            ..Query::default()
        })
        .collect();
    let filters_facets = (0..n)
        .map(|_| Query {
            fandoms: vec![pick(rng, &fandoms, 50)],
            exclude_tags: vec![pick(rng, &freeforms, 20)],
            status: vec![Status::Complete],
            ..Query::default()
        })
        .collect();
    let big_fandom = (0..3)
        .map(|k| Query {
            fandoms: vec![fandoms[k.min(fandoms.len() - 1)].clone()],
            sort: Sort::Words,
            ..Query::default()
        })
        .collect();
    vec![
        ("full text + 2 filters", text_two_filters, false),
        ("filters only + facets", filters_facets, true),
        ("top-3 fandom + facets", big_fandom, true),
        ("everything + facets", vec![Query::default()], true),
    ]
}

/// Words from the library's own text: some chapters of some works, split on non-letters.
fn vocabulary(lib: &Library) -> Vec<String> {
    let ids = lib.ids().expect("ids");
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for id in ids.iter().step_by((ids.len() / 50).max(1)).take(50) {
        if let Ok(ch) = lib.chapter(*id, 1) {
            for w in ch.html.split(|c: char| !c.is_alphabetic()) {
                if w.len() > 3 && !matches!(w, "span" | "class" | "strong") {
                    *counts.entry(w.to_lowercase()).or_default() += 1;
                }
            }
        }
    }
    // Neither the rarest (typos of the generator) nor the commonest: real searches.
    let mut by_count: Vec<(u32, String)> = counts.into_iter().map(|(w, c)| (c, w)).collect();
    by_count.sort();
    let skip = by_count.len() / 10;
    by_count
        .into_iter()
        .rev()
        .skip(skip)
        .take(2_000)
        .map(|(_, w)| w)
        .collect()
}

fn search(dir: PathBuf, runs: usize) {
    let lib = Library::open(&dir).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", dir.display());
        std::process::exit(2)
    });
    let works = lib.ids().map_or(0, |i| i.len());
    println!("search works={works} runs={runs}");
    for (name, queries, facets) in shapes(&lib) {
        let call = |q: &Query| {
            if facets {
                black_box(lib.search_with_facets(q, 10).expect("search").0.total)
            } else {
                black_box(lib.search(q).expect("search").total)
            }
        };
        for q in queries.iter().take(50) {
            call(q);
        }
        let mut matches = 0;
        let mut times: Vec<Duration> = (0..runs)
            .map(|i| {
                let q = &queries[i % queries.len()];
                let t = Instant::now();
                matches += call(q);
                t.elapsed()
            })
            .collect();
        times.sort();
        let p = |x: f64| times[((times.len() as f64 * x) as usize).min(times.len() - 1)];
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "latency shape=\"{name}\" p50_ms={:.3} p90_ms={:.3} p99_ms={:.3} max_ms={:.3} mean_matches={}",
            ms(p(0.50)),
            ms(p(0.90)),
            ms(p(0.99)),
            ms(times[times.len() - 1]),
            matches / runs as u64
        );
    }
}

fn size(dir: PathBuf) {
    let lib = Library::open(&dir).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", dir.display());
        std::process::exit(2)
    });
    let stats = lib.stats().expect("stats");
    // The text it holds: every chapter's HTML (the text as the works carry it) and the
    // imported files as they were.
    let mut html = 0u64;
    let ids: Vec<WorkId> = lib.ids().expect("ids");
    for id in &ids {
        let work = lib.get(*id).expect("work").work;
        html += work
            .chapters
            .iter()
            .map(|c| c.html.len() as u64)
            .sum::<u64>();
    }
    let d = stats.disk;
    let total = d.total() as f64;
    println!(
        "size works={} words={} chapter_html={html} source_bytes={} database={} originals={} \
         index={} total={} ratio_to_html={:.3} ratio_to_sources={:.3}",
        stats.store.works,
        stats.store.words,
        stats.store.source_bytes,
        d.database,
        d.originals,
        d.index,
        d.total(),
        total / html.max(1) as f64,
        total / stats.store.source_bytes.max(1) as f64
    );
}
