//! Every filter, sort and word rule on the hand-made library of `common`.

mod common;

use common::{ids, indexed, set};
use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Status};
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
fn fandom_character_author_series_language_filters_are_case_insensitive_and_exact() {
    let (_d, index) = indexed();
    let buffy = set(
        &index,
        &Query {
            fandoms: s(&["buffy the vampire slayer"]),
            ..q()
        },
    );
    assert_eq!(buffy, [1, 2, 5]);
    assert_eq!(
        set(
            &index,
            &Query {
                fandoms: s(&["  Buffy   the Vampire Slayer "]),
                ..q()
            }
        ),
        [1, 2, 5]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                fandoms: s(&["Buffy"]),
                ..q()
            }
        ),
        Vec::<u64>::new()
    );
    assert_eq!(
        set(
            &index,
            &Query {
                fandoms: s(&["Buffy the Vampire Slayer", "angel"]),
                ..q()
            }
        ),
        [5]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                characters: s(&["willow rosenberg"]),
                ..q()
            }
        ),
        [1, 2]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                authors: s(&["JANE DOE"]),
                ..q()
            }
        ),
        [1, 3, 6]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                series: s(&["hellmouth nights"]),
                ..q()
            }
        ),
        [1]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                language: Some("JA".into()),
                ..q()
            }
        ),
        [4]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                language: Some("en".into()),
                ..q()
            }
        ),
        [1, 2, 3, 5]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                fandoms: s(&[""]),
                ..q()
            }
        ),
        Vec::<u64>::new(),
        "empty value"
    );
}

#[test]
fn relationships_ignore_order_but_not_kind() {
    let (_d, index) = indexed();
    let rel = |r: &str| {
        set(
            &index,
            &Query {
                relationships: s(&[r]),
                ..q()
            },
        )
    };
    assert_eq!(rel("Spike/Willow"), [1, 5]);
    assert_eq!(rel("willow/spike"), [1, 5]);
    assert_eq!(rel("Spike & Willow"), Vec::<u64>::new());
    assert_eq!(rel("Buffy Summers & Willow Rosenberg"), [2]);
    assert_eq!(rel("Inara/Mal"), [3]);
    // As a tag of any kind, too.
    assert_eq!(
        set(
            &index,
            &Query {
                tags: s(&["Willow/Spike"]),
                ..q()
            }
        ),
        [1, 5]
    );
}

#[test]
fn tags_match_any_kind_and_exclusions_remove() {
    let (_d, index) = indexed();
    let tags = |t: &[&str]| set(&index, &Query { tags: s(t), ..q() });
    assert_eq!(tags(&["angst"]), [1, 3]);
    assert_eq!(tags(&["Firefly"]), [3, 6], "a fandom is a tag");
    assert_eq!(tags(&["Spike"]), [1, 5], "a character is a tag");
    assert_eq!(
        tags(&["Major Character Death"]),
        [3],
        "an archive warning is a tag"
    );
    assert_eq!(tags(&["Angst", "Hurt/Comfort"]), [1], "all of them");
    let excl = |t: &[&str]| {
        set(
            &index,
            &Query {
                exclude_tags: s(t),
                ..q()
            },
        )
    };
    assert_eq!(excl(&["Angst"]), [2, 4, 5, 6]);
    assert_eq!(excl(&["angst", "fluff"]), [5, 6], "any of them");
    assert_eq!(excl(&["Willow/Spike"]), [2, 3, 4, 6]);
    assert_eq!(excl(&["Graphic Depictions Of Violence"]), [1, 2, 4, 5, 6]);
}

#[test]
fn closed_vocabulary_filters() {
    let (_d, index) = indexed();
    let ratings = set(
        &index,
        &Query {
            ratings: vec![Ao3Rating::Teen, Ao3Rating::Explicit],
            ..q()
        },
    );
    assert_eq!(ratings, [1, 3, 6], "any of the ratings");
    assert_eq!(
        set(
            &index,
            &Query {
                exclude_ratings: vec![Ao3Rating::NotRated],
                ..q()
            }
        ),
        [1, 2, 3, 5, 6]
    );
    let warnings = vec![
        ArchiveWarning::MajorCharacterDeath,
        ArchiveWarning::GraphicViolence,
    ];
    assert_eq!(
        set(&index, &Query { warnings, ..q() }),
        [3],
        "all of the warnings"
    );
    assert_eq!(
        set(
            &index,
            &Query {
                exclude_warnings: vec![ArchiveWarning::ChooseNotToUse],
                ..q()
            }
        ),
        [1, 2, 3],
        "4 and 6 say nothing, which is AO3's 'chose not to use'; 5 chose so"
    );
    assert_eq!(
        set(
            &index,
            &Query {
                categories: vec![Category::FM],
                ..q()
            }
        ),
        [1, 3, 5]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                categories: vec![Category::FM, Category::MM],
                ..q()
            }
        ),
        [5]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                exclude_categories: vec![Category::Gen],
                ..q()
            }
        ),
        [1, 3, 4, 5, 6]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                status: vec![Status::Complete],
                ..q()
            }
        ),
        [1, 3, 5]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                status: vec![Status::InProgress],
                ..q()
            }
        ),
        [2, 6]
    );
    assert_eq!(
        set(
            &index,
            &Query {
                status: vec![Status::Complete, Status::Unknown],
                ..q()
            }
        ),
        [1, 3, 4, 5]
    );
}

#[test]
fn word_ranges_are_inclusive() {
    let (_d, index) = indexed();
    let range = |min, max| {
        set(
            &index,
            &Query {
                words_min: min,
                words_max: max,
                ..q()
            },
        )
    };
    assert_eq!(range(Some(1_000), Some(10_000)), [1, 5, 6]);
    assert_eq!(range(Some(1_200), Some(2_500)), [1, 6]);
    assert_eq!(range(Some(10_000), None), [3]);
    assert_eq!(range(None, Some(300)), [2, 4]);
    assert_eq!(
        range(Some(5_000), Some(10)),
        Vec::<u64>::new(),
        "an empty range"
    );
}

#[test]
fn words_and_filters_combine() {
    let (_d, index) = indexed();
    let query = Query {
        words: "magic".into(),
        fandoms: s(&["Buffy the Vampire Slayer"]),
        ratings: vec![Ao3Rating::Teen],
        ..q()
    };
    let r = index.search(&query).unwrap();
    assert_eq!((r.total, r.hits.len(), r.hits[0].id), (1, 1, 1));
    let only_filters = Query {
        fandoms: s(&["Firefly"]),
        exclude_tags: s(&["Angst"]),
        ..q()
    };
    assert_eq!(set(&index, &only_filters), [6]);
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
