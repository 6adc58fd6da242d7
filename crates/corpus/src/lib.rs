//! Synthetic fan-fiction corpora for benchmarks, soak tests and demos.
//!
//! Not part of the reading pipeline: it *makes* input for it. [`Generator`] draws `Work`s with
//! realistic metadata — fandom popularity skewed like AO3's (Zipf), word counts from 100 to
//! 500,000 with most works short, 1–200 chapters, co-authors, series, some non-Latin works — and
//! [`write_corpus`] writes them as legacy plain text (hand-typed headers, sometimes cp1252),
//! HTML and EPUB through the export crate. A seed always gives the same corpus.

mod catalog;
pub mod hostile;
mod legacy;
mod prose;
mod rng;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use ficshelf_export::{ExportFormat, write_file};
use ficshelf_markup::{count_words, escape_text};
use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, Format, Producer, Rating,
    SeriesRef, Source, Status, Warnings, Work,
};

pub use prose::Script;
pub use rng::Rng;

/// Word-count buckets: (share of works, lowest, highest). Log-uniform inside a bucket. Most
/// works are short (drabbles and one-shots), a few are novels, as on AO3.
pub const WORD_BUCKETS: &[(f64, u64, u64)] = &[
    (0.55, 100, 1_000),
    (0.33, 1_000, 5_000),
    (0.10, 5_000, 20_000),
    (0.018, 20_000, 100_000),
    (0.002, 100_000, 500_000),
];

/// Which file families a corpus holds, by share.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    pub legacy_txt: f64,
    pub html: f64,
    pub epub: f64,
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            legacy_txt: 0.4,
            html: 0.3,
            epub: 0.3,
        }
    }
}

pub struct Generator {
    rng: Rng,
    authors: Vec<String>,
    made: u64,
}

/// One generated work, plus what its legacy header should say (legacy spellings).
pub struct Generated {
    pub work: Work,
    pub rating_as_written: String,
    pub warning_as_written: String,
}

impl Generator {
    /// A generator whose author pool suits a corpus of about `expected_works` works.
    pub fn new(seed: u64, expected_works: u64) -> Self {
        let mut rng = Rng::new(seed);
        let pool = (expected_works / 4).clamp(8, 50_000);
        let authors = (0..pool).map(|_| pseudonym(&mut rng)).collect();
        Generator {
            rng,
            authors,
            made: 0,
        }
    }

