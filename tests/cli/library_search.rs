//! `ficshelf search`: every filter, sort and page through the CLI with `--json`, facets, and the
//! human output — over a small library of hand-typed stories whose metadata we chose.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use super::{json, lib_run, ok, prose, stderr, stdout, txt_story};

/// One story: (file, headers, words, in progress).
type Story = (&'static str, Vec<(&'static str, &'static str)>, usize, bool);

/// The five stories.
fn stories() -> Vec<Story> {
    vec![
        (
            "harbour.txt",
            vec![
                ("Title", "Harbour Lights"),
                ("Author", "Wren"),
                ("Fandom", "Buffy the Vampire Slayer"),
                ("Rating", "PG-13"),
                ("Warnings", "none"),
                ("Category", "F/M"),
                ("Pairing", "Willow Rosenberg/Spike"),
                ("Characters", "Willow Rosenberg, Spike"),
                ("Genre", "Angst, Hurt/Comfort"),
                ("Status", "Complete"),
                ("Published", "2001-03-04"),
                (
                    "Summary",
                    "A lighthouse, a vampire and a witch who will not leave.",
                ),
            ],
            300,
            false,
        ),
        (
            "lanterns.txt",
            vec![
                ("Title", "Paper Lanterns"),
                ("Author", "Tern"),
                ("Fandom", "Buffy the Vampire Slayer"),
                ("Rating", "NC-17"),
                ("Warnings", "Major Character Death"),
                ("Category", "M/M"),
                ("Pairing", "Spike/Xander Harris"),
                ("Characters", "Spike, Xander Harris"),
                ("Genre", "Angst"),
                ("Published", "2005-07-01"),
                ("Updated", "2006-02-11"),
            ],
            1_500,
            true,
        ),
        (
            "salt.txt",
            vec![
                ("Title", "Salt Roads"),
                ("Author", "Wren"),
                ("Fandom", "Stargate Atlantis"),
                ("Rating", "G"),
                ("Warnings", "none"),
                ("Category", "Gen"),
                ("Characters", "Teyla Emmagan"),
                ("Genre", "Fluff"),
                ("Series", "Salt Series [1]"),
                ("Status", "Complete"),
                ("Published", "2008-10-20"),
            ],
            800,
            false,
        ),
        (
            "keys.txt",
            vec![
                ("Title", "The Winter Keys"),
                ("Author", "Quill"),
                ("Fandom", "Stargate Atlantis"),
                ("Rating", "R"),
                ("Warnings", "Graphic Depictions Of Violence"),
                ("Category", "M/M"),
                ("Pairing", "John Sheppard/Rodney McKay"),
                ("Characters", "John Sheppard, Rodney McKay"),
                ("Series", "Salt Series [2]"),
                ("Language", "French"),
                ("Status", "Complete"),
                ("Published", "2010-01-15"),
            ],
            3_000,
            false,
        ),
        (
            "ferry.txt",
            vec![
                ("Title", "Ferry at Dusk"),
                ("Author", "Tern & Quill"),
                ("Fandom", "Doctor Who"),
                ("Rating", "PG-13"),
                ("Warnings", "none"),
                ("Category", "F/M"),
                ("Pairing", "The Doctor/Rose Tyler"),
                ("Characters", "The Doctor, Rose Tyler"),
                ("Genre", "Angst, Fluff"),
                ("Status", "Complete"),
                ("Published", "2007-05-05"),
            ],
            120,
            false,
        ),
    ]
}

/// One library for every test here, built once (the tests only read it).
fn library() -> &'static Path {
    static LIB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, lib) = LIB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let files = dir.path().join("files");
        std::fs::create_dir_all(&files).unwrap();
        for (i, (name, headers, words, tbc)) in stories().into_iter().enumerate() {
            let text = txt_story(&headers, &prose(words, i), tbc);
            std::fs::write(files.join(name), text).unwrap();
        }
        let lib = dir.path().join("lib");
        ok(&lib, &["import", &files.to_string_lossy()]);
        (dir, lib)
    });
    lib
}

/// The titles `search ARGS --json` finds, as a set.
fn titles(args: &[&str]) -> BTreeSet<String> {
    ordered(args).into_iter().collect()
}

/// The titles in the order printed.
fn ordered(args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    json(library(), &all)
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["title"].as_str().unwrap().to_string())
        .collect()
}

fn set(titles: &[&str]) -> BTreeSet<String> {
    titles.iter().map(|t| t.to_string()).collect()
}

const HARBOUR: &str = "Harbour Lights";
const LANTERNS: &str = "Paper Lanterns";
const SALT: &str = "Salt Roads";
const KEYS: &str = "The Winter Keys";
const FERRY: &str = "Ferry at Dusk";

