//! Every filter, sort and word rule on the hand-made library of `common`.

mod common;

use common::{indexed, set};
use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Status};
use ficshelf_search::Query;

fn q() -> Query {
    Query::default()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
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