    /// The next work, with about `words` words (or a draw from [`WORD_BUCKETS`]).
    pub fn work(&mut self, words: Option<u64>, chapters: Option<usize>) -> Generated {
        self.made += 1;
        let rng = &mut self.rng;
        let words = words.unwrap_or_else(|| draw_words(rng));
        let chapters = chapters.unwrap_or_else(|| {
            if words < 1_500 {
                1
            } else {
                (words / rng.range(1_500, 6_000)).clamp(1, 200) as usize
            }
        });
        let script = match rng.weighted(&[92.0, 3.0, 2.5, 2.5]) {
            0 => Script::English,
            1 => Script::Japanese,
            2 => Script::Greek,
            _ => Script::Russian,
        };

        let fandom_idx = rng.zipf(catalog::FANDOMS.len(), 1.0);
        let fandom = &catalog::FANDOMS[fandom_idx];
        let mut fandoms = vec![fandom.name.to_string()];
        if rng.chance(0.08) {
            let other = &catalog::FANDOMS[rng.zipf(catalog::FANDOMS.len(), 1.0)];
            if other.name != fandom.name {
                fandoms.push(other.name.to_string());
            }
        }
        let mut characters: Vec<String> = Vec::new();
        for _ in 0..rng.range(1, 5) {
            let c = rng.pick(fandom.characters).to_string();
            if !characters.contains(&c) {
                characters.push(c);
            }
        }
        let mut relationships = Vec::new();
        let mut categories = Vec::new();
        if characters.len() >= 2 && rng.chance(0.75) {
            let sep = if rng.chance(0.8) { "/" } else { " & " };
            relationships.push(format!("{}{sep}{}", characters[0], characters[1]));
            let cat = catalog::CATEGORIES[rng.weighted(&weights(catalog::CATEGORIES))].0;
            categories.push(cat.parse::<Category>().unwrap_or(Category::Other));
        } else {
            categories.push(Category::Gen);
        }
        let (rating_raw, _) =
            catalog::LEGACY_RATINGS[rng.weighted(&weights(catalog::LEGACY_RATINGS))];
        let (warning_raw, _) =
            catalog::LEGACY_WARNINGS[rng.weighted(&weights(catalog::LEGACY_WARNINGS))];
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.range(0, 8) {
            let t = rng.pick(catalog::TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }

        let n_authors = 1 + rng.weighted(&[90.0, 8.0, 2.0]);
        let mut authors: Vec<Author> = Vec::new();
        for _ in 0..n_authors {
            let name = self.authors[self.rng.zipf(self.authors.len().min(2_000), 0.8)].clone();
            if authors.iter().all(|a| a.name != name) {
                let email = self
                    .rng
                    .chance(0.3)
                    .then(|| format!("{}@example.org", name.to_lowercase()));
                authors.push(Author {
                    name,
                    email,
                    url: None,
                });
            }
        }
        let rng = &mut self.rng;

        let published = random_date(rng, 1996, 2026);
        let updated = (chapters > 1 && rng.chance(0.7)).then(|| later_date(rng, published));
        let status = if chapters == 1 || rng.chance(0.7) {
            Status::Complete
        } else {
            Status::InProgress
        };
        let series = rng.chance(0.15).then(|| SeriesRef {
            name: format!(
                "{} of {}",
                rng.pick(catalog::SERIES_WORDS),
                rng.pick(catalog::SERIES_WORDS)
            ),
            index: Some(rng.range(1, 6) as f64),
            url: None,
        });

        let per_chapter = (words / chapters as u64).max(20);
        let mut chapter_list = Vec::with_capacity(chapters);
        for c in 0..chapters {
            let html = prose::chapter_html(rng, script, per_chapter);
            let title = rng
                .chance(0.5)
                .then(|| format!("{} {}", rng.pick(catalog::SERIES_WORDS), c + 1));
            let words = count_words(&html);
            chapter_list.push(Chapter::new(title, html, words));
        }
        let title = title_for(rng, script);
        let summary_words = rng.range(15, 60);
        let summary_text = prose::paragraphs(rng, script, summary_words).join(" ");

        let mut work = Work::new(
            title,
            Source {
                path: String::new(),
                format: Format::Txt,
                producer: Producer::Plain,
                url: rng
                    .chance(0.5)
                    .then(|| format!("https://archive.example.org/works/{}", self.made)),
                site: None,
                encoding: "utf-8".into(),
                sha256: String::new(),
                bytes: 0,
            },
        );
        work.source.site = work
            .source
            .url
            .as_ref()
            .map(|_| "archive.example.org".to_string());
        work.authors = authors;
        work.fandoms = fandoms;
        work.rating = Rating {
            raw: Some(rating_raw.to_string()),
            ao3: legacy_rating(rating_raw),
        };
        work.warnings = Warnings {
            raw: vec![warning_raw.to_string()],
            ao3: vec![legacy_warning(warning_raw)],
        };
        work.categories = categories;
        work.relationships = relationships;
        work.characters = characters;
        work.tags = tags;
        work.summary = Some(format!("<p>{}</p>", escape_text(&summary_text)));
        work.series = series.into_iter().collect();
        work.published = Some(published);
        work.updated = updated;
        work.status = status;
        work.language = Some(script.language().to_string());
        work.chapters = chapter_list;
        work.sum_words();
        work.extra = BTreeMap::new();
        Generated {
            work,
            rating_as_written: rating_raw.to_string(),
            warning_as_written: warning_raw.to_string(),
        }
    }

    pub fn rng(&mut self) -> &mut Rng {
        &mut self.rng
    }
}

fn weights(table: &[(&str, f64)]) -> Vec<f64> {
    table.iter().map(|(_, w)| *w).collect()
}

fn draw_words(rng: &mut Rng) -> u64 {
    let shares: Vec<f64> = WORD_BUCKETS.iter().map(|b| b.0).collect();
    let (_, lo, hi) = WORD_BUCKETS[rng.weighted(&shares)];
    let (lo, hi) = (lo as f64, hi as f64);
    (lo * (hi / lo).powf(rng.unit())).round() as u64
}

fn legacy_rating(raw: &str) -> Ao3Rating {
    match raw {
        "G" | "PG" | "K+" | "General Audiences" => Ao3Rating::General,
        "PG-13" | "T" | "Teen And Up Audiences" => Ao3Rating::Teen,
        "R" | "M" | "Mature" => Ao3Rating::Mature,
        "NC-17" | "MA" | "Explicit" => Ao3Rating::Explicit,
        _ => Ao3Rating::NotRated,
    }
}

fn legacy_warning(raw: &str) -> ArchiveWarning {
    match raw {
        "none" | "No Archive Warnings Apply" | "language" | "dub-con" => ArchiveWarning::NoneApply,
        "character death" | "Major Character Death" => ArchiveWarning::MajorCharacterDeath,
        "violence" | "Graphic Depictions Of Violence" => ArchiveWarning::GraphicViolence,
        "Rape/Non-Con" => ArchiveWarning::RapeNonCon,
        _ => ArchiveWarning::ChooseNotToUse,
    }
}

fn pseudonym(rng: &mut Rng) -> String {
    let mut name = String::new();
    for _ in 0..rng.range(2, 3) {
        name.push_str(rng.pick(catalog::NAME_SYLLABLES));
    }
    let mut cs = name.chars();
    let first = cs.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    let digits = if rng.chance(0.3) {
        rng.range(1, 99).to_string()
    } else {
        String::new()
    };
    format!("{first}{}{digits}", cs.as_str())
}

/// A title. The space is large (about two million English titles; tens of thousands per other
/// script) so that two generated works rarely share a title and an author: the library would
/// rightly take such a pair for one work, since generated prose is too uniform to tell apart.
fn title_for(rng: &mut Rng, script: Script) -> String {
    const ADJECTIVES: &[&str] = &[
        "Quiet", "Long", "Last", "Small", "Borrowed", "Salt", "Winter", "Paper", "Hollow",
        "Bright", "Second", "Unsent", "Drowned", "Iron", "Silver", "Patient", "Lost", "Painted",
        "Northern", "Burning", "Gentle", "Broken", "Secret", "Wild", "Late", "Golden", "Folded",
        "Sleeping", "Distant", "Open",
    ];
    const PREPOSITIONS: &[&str] = &[
        "Between", "Along", "After", "Under", "Beyond", "Before", "Against", "Across",
    ];
    const PLACES: &[&str] = &[
        "Stacks",
        "Us",
        "the Tide",
        "the Stars",
        "the Rain",
        "Midnight",
        "the Wall",
        "the Harbour",
        "the Orchard",
        "the Bridge",
        "the Storm",
        "the Lamps",
        "the River",
        "the Snow",
        "the Border",
        "the Garden",
        "the Dawn",
        "the Cliffs",
        "the Station",
        "the Fire",
    ];
    const JA: &[&str] = &[
        "灯台",
        "雨",
        "港",
        "手紙",
        "霧",
        "図書館",
        "列車",
        "桜",
        "夜",
        "海",
        "約束",
        "星",
    ];
    const EL: &[&str] = &[
        "Ο φάρος",
        "Η βροχή",
        "Το λιμάνι",
        "Το γράμμα",
        "Η ομίχλη",
        "Η βιβλιοθήκη",
        "Το τρένο",
        "Η νύχτα",
        "Η θάλασσα",
        "Η υπόσχεση",
        "Τα αστέρια",
        "Ο κήπος",
    ];
    const RU: &[&str] = &[
        "Маяк",
        "Дождь",
        "Гавань",
        "Письмо",
        "Туман",
        "Библиотека",
        "Поезд",
        "Ночь",
        "Море",
        "Обещание",
        "Звёзды",
        "Сад",
    ];
    // A part number now and then, as in "Part 12" of a long-running series of one-shots.
    let part = |rng: &mut Rng| rng.chance(0.5).then(|| rng.range(2, 99));
    match script {
        Script::Japanese => {
            let mut t = format!("{}の{}", rng.pick(JA), rng.pick(JA));
            if let Some(n) = part(rng) {
                t.push_str(&format!("　第{n}話"));
            }
            t
        }
        Script::Greek | Script::Russian => {
            let words = if script == Script::Greek { EL } else { RU };
            let and = if script == Script::Greek {
                "και"
            } else {
                "и"
            };
            let (a, b) = (rng.pick(words), rng.pick(words).to_lowercase());
            let mut t = format!("{a} {and} {b}");
            if let Some(n) = part(rng) {
                t.push_str(&format!(" ({n})"));
            }
            t
        }
        Script::English => {
            let mut t = format!(
                "The {} {} {} {}",
                rng.pick(ADJECTIVES),
                rng.pick(catalog::SERIES_WORDS),
                rng.pick(PREPOSITIONS),
                rng.pick(PLACES),
            );
            if rng.chance(0.3) {
                t.push_str(&format!(
                    ": {} {}",
                    rng.pick(ADJECTIVES),
                    rng.pick(catalog::SERIES_WORDS)
                ));
            }
            t
        }
    }
}

fn random_date(rng: &mut Rng, from_year: u64, to_year: u64) -> Date {
    loop {
        let y = rng.range(from_year, to_year) as u32;
        if let Ok(d) = Date::new(y, rng.range(1, 12) as u32, rng.range(1, 28) as u32) {
            return d;
        }
    }
}

fn later_date(rng: &mut Rng, after: Date) -> Date {
    let y = (after.year() + rng.range(0, 2) as u32).min(2026);
    let m = if y == after.year() {
        rng.range(after.month() as u64, 12) as u32
    } else {
        rng.range(1, 12) as u32
    };
    Date::new(y, m, 28).unwrap_or(after)
}

/// Write `count` works into `dir` (created if missing) as a mix of legacy txt, HTML and EPUB.
/// Returns the files written.
pub fn write_corpus(dir: &Path, count: u64, seed: u64, mix: Mix) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut generator = Generator::new(seed, count);
    let shares = [mix.legacy_txt, mix.html, mix.epub];
    let mut files = Vec::with_capacity(count as usize);
    for i in 0..count {
        let g = generator.work(None, None);
        let kind = generator.rng().weighted(&shares);
        // Spread files over subfolders, as real collections are.
        let sub = dir.join(format!("{:03}", i / 1000));
        fs::create_dir_all(&sub)?;
        let path = match kind {
            0 => {
                let path = sub.join(format!("work-{i:06}.txt"));
                let bytes = legacy::render(
                    &g.work,
                    &g.rating_as_written,
                    &g.warning_as_written,
                    generator.rng(),
                );
                fs::write(&path, bytes)?;
                path
            }
            1 => export(&g.work, &sub, i, ExportFormat::Html)?,
            _ => export(&g.work, &sub, i, ExportFormat::Epub)?,
        };
        files.push(path);
    }
    Ok(files)
}

