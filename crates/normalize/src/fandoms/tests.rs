use std::collections::HashMap;

use super::*;

const DATA: &str = include_str!("../../data/fandoms.toml");

/// The shipped table, built at run time by the same code build.rs runs.
fn shipped() -> Table {
    Table::parse(DATA).unwrap_or_else(|e| panic!("the shipped fandom table does not load: {e}"))
}

fn entries() -> Vec<index::Entry> {
    index::parse(DATA).unwrap_or_else(|e| panic!("the shipped fandom table does not load: {e}"))
}

#[test]
fn the_generated_table_is_the_table_built_from_the_data() {
    // build.rs indexed data/fandoms.toml when the crate was compiled; it must be exactly the
    // index of the file as it is now, look-up list by look-up list.
    let built = shipped();
    let generated = table();
    assert_eq!(generated.names, built.names);
    assert_eq!(generated.whole, built.whole);
    assert_eq!(generated.free, built.free);
    assert_eq!(generated.cased, built.cased);
    assert_eq!(generated.ambiguous, built.ambiguous);
    assert_eq!(generated.starts, built.starts);
    assert_eq!(generated.chars_full, built.chars_full);
    assert_eq!(generated.chars_short, built.chars_short);
    assert_eq!(generated, &built);
    assert!(generated.starts.iter().any(|(_, n)| *n > 3) && generated.chars_short.len() > 1000);
}

/// The scan as it was before names carried their reach: every length up to the longest name.
fn scan_trying_every_length(t: &Table, text: &str) -> Vec<Hit> {
    let longest = t.starts.iter().map(|(_, n)| *n).max().unwrap_or(1);
    let cased: Vec<String> = tokens(text, false).into_iter().take(4000).collect();
    let lower: Vec<String> = cased.iter().map(|t| t.to_lowercase()).collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < cased.len() {
        let found = (1..=longest.min(cased.len() - i)).rev().find_map(|len| {
            let kl = lower[i..i + len].join(" ");
            let kc = cased[i..i + len].join(" ");
            let next = lower.get(i + len).map(String::as_str);
            find(&t.free, &kl)
                .or_else(|| find(&t.cased, &kc))
                .or_else(|| find(&t.ambiguous, &kc).filter(|_| next.is_some_and(media_word)))
                .map(|r| {
                    (
                        len,
                        Hit {
                            fandom: r.fandom,
                            words: kc,
                        },
                    )
                })
        });
        match found {
            Some((len, hit)) => {
                hits.push(hit);
                i += len;
            }
            None => i += 1,
        }
    }
    hits
}

proptest::proptest! {
    #[test]
    fn the_scan_finds_what_trying_every_length_finds(
        picks in proptest::collection::vec((0usize..100_000, 0usize..8), 0..12)
    ) {
        let t = table();
        let words = ["the", "season", "2x05", "and", "Buffy", "after", "HP", "hp", "Star", "s3"];
        let text: Vec<String> = picks
            .iter()
            .map(|&(n, what)| match what {
                0 | 1 => t.whole[n % t.whole.len()].1.written.to_string(),
                2 => t.cased[n % t.cased.len()].1.written.to_string(),
                3 => t.ambiguous[n % t.ambiguous.len()].1.written.to_string(),
                4 => t.starts[n % t.starts.len()].0.to_string(),
                _ => words[n % words.len()].to_string(),
            })
            .collect();
        let text = text.join(" ");
        proptest::prop_assert_eq!(t.scan(&text), scan_trying_every_length(t, &text), "{}", text);
    }
}

#[test]
fn look_up_lists_are_sorted_with_unique_keys() {
    let t = table();
    let sorted = |keys: Vec<&str>| keys.windows(2).all(|w| w[0] < w[1]);
    for list in [&t.whole, &t.free, &t.cased, &t.ambiguous] {
        assert!(sorted(list.iter().map(|(k, _)| k.as_ref()).collect()));
    }
    for list in [&t.chars_full, &t.chars_short] {
        assert!(sorted(list.iter().map(|(k, _)| k.as_ref()).collect()));
    }
    assert!(sorted(t.starts.iter().map(|(k, _)| k.as_ref()).collect()));
}

