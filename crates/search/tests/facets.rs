//! Facet counts are exact, cover the whole result, and follow the filters.

mod common;

use common::indexed;
use ficshelf_search::{FacetCount, Query};

fn counts(v: &[FacetCount]) -> Vec<(&str, u64)> {
    v.iter().map(|c| (c.name.as_str(), c.count)).collect()
}

#[test]
fn facets_of_the_whole_library() {
    let (_d, index) = indexed();
    // A page of one must not shrink the counts: they are over the whole result.
    let f = index
        .facets(
            &Query {
                limit: 1,
                ..Query::default()
            },
            100,
        )
        .unwrap();
    assert_eq!(
        counts(&f.fandoms),
        [
            ("Buffy the Vampire Slayer", 3),
            ("Firefly", 2),
            ("Angel", 1),
            ("Original Work", 1)
        ]
    );
    assert_eq!(
        counts(&f.relationships),
        [
            ("Spike/Willow", 2),
            ("Buffy Summers & Willow Rosenberg", 1),
            ("Inara/Mal", 1)
        ],
        "Willow/Spike and Spike/Willow count as one, in canonical order"
    );
    assert_eq!(
        counts(&f.characters),
        [
            ("Spike", 2),
            ("Willow Rosenberg", 2),
            ("Buffy Summers", 1),
            ("Inara Serra", 1),
            ("Malcolm Reynolds", 1)
        ]
    );
    assert_eq!(
        counts(&f.tags),
        [
            ("Angst", 2),
            ("Fluff", 2),
            ("Coffee Shop AU", 1),
            ("Humor", 1),
            ("Hurt/Comfort", 1)
        ]
    );
    assert_eq!(
        counts(&f.ratings),
        [
            ("Teen And Up Audiences", 2),
            ("Explicit", 1),
            ("General Audiences", 1),
            ("Mature", 1),
            ("Not Rated", 1)
        ]
    );
    assert_eq!(
        counts(&f.warnings),
        [
            ("Choose Not To Use Archive Warnings", 3),
            ("No Archive Warnings Apply", 2),
            ("Graphic Depictions Of Violence", 1),
            ("Major Character Death", 1)
        ]
    );
    assert_eq!(counts(&f.categories), [("F/M", 3), ("Gen", 1), ("M/M", 1)]);
    assert_eq!(counts(&f.languages), [("en", 4), ("fr", 1), ("ja", 1)]);
    assert_eq!(
        counts(&f.status),
        [("complete", 3), ("in-progress", 2), ("unknown", 1)]
    );
}

#[test]
fn facets_follow_words_and_filters() {
    let (_d, index) = indexed();
    let firefly = Query {
        fandoms: vec!["firefly".into()],
        ..Query::default()
    };
    let f = index.facets(&firefly, 10).unwrap();
    assert_eq!(counts(&f.fandoms), [("Firefly", 2)]);
    assert_eq!(
        counts(&f.ratings),
        [("Explicit", 1), ("Teen And Up Audiences", 1)]
    );
    assert_eq!(counts(&f.languages), [("en", 1), ("fr", 1)]);
    assert!(f.relationships.len() == 1 && f.characters.len() == 2);

    let magic = Query {
        words: "magic".into(),
        ..Query::default()
    };
    let f = index.facets(&magic, 10).unwrap();
    assert_eq!(counts(&f.fandoms), [("Buffy the Vampire Slayer", 2)]);
    assert_eq!(counts(&f.status), [("complete", 1), ("in-progress", 1)]);

    let nothing = Query {
        words: "zeppelin".into(),
        ..Query::default()
    };
    assert_eq!(index.facets(&nothing, 10).unwrap(), Default::default());
}

#[test]
fn the_per_field_limit_keeps_the_most_frequent() {
    let (_d, index) = indexed();
    let f = index.facets(&Query::default(), 1).unwrap();
    assert_eq!(counts(&f.fandoms), [("Buffy the Vampire Slayer", 3)]);
    assert_eq!(counts(&f.tags), [("Angst", 2)], "ties go by name");
    assert_eq!(f.ratings.len(), 1);
    assert!(
        index
            .facets(&Query::default(), 0)
            .unwrap()
            .fandoms
            .is_empty()
    );
}

