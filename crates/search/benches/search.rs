//! Query latency of the search index over a synthetic library.
//!
//! ```text
//! FICSHELF_BENCH_WORKS=10000 cargo bench -p ficshelf-search --bench search
//! ```
//!
//! Builds (once; reused from `$TMPDIR/ficshelf-search-bench-<N>-v<GEN>` while it matches) an
//! index of N generated works — fandom popularity and tags Zipf-skewed, word counts drawn from
//! AO3-like buckets (100 to 500,000, most short), prose from a Zipf vocabulary of 20,000 words —
//! then prints latency percentiles over 2,000 varied queries of each shape (the figures
//! `docs/storage.md` records; issue 6's targets are on p50/p99) and runs criterion on the same
//! shapes. Shapes: full text + two filters; filters only with facets; one of the three biggest
//! fandoms with facets; the unfiltered list with facets (the web's first page), cached and not;
//! a phrase of two very common words with a filter (a worst case).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, Format, Producer, SeriesRef,
    Source, Status, Work,
};
use ficshelf_search::{Index, IndexOptions, Query};

/// Bump when the generator changes, so an old cached index is not reused.
const GEN_VERSION: u32 = 1;
const VOCABULARY: usize = 20_000;
const FANDOMS: usize = 500;
const TAGS: usize = 5_000;
const AUTHORS: usize = 25_000;
const WORD_BUCKETS: &[(f64, u64, u64)] = &[
    (0.55, 100, 1_000),
    (0.33, 1_000, 5_000),
    (0.10, 5_000, 20_000),
    (0.018, 20_000, 100_000),
    (0.002, 100_000, 500_000),
];

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491_4f6c_dd1d)
    }
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Zipf-distributed ranks 0..n, by inverse CDF.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut cdf = Vec::with_capacity(n);
        let mut total = 0.0;
        for k in 1..=n {
            total += 1.0 / (k as f64).powf(s);
            cdf.push(total);
        }
        Zipf(cdf.into_iter().map(|c| c / total).collect())
    }
    fn draw(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }
}

/// Deterministic generator of synthetic works.
struct Gen {
    words: Vec<String>,
    vocab: Zipf,
    fandom: Zipf,
    tag: Zipf,
    character: Zipf,
}

impl Gen {
    fn new() -> Gen {
        const SYL: &[&str] = &[
            "ka", "ri", "mo", "te", "la", "son", "vin", "dor", "e", "a", "il", "ur", "shen", "bra",
            "po", "qua", "nel", "tis", "ow", "ge",
        ];
        let mut rng = Rng::new(7);
        let mut words: Vec<String> = Vec::with_capacity(VOCABULARY);
        while words.len() < VOCABULARY {
            let n = 1 + rng.below(3) + usize::from(words.len() > 500);
            let w: String = (0..n).map(|_| SYL[rng.below(SYL.len())]).collect();
            if !words.contains(&w) || words.len() > 5_000 {
                words.push(w);
            }
        }
        Gen {
            words,
            vocab: Zipf::new(VOCABULARY, 1.05),
            fandom: Zipf::new(FANDOMS, 1.1),
            tag: Zipf::new(TAGS, 1.0),
            character: Zipf::new(30, 1.2),
        }
    }

    fn fandom_name(k: usize) -> String {
        format!("Fandom Number {k}")
    }

    fn tag_name(k: usize) -> String {
        format!("Freeform Tag {k}")
    }