fn whole(t: &Table, v: &str) -> Option<String> {
    t.whole(v).map(|r| t.name(r.fandom).to_string())
}

fn scan(t: &Table, text: &str) -> Vec<String> {
    t.scan(text)
        .into_iter()
        .map(|h| t.name(h.fandom).to_string())
        .collect()
}

#[test]
fn the_shipped_table_loads_with_at_least_300_fandoms() {
    let t = shipped();
    let stats = t.stats();
    assert!(stats.fandoms >= 300, "{stats:?}");
    assert!(stats.aliases > stats.fandoms, "{stats:?}");
    assert_eq!(
        fandom_stats(),
        stats,
        "the embedded table is the one in use"
    );
}

#[test]
fn no_alias_names_two_fandoms() {
    // `build` refuses a clash; this checks that it does, and that the shipped table has none.
    let clash = "[[fandom]]\nname = \"A\"\naliases = [\"X\"]\n\n[[fandom]]\nname = \"B\"\ncased = [\"x\"]\n";
    let err = Table::parse(clash).err().unwrap_or_default();
    assert!(err.contains("names both \"A\" and \"B\""), "{err}");
    let t = shipped();
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, f) in entries().iter().enumerate() {
        for n in std::iter::once(&f.name)
            .chain(&f.aliases)
            .chain(&f.cased)
            .chain(&f.ambiguous)
        {
            if let Some(prev) = owner.insert(key(n), i) {
                assert_eq!(
                    prev,
                    i,
                    "{n:?} is a name of {:?} and {:?}",
                    t.name(prev),
                    f.name
                );
            }
        }
    }
}

#[test]
fn every_name_in_the_table_finds_its_own_fandom() {
    let t = shipped();
    for f in &entries() {
        for n in std::iter::once(&f.name)
            .chain(&f.aliases)
            .chain(&f.cased)
            .chain(&f.ambiguous)
        {
            assert_eq!(whole(&t, n).as_deref(), Some(f.name.as_str()), "{n:?}");
        }
        assert!(!f.name.trim().is_empty());
    }
}

#[test]
fn the_fandoms_the_brief_names_are_there() {
    let t = shipped();
    let cases = [
        ("BtVS", "Buffy the Vampire Slayer"),
        ("Buffy", "Buffy the Vampire Slayer"),
        ("AtS", "Angel: the Series"),
        ("Angel", "Angel: the Series"),
        ("SG-1", "Stargate SG-1"),
        ("SGA", "Stargate Atlantis"),
        ("TOS", "Star Trek: The Original Series"),
        ("TNG", "Star Trek: The Next Generation"),
        ("DS9", "Star Trek: Deep Space Nine"),
        ("VOY", "Star Trek: Voyager"),
        ("ENT", "Star Trek: Enterprise"),
        ("HP", "Harry Potter - J. K. Rowling"),
        ("hp", "Harry Potter - J. K. Rowling"),
        ("LotR", "The Lord of the Rings - J. R. R. Tolkien"),
        ("SPN", "Supernatural (TV 2005)"),
        ("XF", "The X-Files"),
        ("Due South", "due South"),
        ("The Sentinel", "The Sentinel"),
        ("Highlander", "Highlander: The Series"),
        ("Blake's 7", "Blake's 7"),
        ("Blakes 7", "Blake's 7"),
        ("Doctor Who", "Doctor Who"),
        ("BBC Sherlock", "Sherlock (TV)"),
        ("MCU", "Marvel Cinematic Universe"),
        ("Star Wars", "Star Wars - All Media Types"),
        ("Naruto", "Naruto"),
        ("Bleach", "Bleach (Anime & Manga)"),
        ("One Piece", "One Piece"),
        ("Haikyuu!!", "Haikyuu!!"),
        (
            "BNHA",
            "僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia",
        ),
        ("Genshin Impact", "Genshin Impact (Video Game)"),
        ("Good Omens", "Good Omens (TV)"),
        ("Supernatural", "Supernatural (TV 2005)"),
        ("Teen Wolf", "Teen Wolf (TV)"),
        ("Hetalia", "Hetalia: Axis Powers"),
        ("Dragon Age", "Dragon Age (Video Games)"),
        ("Mass Effect", "Mass Effect Trilogy"),
    ];
    for (v, want) in cases {
        assert_eq!(whole(&t, v).as_deref(), Some(want), "{v:?}");
    }
}

