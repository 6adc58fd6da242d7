//! Words, sorts, totals and pages on the hand-made library of `common`, and hostile input.

mod common;

use common::{ids, indexed, set};
use ficshelf_search::{Order, Query, Sort};

fn q() -> Query {
    Query::default()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn no_words_and_no_filters_list_everything_latest_update_first() {
    let (_d, index) = indexed();
    let r = index.search(&q()).unwrap();
    assert_eq!(r.total, 6);
    // Updated, else published: 6 (2012), 2 (2010), 3 (2009), 1 (2004-05), 5 (2004-03); 4 has
    // no date and comes last.
    assert_eq!(
        r.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        [6, 2, 3, 1, 5, 4]
    );
    assert!(r.hits.iter().all(|h| h.score == 0.0));
}

#[test]
fn every_sort_in_both_orders() {
    let (_d, index) = indexed();
    let sorted = |sort, order| ids(&index, &Query { sort, order, ..q() });
    assert_eq!(sorted(Sort::Updated, None), [6, 2, 3, 1, 5, 4]);
    assert_eq!(
        sorted(Sort::Updated, Some(Order::Ascending)),
        [5, 1, 3, 2, 6, 4]
    );
    // 1 and 5 share a publication day: the newer work first, the older first when ascending.
    assert_eq!(sorted(Sort::Published, None), [6, 2, 3, 5, 1, 4]);
    assert_eq!(
        sorted(Sort::Published, Some(Order::Ascending)),
        [1, 5, 3, 2, 6, 4]
    );
    assert_eq!(sorted(Sort::Words, None), [3, 5, 6, 1, 2, 4]);
    assert_eq!(
        sorted(Sort::Words, Some(Order::Ascending)),
        [4, 2, 1, 6, 5, 3]
    );
    // Café, Quiet (A …), Shiny, Spike, Storm (The …), 東京.
    assert_eq!(sorted(Sort::Title, None), [6, 2, 3, 5, 1, 4]);
    assert_eq!(
        sorted(Sort::Title, Some(Order::Descending)),
        [4, 1, 5, 3, 2, 6]
    );
}

#[test]
fn words_search_title_summary_tags_authors_and_chapter_text() {
    let (_d, index) = indexed();
    let words = |w: &str| {
        set(
            &index,
            &Query {
                words: w.into(),
                ..q()
            },
        )
    };
    assert_eq!(words("magic"), [1, 2], "chapter text (1) and summary (2)");
    assert_eq!(words("MAGIC library"), [1], "every word is required");
    assert_eq!(
        words("magic willow"),
        [1, 2],
        "2 has Willow as a character tag"
    );
    assert_eq!(words("shiny"), [3], "title");
    assert_eq!(words("humor"), [5], "additional tag");
    assert_eq!(words("firefly"), [3, 6], "fandom as words");
    assert_eq!(words("jane"), [1, 3, 6], "author");
    assert_eq!(words("cafe"), [6], "accents folded");
    assert_eq!(words("東京"), [4], "CJK as a phrase of characters");
    assert_eq!(words("京東"), Vec::<u64>::new());
    assert_eq!(words("\"dark magic\""), [1]);
    assert_eq!(words("\"magic dark\""), Vec::<u64>::new());
    assert_eq!(words("magic -fluff"), [1], "exclusion reaches tags too");
    assert_eq!(words("magic NOT \"dark magic\""), [2]);
    assert_eq!(words("shiny OR cafe"), [3, 6]);
    assert_eq!(words("spike's"), Vec::<u64>::new(), "spikes is not spike");
    assert_eq!(
        words("amp"),
        Vec::<u64>::new(),
        "entities are decoded, not indexed"
    );
}

#[test]
fn relevance_puts_title_matches_first() {
    let (_d, index) = indexed();
    let r = index
        .search(&Query {
            words: "storm".into(),
            ..q()
        })
        .unwrap();
    assert_eq!(r.hits[0].id, 1);
    let r = index
        .search(&Query {
            words: "spike".into(),
            ..q()
        })
        .unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.hits[0].id, 5, "in the title beats in the text");
    assert!(r.hits[0].score > r.hits[1].score && r.hits[1].score > 0.0);
}

