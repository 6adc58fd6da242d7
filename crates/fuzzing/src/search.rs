//! The search target: what a user types into `ficshelf search` or the web sidebar, through the
//! library's filter parsers and the index's query compiler, run on a small real index.
//!
//! The input is text, one item per line: the first line is the words (quotes, `-`, `OR`, any
//! punctuation), every other line `key:value` for one filter (`fandom:`, `-tag:`, `rating:`,
//! `words:`, `sort:`, `offset:` …, see [`apply`]). A parser may refuse a value (that is the
//! user's error message); the search itself must then answer with a consistent page.

use std::sync::OnceLock;

use ficshelf_ingest::{Options, read_bytes};
use ficshelf_library::{
    MAX_LIMIT, Order, Query, parse_category, parse_rating, parse_sort, parse_warning, parse_words,
};
use ficshelf_model::Status;
use ficshelf_search::{Index, IndexOptions};

/// Works in the index: enough variety for every filter to match something.
const STORIES: &[&str] = &[
    "Title: Dark Magic\nAuthor: Tamsin Hollow\nFandom: Buffy the Vampire Slayer\n\
     Rating: Teen And Up Audiences\nPairing: Willow/Tara\nCharacters: Willow Rosenberg, Tara\n\
     Warnings: No Archive Warnings Apply\nCategory: F/F\nTags: Angst, Magic\n\
     Series: Spells [1]\nStatus: Complete\n\n\
     Willow cast the spell twice, which was once too many. The dark magic answered anyway.\n",
    "Title: The Breakwater\nAuthor: Ines Marlow\nFandom: Stargate SG-1\nRating: G\n\
     Pairing: Jack O'Neill & Daniel Jackson\nStatus: In progress\n\n\
     Chapter 1\n\nThe gate opened on a harbour that had held for three winters running.\n\n\
     Chapter 2\n\nDaniel counted the stones that had moved, and then counted them again.\n",
    "Title: Ledger of Keepers\nAuthor: Tamsin Hollow\nFandom: Good Omens\nRating: Explicit\n\
     Warnings: Major Character Death\nCategory: M/M, Gen\nLanguage: Deutsch\n\n\
     Crowley kept the ledger in a hand nobody could read, which was the point.\n",
];

/// The index, built once per process in a folder that lives as long as the process.
fn index() -> &'static (Index, Vec<u64>) {
    static INDEX: OnceLock<(Index, Vec<u64>)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder for the index");
        let options = IndexOptions {
            memory_budget: 15_000_000,
            threads: 1,
        };
        let index = Index::open_or_create_with(&dir.keep(), options).expect("index");
        let mut ids = Vec::new();
        for (i, story) in STORIES.iter().enumerate() {
            let work = read_bytes("story.txt", story.as_bytes(), &Options::default())
                .expect("the index's stories read");
            let id = i as u64 + 1;
            index.index_work(id, &work).expect("index a work");
            ids.push(id);
        }
        index.commit(ids.len() as u64).expect("commit");
        index.reload().expect("reload");
        (index, ids)
    })
}

pub(crate) fn search_query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let mut query = Query {
        words: lines.next().unwrap_or("").to_string(),
        ..Query::default()
    };
    for line in lines {
        if let Some((key, value)) = line.split_once(':') {
            apply(&mut query, key, value);
        }
    }
    let (index, ids) = index();
    let page = index
        .search(&query)
        .unwrap_or_else(|e| panic!("search failed on {query:?}: {e}"));
    let limit = query.limit.min(MAX_LIMIT);
    let total = usize::try_from(page.total).expect("total fits");
    assert!(total <= ids.len(), "more matches than works");
    assert!(page.hits.len() <= limit, "a page longer than its limit");
    assert_eq!(
        page.hits.len(),
        total.saturating_sub(query.offset).min(limit),
        "page size does not follow from total, offset and limit"
    );
    for hit in &page.hits {
        assert!(ids.contains(&hit.id), "unknown id {}", hit.id);
        assert!(hit.score.is_finite(), "score {}", hit.score);
    }
    let (again, facets) = index
        .search_with_facets(&query, 10)
        .unwrap_or_else(|e| panic!("search with facets failed on {query:?}: {e}"));
    assert_eq!(again.total, page.total, "facets changed the total");
    assert_eq!(
        again.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        page.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        "facets changed the page"
    );
    drop(facets);
}

/// One filter line. The parsers' refusals (`Err`) are what the CLI prints; they are ignored
/// here, the point being that no value makes a parser or the search misbehave.
fn apply(q: &mut Query, key: &str, value: &str) {
    let v = value.to_string();
    match key {
        "fandom" => q.fandoms.push(v),
        "ship" => q.relationships.push(v),
        "char" => q.characters.push(v),
        "tag" => q.tags.push(v),
        "-tag" => q.exclude_tags.push(v),
        "author" => q.authors.push(v),
        "series" => q.series.push(v),
        "lang" => q.language = Some(v),
        "rating" => q.ratings.extend(parse_rating(value)),
        "-rating" => q.exclude_ratings.extend(parse_rating(value)),
        "warning" => q.warnings.extend(parse_warning(value)),
        "-warning" => q.exclude_warnings.extend(parse_warning(value)),
        "category" => q.categories.extend(parse_category(value)),
        "-category" => q.exclude_categories.extend(parse_category(value)),
        "complete" => q.status.push(Status::Complete),
        "wip" => q.status.push(Status::InProgress),
        "words" => {
            if let Ok((min, max)) = parse_words(value) {
                q.words_min = min;
                q.words_max = max;
            }
        }
        "sort" => q.sort = parse_sort(value).unwrap_or(q.sort),
        "asc" => q.order = Some(Order::Ascending),
        "desc" => q.order = Some(Order::Descending),
        "limit" => q.limit = value.trim().parse().unwrap_or(q.limit),
        "offset" => q.offset = value.trim().parse().unwrap_or(q.offset),
        _ => {}
    }
}