#[test]
fn no_words_and_no_filters_lists_everything_latest_update_first() {
    assert_eq!(ordered(&[]), [KEYS, SALT, FERRY, LANTERNS, HARBOUR]);
}

#[test]
fn words_search_titles_summaries_and_text() {
    assert_eq!(titles(&["lighthouse"]), set(&[HARBOUR]));
    assert_eq!(titles(&["winter", "keys"]), set(&[KEYS]));
    assert_eq!(titles(&["\"sea wall\""]), titles(&["sea", "wall"]));
    assert_eq!(titles(&["nosuchwordanywhere"]), set(&[]));
}

#[test]
fn each_filter() {
    let buffy = ["--fandom", "buffy the vampire slayer"];
    assert_eq!(titles(&buffy), set(&[HARBOUR, LANTERNS]));
    assert_eq!(
        titles(&["--relationship", "Spike/Willow Rosenberg"]),
        set(&[HARBOUR])
    );
    assert_eq!(
        titles(&["--relationship", "willow rosenberg/spike"]),
        set(&[HARBOUR])
    );
    assert_eq!(titles(&["--character", "Rodney McKay"]), set(&[KEYS]));
    assert_eq!(
        titles(&["--tag", "Angst"]),
        set(&[HARBOUR, LANTERNS, FERRY])
    );
    assert_eq!(
        titles(&["--tag", "spike"]),
        set(&[HARBOUR, LANTERNS]),
        "a character is a tag too"
    );
    assert_eq!(titles(&["--exclude-tag", "angst"]), set(&[SALT, KEYS]));
    assert_eq!(titles(&["--rating", "explicit"]), set(&[LANTERNS]));
    assert_eq!(
        titles(&["--rating", "T", "--rating", "General Audiences"]),
        set(&[HARBOUR, SALT, FERRY])
    );
    assert_eq!(titles(&["--rating", "mature"]), set(&[KEYS]));
    assert_eq!(titles(&["--warning", "mcd"]), set(&[LANTERNS]));
    assert_eq!(titles(&["--warning", "violence"]), set(&[KEYS]));
    assert_eq!(
        titles(&["--exclude-warning", "Major Character Death"]),
        set(&[HARBOUR, SALT, KEYS, FERRY])
    );
    assert_eq!(titles(&["--category", "m/m"]), set(&[LANTERNS, KEYS]));
    assert_eq!(titles(&["--category", "F/M"]), set(&[HARBOUR, FERRY]));
    assert_eq!(titles(&["--complete"]), set(&[HARBOUR, SALT, KEYS, FERRY]));
    assert_eq!(titles(&["--in-progress"]), set(&[LANTERNS]));
    assert_eq!(titles(&["--words", "1000.."]), set(&[LANTERNS, KEYS]));
    assert_eq!(titles(&["--words", "..500"]), set(&[HARBOUR, FERRY]));
    assert_eq!(titles(&["--words", "500..2000"]), set(&[LANTERNS, SALT]));
    assert_eq!(titles(&["--author", "wren"]), set(&[HARBOUR, SALT]));
    assert_eq!(titles(&["--author", "Quill"]), set(&[KEYS, FERRY]));
    assert_eq!(titles(&["--language", "fr"]), set(&[KEYS]));
    assert_eq!(titles(&["--series", "salt series"]), set(&[SALT, KEYS]));
    // Filters together: all must hold; words and filters too.
    assert_eq!(
        titles(&["--fandom", "stargate atlantis", "--author", "wren"]),
        set(&[SALT])
    );
    assert_eq!(
        titles(&["dusk", "--tag", "angst", "--complete"]),
        set(&[FERRY])
    );
    assert_eq!(
        titles(&["--fandom", "Doctor Who", "--rating", "explicit"]),
        set(&[])
    );
}

#[test]
fn sorts_and_pages() {
    assert_eq!(
        ordered(&["--sort", "words"]),
        [KEYS, LANTERNS, SALT, HARBOUR, FERRY]
    );
    assert_eq!(
        ordered(&["--sort", "title"]),
        [FERRY, HARBOUR, LANTERNS, SALT, KEYS]
    );
    assert_eq!(
        ordered(&["--sort", "published"]),
        [KEYS, SALT, FERRY, LANTERNS, HARBOUR]
    );
    assert_eq!(ordered(&["--sort", "updated"]), ordered(&[]));
    assert_eq!(
        ordered(&["--sort", "title", "--limit", "2"]),
        [FERRY, HARBOUR]
    );
    assert_eq!(
        ordered(&["--sort", "title", "--limit", "2", "--offset", "2"]),
        [LANTERNS, SALT]
    );
    assert_eq!(ordered(&["--sort", "title", "--offset", "4"]), [KEYS]);
    // A page over the largest one is cut to it, with a note saying how to go on.
    let out = lib_run(
        library(),
        &["search", "--json", "--limit", "20000", "--offset", "1"],
    );
    assert!(out.status.success());
    assert_eq!(
        stderr(&out),
        "note: a page holds at most 10000 works; showing up to 10000 (the next page is \
         --offset 10001)\n"
    );
    let page: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page.as_array().unwrap().len(), 4);
    assert!(stderr(&lib_run(library(), &["search", "--limit", "10000"])).is_empty());
    let relevance = ordered(&["lighthouse", "OR", "dusk", "--sort", "relevance"]);
    assert_eq!(relevance.len(), 2);
}