#[test]
fn totals_are_exact_whatever_the_sort() {
    let (_d, index) = indexed();
    let buffy = || s(&["Buffy the Vampire Slayer"]);
    for sort in [
        Sort::Relevance,
        Sort::Updated,
        Sort::Published,
        Sort::Words,
        Sort::Title,
    ] {
        let total = |words: &str, fandoms: Vec<String>| {
            let r = index
                .search(&Query {
                    words: words.into(),
                    fandoms,
                    sort,
                    limit: 1,
                    ..q()
                })
                .unwrap();
            assert_eq!(r.hits.len() as u64, r.total.min(1), "{sort:?}");
            r.total
        };
        assert_eq!(total("", vec![]), 6, "{sort:?}");
        assert_eq!(total("magic", vec![]), 2, "{sort:?}");
        assert_eq!(total("\"dark magic\"", vec![]), 1, "{sort:?}");
        assert_eq!(total("\"the\" spike", buffy()), 2, "{sort:?}");
        assert_eq!(total("", buffy()), 3, "{sort:?}");
        assert_eq!(total("-magic", buffy()), 1, "{sort:?}");
    }
}

#[test]
fn pages() {
    let (_d, index) = indexed();
    let page = |limit, offset| {
        index
            .search(&Query {
                limit,
                offset,
                ..q()
            })
            .unwrap()
    };
    let r = page(2, 2);
    assert_eq!(
        (r.total, r.hits.iter().map(|h| h.id).collect::<Vec<_>>()),
        (6, vec![3, 1])
    );
    assert_eq!(page(2, 5).hits.len(), 1);
    for (limit, offset) in [(0, 0), (5, 6), (10, usize::MAX), (usize::MAX, 0)] {
        let r = page(limit, offset);
        assert_eq!(r.total, 6);
        assert!(r.hits.len() <= 6);
    }
}

#[test]
fn hostile_query_strings_never_fail() {
    let (_d, index) = indexed();
    let long = "a ".repeat(100_000);
    let nested = "(".repeat(10_000);
    let hostile = [
        "\"unbalanced",
        "AND OR",
        "title:",
        "title:shiny",
        "words:[1 TO 5]",
        "((((",
        &nested,
        "*",
        "sh*",
        "~2",
        "/regex.*/",
        "\\",
        "\0\0\0",
        "-",
        "--magic",
        "+",
        "\"\"",
        "OR OR OR",
        "NOT",
        "😀 🧛‍♂️",
        "\u{202e}evil",
        &long,
    ];
    for text in hostile {
        let r = index.search(&Query {
            words: text.to_string(),
            ..q()
        });
        assert!(r.is_ok(), "{text:?}: {r:?}");
        assert!(
            index
                .facets(
                    &Query {
                        words: text.to_string(),
                        ..q()
                    },
                    5
                )
                .is_ok()
        );
    }
    // Nothing to search for lists everything rather than nothing.
    for nothing in ["AND OR", "((((", "*", "\"\"", "-"] {
        assert_eq!(
            index
                .search(&Query {
                    words: nothing.into(),
                    ..q()
                })
                .unwrap()
                .total,
            6,
            "{nothing:?}"
        );
    }
    // The words inside are still found.
    assert_eq!(
        set(
            &index,
            &Query {
                words: "title:shiny".into(),
                ..q()
            }
        ),
        Vec::<u64>::new()
    );
    assert_eq!(
        set(
            &index,
            &Query {
                words: "(shiny)".into(),
                ..q()
            }
        ),
        [3]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                words: "\"dark magic".into(),
                ..q()
            }
        ),
        [1]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                words: "--magic".into(),
                ..q()
            }
        ),
        [3, 4, 5, 6]
    );
}
