//! Tests of the dedupe keys and the text fingerprint, on generated prose.

use ficshelf_model::{Author, Chapter, Date, Format, Producer, Source, Work};

use super::*;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "sa", "tho", "vel", "dra", "en", "is", "or", "um", "bel", "cor",
    "fen", "gal",
];

/// `n` words of deterministic pseudo-prose: a different seed gives an unrelated text.
fn prose(seed: u64, n: usize) -> Vec<String> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a = SYLLABLES[(x % 16) as usize];
            let b = SYLLABLES[((x >> 8) % 16) as usize];
            let c = if x >> 16 & 1 == 0 {
                ""
            } else {
                SYLLABLES[((x >> 20) % 16) as usize]
            };
            format!("{a}{b}{c}")
        })
        .collect()
}

fn source() -> Source {
    Source {
        path: "x.txt".into(),
        format: Format::Txt,
        producer: Producer::Plain,
        url: None,
        site: None,
        encoding: "utf-8".into(),
        sha256: "0".repeat(64),
        bytes: 0,
    }
}

/// A work whose chapters are consecutive `per_chapter`-word slices of `words`.
fn work_from(words: &[String], per_chapter: usize) -> Work {
    let mut work = Work::new("The Story", source());
    for (i, chunk) in words.chunks(per_chapter).enumerate() {
        let html = format!("<p>{}</p>", chunk.join(" "));
        work.chapters.push(Chapter::new(
            Some(format!("Chapter {}", i + 1)),
            html,
            chunk.len() as u64,
        ));
    }
    work.sum_words();
    work
}

#[test]
fn the_same_text_is_fully_similar() {
    let w = work_from(&prose(1, 5_000), 1_000);
    assert_eq!(similarity(&w, &w), 1.0);
    assert_eq!(Fingerprint::of(&w).words, 5_000);
}

#[test]
fn another_format_of_the_same_text_is_nearly_the_same() {
    let words = prose(2, 6_000);
    let epub = work_from(&words, 2_000);
    // One chapter, different markup, a header line and an end marker that the other lacks.
    let body: Vec<String> = words
        .chunks(40)
        .map(|para| format!("<p class=\"x\">{}</p>\n", para.join("&nbsp;")))
        .collect();
    let mut txt = Work::new("The Story", source());
    txt.chapters.push(Chapter::new(
        None,
        format!(
            "<p>Disclaimer: not mine.</p>{}<p>The End</p>",
            body.concat()
        ),
        6_006,
    ));
    let s = similarity(&epub, &txt);
    assert!(s >= 0.9, "{s}");
}

#[test]
fn a_newer_download_with_more_chapters_contains_the_old_one() {
    let words = prose(3, 40_000);
    let old = work_from(&words[..6_000], 2_000);
    let new = work_from(&words, 2_000);
    let s = Fingerprint::of(&old).similarity(&Fingerprint::of(&new));
    assert!(s >= SAME_TEXT, "old in new: {s}");
    // Even far apart in length, the opening words decide.
    let first = work_from(&words[..1_500], 1_500);
    let s = similarity(&first, &new);
    assert!(s >= SAME_TEXT, "first chapter in 40k words: {s}");
    assert!(is_newer(&old, &new));
    assert!(!is_newer(&new, &old));
}

#[test]
fn different_stories_are_not_similar() {
    for (a, b, n) in [(10, 11, 3_000), (12, 13, 30_000), (14, 15, 200)] {
        let s = similarity(
            &work_from(&prose(a, n), 1_000),
            &work_from(&prose(b, n), 1_000),
        );
        assert!(s < 0.1, "seeds {a}/{b}, {n} words: {s}");
    }
    // A short story and the opening of a long, different one.
    let s = similarity(
        &work_from(&prose(16, 800), 800),
        &work_from(&prose(17, 50_000), 5_000),
    );
    assert!(s < 0.1, "{s}");
}