    fn work(&self, id: u64) -> Work {
        let rng = &mut Rng::new(id);
        let source = Source {
            path: format!("w{id}.txt"),
            format: Format::Txt,
            producer: Producer::Plain,
            url: None,
            site: None,
            encoding: "utf-8".into(),
            sha256: format!("{id:064x}"),
            bytes: 0,
        };
        let title: Vec<&str> = (0..1 + rng.below(5)).map(|_| self.word(rng)).collect();
        let mut w = Work::new(title.join(" "), source);
        w.authors = (0..1 + usize::from(rng.chance(0.1)))
            .map(|_| Author::named(format!("author{}", rng.below(AUTHORS))))
            .collect();
        let main = self.fandom.draw(rng);
        w.fandoms = vec![Gen::fandom_name(main)];
        if rng.chance(0.08) {
            w.fandoms.push(Gen::fandom_name(self.fandom.draw(rng)));
        }
        let character = |rng: &mut Rng| format!("F{main} Character {}", self.character.draw(rng));
        w.characters = (0..1 + rng.below(6)).map(|_| character(rng)).collect();
        w.characters.dedup();
        w.relationships = (0..rng.below(3))
            .map(|_| {
                let (a, b) = (character(rng), character(rng));
                if rng.chance(0.2) {
                    format!("{a} & {b}")
                } else {
                    format!("{a}/{b}")
                }
            })
            .collect();
        w.tags = (0..rng.below(16))
            .map(|_| Gen::tag_name(self.tag.draw(rng)))
            .collect();
        w.rating.ao3 = pick(
            rng,
            &[
                (0.25, Ao3Rating::General),
                (0.30, Ao3Rating::Teen),
                (0.20, Ao3Rating::Mature),
                (0.15, Ao3Rating::Explicit),
                (0.10, Ao3Rating::NotRated),
            ],
        );
        w.warnings.ao3 = match rng.below(10) {
            0..=4 => vec![ArchiveWarning::NoneApply],
            5..=7 => vec![ArchiveWarning::ChooseNotToUse],
            8 => vec![ArchiveWarning::MajorCharacterDeath],
            _ => vec![
                ArchiveWarning::GraphicViolence,
                ArchiveWarning::MajorCharacterDeath,
            ],
        };
        w.categories = vec![Category::ALL[rng.below(6)]];
        w.status = pick(
            rng,
            &[
                (0.7, Status::Complete),
                (0.25, Status::InProgress),
                (0.05, Status::Unknown),
            ],
        );
        w.language = Some(
            pick(
                rng,
                &[
                    (0.9, "en"),
                    (0.03, "es"),
                    (0.02, "fr"),
                    (0.02, "de"),
                    (0.02, "ja"),
                    (0.01, "ru"),
                ],
            )
            .into(),
        );
        if rng.chance(0.1) {
            w.series = vec![SeriesRef {
                name: format!("Series {}", rng.below(5_000)),
                index: Some(1.0),
                url: None,
            }];
        }
        let year = 2000 + rng.below(25) as u32;
        w.published = Date::new(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32).ok();
        let words = draw_words(rng);
        let chapters = if words < 5_000 && rng.chance(0.8) {
            1
        } else {
            (words / 4_000).clamp(1, 200) as usize
        };
        if chapters > 1 {
            w.updated = Date::new((year + 1).min(2025), 1 + rng.below(12) as u32, 1).ok();
        }
        let summary_words = 30 + rng.below(60) as u64;
        w.summary = Some(format!("<p>{}</p>", self.prose(rng, summary_words)));
        for _ in 0..chapters {
            let n = words / chapters as u64;
            w.chapters
                .push(Chapter::new(None, self.chapter_html(rng, n), n));
        }
        w.sum_words();
        w
    }

    fn word(&self, rng: &mut Rng) -> &str {
        &self.words[self.vocab.draw(rng)]
    }

    fn prose(&self, rng: &mut Rng, n: u64) -> String {
        let mut s = String::with_capacity(n as usize * 7);
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word(rng));
        }
        s
    }

    fn chapter_html(&self, rng: &mut Rng, words: u64) -> String {
        let mut html = String::with_capacity(words as usize * 7);
        let mut left = words;
        while left > 0 {
            let n = left.min(100);
            html.push_str("<p>");
            html.push_str(&self.prose(rng, n));
            html.push_str("</p>\n");
            left -= n;
        }
        html
    }
}

fn pick<T: Copy>(rng: &mut Rng, weighted: &[(f64, T)]) -> T {
    let mut u = rng.unit();
    for &(p, v) in weighted {
        if u < p {
            return v;
        }
        u -= p;
    }
    weighted[weighted.len() - 1].1
}

fn draw_words(rng: &mut Rng) -> u64 {
    let (_, lo, hi) = pick(
        rng,
        &WORD_BUCKETS.iter().map(|b| (b.0, *b)).collect::<Vec<_>>(),
    );
    let (lo, hi) = (lo as f64, hi as f64);
    (lo * (hi / lo).powf(rng.unit())) as u64
}

fn dir_size(dir: &PathBuf) -> u64 {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum()
    })
}

