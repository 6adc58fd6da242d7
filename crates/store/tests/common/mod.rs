//! Works built for the store's tests and for the torture child process: deterministic from a
//! seed, with an "original file" whose sha256 the Work's source carries.
#![allow(dead_code)]

use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, Format, Producer, Source, Status,
    Work,
};

const WORDS: &[&str] = &[
    "the",
    "night",
    "was",
    "long",
    "and",
    "Willow",
    "read",
    "by",
    "candle",
    "light",
    "while",
    "Spike",
    "paced",
    "library",
    "stacks",
    "rain",
    "on",
    "windows",
    "quiet",
    "magic",
    "hummed",
    "under",
    "old",
    "floor",
    "Giles",
    "would",
    "have",
    "said",
    "something",
    "wise",
];

/// Words per chapter of the torture child's works.
pub const TORTURE_WORDS: usize = 200;

/// Chapters of the first version of the torture work with this seed.
pub fn first_chapters(seed: u64) -> usize {
    1 + (seed % 4) as usize
}

/// A little xorshift so that works differ without a random-number dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Pseudo-prose of `n` words.
pub fn prose(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A work with `chapters` chapters of `words` words each, and the bytes of its "original file".
pub fn work(seed: u64, title: &str, chapters: usize, words: usize) -> (Work, Vec<u8>) {
    let mut rng = Rng::new(seed);
    let mut text = format!("Title: {title}\nAuthor: Author {}\n\n", seed % 7);
    let mut chs = Vec::new();
    for i in 0..chapters {
        let body = prose(&mut rng, words);
        text.push_str(&format!("Chapter {}\n\n{body}\n\n", i + 1));
        chs.push(Chapter::new(
            Some(format!("Part {}", i + 1)),
            format!("<p>{body}</p>"),
            words as u64,
        ));
    }
    text.push_str(&format!("seed {seed}\n"));
    let source = Source {
        path: format!("fics/{title}.txt"),
        format: Format::Txt,
        producer: Producer::Plain,
        url: None,
        site: None,
        encoding: "utf-8".into(),
        sha256: ficshelf_store::sha256_hex(text.as_bytes()),
        bytes: text.len() as u64,
    };
    let mut w = Work::new(title, source);
    w.authors = vec![Author::named(format!("Author {}", seed % 7))];
    w.fandoms = vec![["Buffy the Vampire Slayer", "Angel", "Firefly"][(seed % 3) as usize].into()];
    w.relationships = vec!["Spike/Willow".into()];
    w.characters = vec!["Willow Rosenberg".into(), "Spike".into()];
    w.tags = vec![format!("Tag {}", seed % 5), "Angst".into()];
    w.rating.ao3 = Ao3Rating::ALL[(seed % 5) as usize];
    w.warnings.ao3 = vec![ArchiveWarning::NoneApply];
    w.categories = vec![Category::FM];
    w.status = if seed.is_multiple_of(2) {
        Status::Complete
    } else {
        Status::InProgress
    };
    w.published = Date::new(2000 + (seed % 20) as u32, 1, 1).ok();
    w.language = Some("en".into());
    w.chapters = chs;
    w.sum_words();
    (w, text.into_bytes())
}