#[test]
fn empty_and_tiny_texts_have_defined_similarity() {
    let empty = Work::new("Empty", source());
    assert_eq!(similarity(&empty, &empty), 1.0);
    let tiny = work_from(&prose(20, 3), 10);
    assert_eq!(similarity(&empty, &tiny), 0.0);
    assert_eq!(similarity(&tiny, &tiny), 1.0);
    assert_eq!(similarity(&tiny, &work_from(&prose(21, 3), 10)), 0.0);
}

#[test]
fn fingerprints_round_trip_through_bytes_and_refuse_garbage() {
    let fp = Fingerprint::of(&work_from(&prose(30, 4_000), 500));
    let bytes = fp.to_bytes();
    assert_eq!(bytes.len(), 11 + 4 * (64 + 32));
    assert_eq!(Fingerprint::from_bytes(&bytes), Some(fp));
    assert_eq!(Fingerprint::from_bytes(&[]), None);
    assert_eq!(Fingerprint::from_bytes(&bytes[..bytes.len() - 1]), None);
    let mut wrong_version = bytes.clone();
    wrong_version[0] = 9;
    assert_eq!(Fingerprint::from_bytes(&wrong_version), None);
    let mut unsorted = bytes;
    for i in 11..15 {
        unsorted.swap(i, i + 4);
    }
    assert_eq!(Fingerprint::from_bytes(&unsorted), None);
}

#[test]
fn newer_means_more_chapters_or_a_later_day() {
    let mut old = work_from(&prose(40, 100), 50);
    let mut new = old.clone();
    assert!(!is_newer(&old, &new), "identical");
    new.updated = Some(Date::new(2005, 1, 2).unwrap());
    assert!(
        !is_newer(&old, &new),
        "only the new one has a date: unknown, keep the old"
    );
    old.published = Some(Date::new(2005, 1, 1).unwrap());
    assert!(
        is_newer(&old, &new),
        "updated after the old one's publication"
    );
    old.updated = Some(Date::new(2005, 1, 3).unwrap());
    assert!(!is_newer(&old, &new));
    new.chapters.pop();
    new.updated = Some(Date::new(2020, 1, 1).unwrap());
    assert!(
        !is_newer(&old, &new),
        "fewer chapters loses even with a later date"
    );
}

#[test]
fn keys_match_spellings_of_the_same_title_and_authors() {
    assert_eq!(
        title_key("The Storm, Over Sunnydale"),
        title_key("the storm over  SUNNYDALE")
    );
    let mut a = Work::new("T", source());
    a.authors = vec![Author::named("Jane Doe"), Author::named("R. Second")];
    let mut b = a.clone();
    b.authors = vec![
        Author::named("r second"),
        Author::named("JANE DOE"),
        Author::named(""),
    ];
    assert_eq!(authors_key(&a), "jane doe | r second");
    assert_eq!(authors_key(&a), authors_key(&b));
}

#[test]
fn url_keys() {
    let k = |u| url_key(u);
    assert_eq!(
        k("https://archiveofourown.org/works/123"),
        k("http://www.ArchiveOfOurOwn.org/works/123/")
    );
    assert_eq!(
        k("https://archiveofourown.org/works/123/chapters/456#main").as_deref(),
        Some("archiveofourown.org/works/123")
    );
    assert_eq!(
        k("https://www.fanfiction.net/s/42/3/A-Title").as_deref(),
        Some("fanfiction.net/s/42")
    );
    assert_eq!(
        k("http://archive.example.org/viewstory.php?sid=12").as_deref(),
        Some("archive.example.org/viewstory.php?sid=12")
    );
    assert_ne!(
        k("http://a.org/viewstory.php?sid=12"),
        k("http://a.org/viewstory.php?sid=13")
    );
    assert_eq!(k("https://example.org").as_deref(), Some("example.org/"));
    for bad in [
        "",
        "ftp://x.org/a",
        "mailto:a@b.c",
        "https://",
        "https:///path",
        "ht",
    ] {
        assert_eq!(k(bad), None, "{bad}");
    }
}