/// The index of N works, built now or reused from an earlier run.
fn library(n: u64, generator: &Gen) -> Index {
    let base =
        std::env::var_os("FICSHELF_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    let dir = base.join(format!("ficshelf-search-bench-{n}-v{GEN_VERSION}"));
    if let Ok(index) = Index::open_or_create(&dir)
        && index.doc_count() == n
        && index.applied_seq().ok().flatten() == Some(n)
    {
        eprintln!("reusing the index of {n} works in {}", dir.display());
        return index;
    }
    let index = Index::recreate(&dir, IndexOptions::default()).expect("create the bench index");
    let started = Instant::now();
    let mut text_bytes = 0u64;
    let mut words = 0u64;
    for id in 1..=n {
        let w = generator.work(id);
        text_bytes += w.chapters.iter().map(|c| c.html.len() as u64).sum::<u64>();
        words += w.words;
        index.index_work(id, &w).expect("index a work");
    }
    index.commit(n).expect("commit");
    index.release_writer().expect("wait for merges");
    let secs = started.elapsed().as_secs_f64();
    let size = dir_size(&dir);
    eprintln!(
        "indexed {n} works ({words} words, {} MB of chapter HTML) in {secs:.1} s ({:.0} works/s); \
         index {} MB ({:.2}x the HTML) in {}",
        text_bytes >> 20,
        n as f64 / secs,
        size >> 20,
        size as f64 / text_bytes.max(1) as f64,
        dir.display()
    );
    index
}

/// Query shapes, each with many variants drawn like a user would.
fn shapes(generator: &Gen) -> Vec<(&'static str, Vec<Query>, bool)> {
    let rng = &mut Rng::new(99);
    let common_word = |rng: &mut Rng| generator.words[50 + rng.below(2_000)].clone();
    let top_fandom = |rng: &mut Rng| Gen::fandom_name(rng.below(20));
    let rating = |rng: &mut Rng| Ao3Rating::ALL[rng.below(5)];
    let variants = 200;
    let text_two_filters = (0..variants)
        .map(|_| Query {
            words: (0..1 + rng.below(2))
                .map(|_| common_word(rng))
                .collect::<Vec<_>>()
                .join(" "),
            fandoms: vec![top_fandom(rng)],
            ratings: vec![rating(rng)],
            ..Query::default()
        })
        .collect();
    let filters_facets = (0..variants)
        .map(|_| Query {
            fandoms: vec![Gen::fandom_name(rng.below(50))],
            exclude_tags: vec![Gen::tag_name(rng.below(20))],
            status: vec![Status::Complete],
            ..Query::default()
        })
        .collect();
    let big_fandom = (0..3)
        .map(|k| Query {
            fandoms: vec![Gen::fandom_name(k)],
            ..Query::default()
        })
        .collect();
    let list_facets = vec![Query::default()];
    // Excluding a tag no work has matches everything but defeats the whole-library cache.
    let list_uncached = vec![Query {
        exclude_tags: vec!["no such tag".into()],
        ..Query::default()
    }];
    let phrase_filter = (0..variants)
        .map(|_| Query {
            words: format!(
                "\"{} {}\"",
                generator.words[rng.below(100)],
                generator.words[rng.below(100)]
            ),
            language: Some("en".into()),
            ..Query::default()
        })
        .collect();
    vec![
        ("text + 2 filters", text_two_filters, false),
        ("filters only + facets", filters_facets, true),
        ("top-3 fandom + facets", big_fandom, true),
        ("everything + facets", list_facets, true),
        ("everything, uncached", list_uncached, true),
        ("phrase + filter", phrase_filter, false),
    ]
}

fn run(index: &Index, q: &Query, facets: bool) -> u64 {
    if facets {
        let (r, f) = index.search_with_facets(q, 10).expect("search");
        r.total + f.fandoms.len() as u64
    } else {
        index.search(q).expect("search").total
    }
}

fn percentiles(index: &Index, shapes: &[(&'static str, Vec<Query>, bool)]) {
    for (name, queries, facets) in shapes {
        for q in queries.iter().take(50) {
            black_box(run(index, q, *facets));
        }
        let mut times: Vec<Duration> = (0..2_000)
            .map(|i| {
                let q = &queries[i % queries.len()];
                let t = Instant::now();
                black_box(run(index, q, *facets));
                t.elapsed()
            })
            .collect();
        times.sort();
        let p = |x: f64| times[((times.len() as f64 * x) as usize).min(times.len() - 1)];
        let hits: u64 = queries
            .iter()
            .take(20)
            .map(|q| index.search(q).unwrap().total)
            .sum::<u64>()
            / 20.min(queries.len() as u64);
        eprintln!(
            "{name:>24}: p50 {:>8.2?}  p90 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}   (~{hits} matches)",
            p(0.50),
            p(0.90),
            p(0.99),
            times[times.len() - 1]
        );
    }
}

fn bench(c: &mut Criterion) {
    let n: u64 = std::env::var("FICSHELF_BENCH_WORKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let generator = Gen::new();
    let index = library(n, &generator);
    let shapes = shapes(&generator);
    percentiles(&index, &shapes);
    let mut group = c.benchmark_group(format!("search {n} works"));
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(5));
    for (name, queries, facets) in &shapes {
        let mut i = 0;
        group.bench_function(*name, |b| {
            b.iter(|| {
                i += 1;
                black_box(run(&index, &queries[i % queries.len()], *facets))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