/// The legacy plain-text rendering of a generated work.
pub fn legacy_text(g: &Generated, rng: &mut Rng) -> Vec<u8> {
    legacy::render(&g.work, &g.rating_as_written, &g.warning_as_written, rng)
}

fn export(work: &Work, dir: &Path, i: u64, format: ExportFormat) -> io::Result<PathBuf> {
    let path = dir.join(format!("work-{i:06}.{}", format.extension()));
    write_file(work, format, &path).map_err(io::Error::other)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_works() {
        let a = Generator::new(42, 100).work(None, None).work;
        let b = Generator::new(42, 100).work(None, None).work;
        assert_eq!(a, b);
    }

    #[test]
    fn requested_shape_is_honoured() {
        let g = Generator::new(1, 10).work(Some(12_000), Some(7));
        assert_eq!(g.work.chapters.len(), 7);
        assert!((11_000..14_000).contains(&g.work.words), "{}", g.work.words);
        assert_eq!(
            g.work.words,
            g.work.chapters.iter().map(|c| c.words).sum::<u64>()
        );
    }

    #[test]
    fn word_counts_span_the_buckets_and_skew_short() {
        let mut rng = Rng::new(9);
        let draws: Vec<u64> = (0..20_000).map(|_| draw_words(&mut rng)).collect();
        assert!(draws.iter().all(|w| (100..=500_000).contains(w)));
        let short = draws.iter().filter(|w| **w < 1_000).count();
        assert!((10_000..12_000).contains(&short), "{short}");
        assert!(draws.iter().any(|w| *w > 100_000));
    }

    #[test]
    fn title_and_author_rarely_collide() {
        // The library takes the same title + author + similar text for one work; generated
        // prose is uniform, so the pairs must be (almost) unique for a corpus of N files to
        // make N works.
        let mut g = Generator::new(3, 20_000);
        let mut seen = std::collections::HashSet::new();
        let mut collisions = 0;
        for _ in 0..20_000 {
            let w = g.work(Some(100), Some(1)).work;
            if !seen.insert((w.title.clone(), w.authors[0].name.clone())) {
                collisions += 1;
            }
        }
        assert!(
            collisions < 20,
            "{collisions} of 20,000 share a title and author"
        );
    }

    #[test]
    fn non_latin_legacy_files_stay_utf8() {
        let mut g = Generator::new(8, 1_000);
        let mut checked = 0;
        while checked < 20 {
            let generated = g.work(Some(200), Some(1));
            if generated.work.language.as_deref() == Some("en") {
                continue;
            }
            let bytes = legacy_text(&generated, g.rng());
            let text = String::from_utf8(bytes).expect("non-Latin text is written as UTF-8");
            assert!(!text.contains("&#"), "{text}");
            checked += 1;
        }
    }

    #[test]
    fn fandoms_are_skewed_towards_the_popular() {
        let mut g = Generator::new(5, 1000);
        let mut first = 0;
        let mut last = 0;
        for _ in 0..400 {
            let w = g.work(Some(100), Some(1)).work;
            if w.fandoms[0] == catalog::FANDOMS[0].name {
                first += 1;
            }
            if w.fandoms[0] == catalog::FANDOMS[catalog::FANDOMS.len() - 1].name {
                last += 1;
            }
        }
        assert!(first > 3 * last.max(1), "first {first}, last {last}");
    }
}