#[test]
fn json_summaries_have_the_listed_keys() {
    let works = json(
        library(),
        &[
            "search",
            "--json",
            "--relationship",
            "spike/willow rosenberg",
        ],
    );
    let w = &works[0];
    let keys: BTreeSet<&str> = w.as_object().unwrap().keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = [
        "id",
        "title",
        "authors",
        "fandoms",
        "rating",
        "warnings",
        "relationships",
        "characters",
        "tags",
        "words",
        "chapters",
        "status",
        "published",
        "updated",
        "summary",
    ]
    .into_iter()
    .collect();
    assert_eq!(keys, expected);
    assert_eq!(w["authors"], serde_json::json!(["Wren"]));
    assert_eq!(w["rating"], "Teen And Up Audiences");
    assert_eq!(
        w["warnings"],
        serde_json::json!(["No Archive Warnings Apply"])
    );
    assert_eq!(w["status"], "complete");
    assert_eq!(w["published"], "2001-03-04");
    assert_eq!(w["updated"], Value::Null);
    assert_eq!(w["chapters"], 1);
    let words = w["words"].as_u64().unwrap();
    assert!((290..=310).contains(&words), "{words}");
    assert!(w["summary"].as_str().unwrap().contains("lighthouse"));
}

#[test]
fn facets_count_the_whole_result() {
    let v = json(library(), &["search", "--json", "--facets", "--limit", "1"]);
    assert_eq!(v["total"], 5);
    assert_eq!(v["works"].as_array().unwrap().len(), 1);
    let count = |field: &str, name: &str| -> u64 {
        v["facets"][field]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .map_or(0, |c| c["count"].as_u64().unwrap())
    };
    assert_eq!(count("fandoms", "Buffy the Vampire Slayer"), 2);
    assert_eq!(count("fandoms", "Stargate Atlantis"), 2);
    assert_eq!(count("fandoms", "Doctor Who"), 1);
    assert_eq!(count("ratings", "Teen And Up Audiences"), 2);
    assert_eq!(count("warnings", "No Archive Warnings Apply"), 3);
    assert_eq!(count("categories", "M/M"), 2);
    assert_eq!(count("tags", "Angst"), 3);
    assert_eq!(count("characters", "Spike"), 2);
    assert_eq!(count("relationships", "John Sheppard/Rodney McKay"), 1);
    assert_eq!(
        count("relationships", "Spike/Willow Rosenberg"),
        1,
        "canonical order"
    );

    let filtered = json(
        library(),
        &["search", "--json", "--facets", "--tag", "angst"],
    );
    assert_eq!(filtered["total"], 3);
    let human = ok(
        library(),
        &["search", "--facets", "--fandom", "Stargate Atlantis"],
    );
    assert!(
        human.contains("\nFandoms\n  Stargate Atlantis (2)\n"),
        "{human}"
    );
    assert!(human.contains("\nRatings\n"), "{human}");
}

#[test]
fn human_output_is_a_blurb_per_work_and_a_count() {
    let out = ok(library(), &["search", "--sort", "title", "--limit", "2"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0]
            .trim_start()
            .ends_with("Ferry at Dusk by Tern, Quill"),
        "{out}"
    );
    assert!(
        lines[1].contains("Teen And Up Audiences · No Archive Warnings Apply · complete"),
        "{out}"
    );
    assert!(
        lines[2].contains("Doctor Who · The Doctor/Rose Tyler"),
        "{out}"
    );
    assert_eq!(
        *lines.last().unwrap(),
        "1–2 of 5 works (--offset 2 for more)"
    );
    assert_eq!(
        ok(library(), &["search", "nosuchwordanywhere"]),
        "no works found\n"
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    for args in [
        ["--rating", "NC-21"],
        ["--warning", "spoilers"],
        ["--category", "slash"],
        ["--words", "many"],
        ["--sort", "kudos"],
    ] {
        let mut all = vec!["search"];
        all.extend_from_slice(&args);
        let out = lib_run(library(), &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty());
        assert!(stderr(&out).contains(args[1]), "{args:?}: {}", stderr(&out));
    }
}