#[test]
fn search_with_facets_agrees_with_the_two_calls() {
    let (_d, index) = indexed();
    let query = Query {
        words: "spike".into(),
        limit: 1,
        ..Query::default()
    };
    let (results, facets) = index.search_with_facets(&query, 5).unwrap();
    assert_eq!(results, index.search(&query).unwrap());
    assert_eq!(facets, index.facets(&query, 5).unwrap());
    assert_eq!(results.total, 2);
    assert_eq!(
        facets.fandoms.iter().map(|c| c.count).sum::<u64>(),
        3,
        "5 is a crossover"
    );
}

/// Many works, some deleted: counts from the index equal counts made by hand over the works.
#[test]
fn counts_are_exact_on_a_larger_index_with_deletions() {
    use std::collections::BTreeMap;
    let dir = tempfile::tempdir().unwrap();
    let index = ficshelf_search::Index::open_or_create(&dir.path().join("i")).unwrap();
    let template = common::library().remove(0).1;
    let mut live = BTreeMap::new();
    for i in 0..3_000u64 {
        let mut w = template.clone();
        w.fandoms = vec![format!("F{}", i % 3)];
        w.tags = vec![format!("t{}", i % 7), format!("u{}", i % 1_300)];
        w.characters = (0..i % 4).map(|c| format!("C{c}")).collect();
        index.index_work(i, &w).unwrap();
        live.insert(i, w);
    }
    index.commit(1).unwrap();
    for i in (0..3_000u64).step_by(10) {
        index.remove(i).unwrap();
        live.remove(&i);
    }
    index.commit(2).unwrap();

    for fandom in [None, Some("F1")] {
        let query = Query {
            fandoms: fandom.into_iter().map(String::from).collect(),
            ..Query::default()
        };
        let f = index.facets(&query, 10_000).unwrap();
        let mut tags: BTreeMap<String, u64> = BTreeMap::new();
        let mut characters: BTreeMap<String, u64> = BTreeMap::new();
        let mut total = 0;
        for w in live
            .values()
            .filter(|w| fandom.is_none_or(|f| w.fandoms[0] == f))
        {
            total += 1;
            for t in &w.tags {
                *tags.entry(t.clone()).or_default() += 1;
            }
            for c in &w.characters {
                *characters.entry(c.clone()).or_default() += 1;
            }
        }
        let got = |v: &[FacetCount]| {
            v.iter()
                .map(|c| (c.name.clone(), c.count))
                .collect::<BTreeMap<_, _>>()
        };
        assert_eq!(got(&f.tags), tags, "{fandom:?}");
        assert_eq!(got(&f.characters), characters, "{fandom:?}");
        assert_eq!(
            f.ratings,
            [FacetCount {
                name: "Teen And Up Audiences".into(),
                count: total
            }]
        );
        assert_eq!(index.search(&query).unwrap().total, total);
    }
}

#[test]
fn the_whole_library_facets_follow_commits() {
    let (_d, index) = indexed();
    let before = index.facets(&Query::default(), 10).unwrap();
    assert_eq!(
        before.fandoms[0],
        FacetCount {
            name: "Buffy the Vampire Slayer".into(),
            count: 3
        }
    );
    // Asked again (served from the cache), and with another limit (not).
    assert_eq!(index.facets(&Query::default(), 10).unwrap(), before);
    assert_eq!(index.facets(&Query::default(), 1).unwrap().fandoms.len(), 1);
    let mut another = common::library().remove(1).1;
    another.fandoms = vec!["Firefly".into()];
    index.index_work(7, &another).unwrap();
    index.index_work(8, &another).unwrap();
    index.remove(1).unwrap();
    index.commit(8).unwrap();
    let after = index.facets(&Query::default(), 10).unwrap();
    assert_eq!(
        counts(&after.fandoms),
        [
            ("Firefly", 4),
            ("Buffy the Vampire Slayer", 2),
            ("Angel", 1),
            ("Original Work", 1)
        ]
    );
    let (results, facets) = index.search_with_facets(&Query::default(), 10).unwrap();
    assert_eq!((results.total, facets), (7, after));
}