#[test]
fn abbreviations_match_only_with_their_case_in_free_text() {
    let t = shipped();
    assert_eq!(
        scan(&t, "An HP fic set after the war"),
        vec!["Harry Potter - J. K. Rowling"]
    );
    assert!(scan(&t, "the hp bar was low").is_empty());
    assert!(scan(&t, "chp is not a word").is_empty());
    assert_eq!(
        scan(&t, "Spoilers: TOS"),
        vec!["Star Trek: The Original Series"]
    );
    assert!(scan(&t, "read the tos first").is_empty());
}

#[test]
fn ambiguous_names_need_a_media_word_in_free_text() {
    let t = shipped();
    assert_eq!(
        scan(&t, "Spoilers through Angel season 2"),
        vec!["Angel: the Series"]
    );
    assert_eq!(scan(&t, "Set after Angel 2x05"), vec!["Angel: the Series"]);
    assert_eq!(scan(&t, "Angel s3 finale"), vec!["Angel: the Series"]);
    assert!(scan(&t, "Angel walked into the bar").is_empty());
    assert!(scan(&t, "an angel appeared").is_empty());
    assert!(scan(&t, "something supernatural happened").is_empty());
    assert!(scan(&t, "he was lost in one piece").is_empty());
    assert_eq!(
        scan(&t, "Supernatural season 4"),
        vec!["Supernatural (TV 2005)"]
    );
}

#[test]
fn free_text_takes_the_longest_name_first() {
    let t = shipped();
    assert_eq!(
        scan(&t, "Star Trek: TOS and BtVS"),
        vec!["Star Trek: The Original Series", "Buffy the Vampire Slayer"]
    );
    assert_eq!(
        scan(&t, "during Stargate Atlantis s2"),
        vec!["Stargate Atlantis"]
    );
    assert_eq!(
        scan(&t, "the Stargate movie"),
        vec!["Stargate - All Media Types"]
    );
}

#[test]
fn characters_answer_to_first_and_last_names() {
    let t = shipped();
    let btvs = |hits: Vec<(usize, usize)>| {
        hits.iter()
            .any(|(f, _)| t.name(*f) == "Buffy the Vampire Slayer")
    };
    assert!(btvs(t.characters_named("Giles")));
    assert!(btvs(t.characters_named("Rupert Giles")));
    assert!(btvs(t.characters_named("Willow R.")));
    assert!(btvs(t.characters_named("spike")));
    assert!(t.characters_named("Nobody Special").is_empty());
    assert!(t.characters_named("").is_empty());
    assert!(t.characters_named("The").is_empty());
}

#[test]
fn media_words() {
    for w in ["season", "s2", "s02e05", "2x05", "series", "movie"] {
        assert!(media_word(w), "{w}");
    }
    for w in ["sex", "walked", "x", "s", "2x", "x5", ""] {
        assert!(!media_word(w), "{w}");
    }
}

#[test]
fn a_broken_table_is_refused_with_a_reason() {
    assert!(Table::parse("not toml [[[").is_err());
    assert!(Table::parse("[[fandom]]\nname = \"!!!\"\n").is_err());
    assert!(Table::parse("[[fandom]]\nname = \"A\"\nnicknames = [\"B\"]\n").is_err());
    let empty = Table::parse("fandom = []\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(empty.stats().fandoms, 0);
    assert!(empty.scan("BtVS").is_empty());
}
