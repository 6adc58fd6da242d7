//! A small hand-made library whose every filter, sort and facet count is known by heart.
#![allow(dead_code)]

use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, Format, Producer, SeriesRef,
    Source, Status, Work,
};
use ficshelf_search::{Index, Query};

fn source(n: u64) -> Source {
    Source {
        path: format!("w{n}.txt"),
        format: Format::Txt,
        producer: Producer::Plain,
        url: None,
        site: None,
        encoding: "utf-8".into(),
        sha256: format!("{n:064}"),
        bytes: 1,
    }
}

fn date(y: u32, m: u32, d: u32) -> Option<Date> {
    Some(Date::new(y, m, d).unwrap())
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn chapter(html: &str) -> Chapter {
    Chapter::new(None, html.into(), 0)
}

/// The six works, by id:
///
/// | id | title | fandoms | rating | words | published / updated | status | lang |
/// |---|---|---|---|---|---|---|---|
/// | 1 | The Storm Over Sunnydale | Buffy | Teen | 1200 | 2004-03-14 / 2004-05-01 | complete | en |
/// | 2 | A Quiet Evening | Buffy | General | 300 | 2010-01-01 / – | in-progress | en |
/// | 3 | Shiny | Firefly | Explicit | 50000 | 2008-06-01 / 2009-01-01 | complete | en |
/// | 4 | 東京の夜 | Original Work | Not Rated | 20 | – / – | unknown | ja |
/// | 5 | Spike Finds a Book | Buffy, Angel | Mature | 8000 | 2004-03-14 / – | complete | en |
/// | 6 | Café Days | Firefly | Teen | 2500 | 2012-02-02 / – | in-progress | fr |
pub fn library() -> Vec<(u64, Work)> {
    let buffy = "Buffy the Vampire Slayer";

    let mut w1 = Work::new("The Storm Over Sunnydale", source(1));
    w1.authors = vec![Author::named("Jane Doe")];
    w1.fandoms = strings(&[buffy]);
    w1.relationships = strings(&["Willow/Spike"]);
    w1.characters = strings(&["Willow Rosenberg", "Spike"]);
    w1.tags = strings(&["Angst", "Hurt/Comfort"]);
    w1.rating.ao3 = Ao3Rating::Teen;
    w1.warnings.ao3 = vec![ArchiveWarning::NoneApply];
    w1.categories = vec![Category::FM];
    w1.status = Status::Complete;
    w1.language = Some("en".into());
    w1.published = date(2004, 3, 14);
    w1.updated = date(2004, 5, 1);
    w1.series = vec![SeriesRef {
        name: "Hellmouth Nights".into(),
        index: Some(2.0),
        url: None,
    }];
    w1.chapters = vec![
        chapter("<p>The library was quiet when Willow opened the book of <em>dark magic</em>.</p>"),
        chapter("<p>Spike watched the storm from the window &amp; said nothing.</p>"),
    ];
    w1.words = 1200;

    let mut w2 = Work::new("A Quiet Evening", source(2));
    w2.authors = vec![Author::named("R. Second")];
    w2.fandoms = strings(&[buffy]);
    w2.relationships = strings(&["Willow Rosenberg & Buffy Summers"]);
    w2.characters = strings(&["Buffy Summers", "Willow Rosenberg"]);
    w2.tags = strings(&["Fluff"]);
    w2.rating.ao3 = Ao3Rating::General;
    w2.warnings.ao3 = vec![ArchiveWarning::NoneApply];
    w2.categories = vec![Category::Gen];
    w2.status = Status::InProgress;
    w2.language = Some("en".into());
    w2.published = date(2010, 1, 1);
    w2.summary = Some("<p>Two friends, tea, and a little magic.</p>".into());
    w2.chapters = vec![chapter(
        "<p>They drank tea and talked until the candles burned low.</p>",
    )];
    w2.words = 300;

    let mut w3 = Work::new("Shiny", source(3));
    w3.authors = vec![Author::named("Jane Doe")];
    w3.fandoms = strings(&["Firefly"]);
    w3.relationships = strings(&["Mal/Inara"]);
    w3.characters = strings(&["Malcolm Reynolds", "Inara Serra"]);
    w3.tags = strings(&["Angst"]);
    w3.rating.ao3 = Ao3Rating::Explicit;
    w3.warnings.ao3 = vec![
        ArchiveWarning::GraphicViolence,
        ArchiveWarning::MajorCharacterDeath,
    ];
    w3.categories = vec![Category::FM];
    w3.status = Status::Complete;
    w3.language = Some("en".into());
    w3.published = date(2008, 6, 1);
    w3.updated = date(2009, 1, 1);
    w3.chapters = vec![chapter("<p>The ship shuddered through the black.</p>")];
    w3.words = 50_000;

    let mut w4 = Work::new("東京の夜", source(4));
    w4.authors = vec![Author::named("作者")];
    w4.fandoms = strings(&["Original Work"]);
    w4.tags = strings(&["Fluff"]);
    w4.language = Some("ja".into());
    w4.chapters = vec![chapter("<p>東京へ行く夜、雨が降っていた。</p>")];
    w4.words = 20;

    let mut w5 = Work::new("Spike Finds a Book", source(5));
    w5.authors = vec![Author::named("Anonymous")];
    w5.fandoms = strings(&[buffy, "Angel"]);
    w5.relationships = strings(&["Spike/Willow"]);
    w5.characters = strings(&["Spike"]);
    w5.tags = strings(&["Humor"]);
    w5.rating.ao3 = Ao3Rating::Mature;
    w5.warnings.ao3 = vec![ArchiveWarning::ChooseNotToUse];
    w5.categories = vec![Category::FM, Category::MM];
    w5.status = Status::Complete;
    w5.language = Some("en".into());
    w5.published = date(2004, 3, 14);
    w5.chapters = vec![chapter("<p>Spike did not read. Everyone knew that.</p>")];
    w5.words = 8_000;

    let mut w6 = Work::new("Café Days", source(6));
    w6.authors = vec![Author::named("Jane Doe")];
    w6.fandoms = strings(&["Firefly"]);
    w6.tags = strings(&["Coffee Shop AU"]);
    w6.rating.ao3 = Ao3Rating::Teen;
    w6.status = Status::InProgress;
    w6.language = Some("fr".into());
    w6.published = date(2012, 2, 2);
    w6.chapters = vec![chapter("<p>Kaylee opened the café at dawn.</p>")];
    w6.words = 2_500;

    vec![(1, w1), (2, w2), (3, w3), (4, w4), (5, w5), (6, w6)]
}

/// An index of `library()` in a temporary directory.
pub fn indexed() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let index = Index::open_or_create(&dir.path().join("index")).unwrap();
    for (id, w) in library() {
        index.index_work(id, &w).unwrap();
    }
    index.commit(6).unwrap();
    (dir, index)
}

/// The ids `query` finds, in order, and the total.
pub fn ids(index: &Index, query: &Query) -> Vec<u64> {
    let r = index.search(query).unwrap();
    assert!(r.total >= r.hits.len() as u64);
    r.hits.iter().map(|h| h.id).collect()
}

/// The ids found, sorted (for filters, where order is not the point).
pub fn set(index: &Index, query: &Query) -> Vec<u64> {
    let mut v = ids(index, query);
    v.sort_unstable();
    v
}
