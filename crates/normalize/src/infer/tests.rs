use super::*;

const SMALL: &str = r#"
[[fandom]]
name = "Buffy the Vampire Slayer"
aliases = ["BtVS"]
characters = ["Buffy Summers", "Spike", "Willow Rosenberg", "Angel", "Cordelia Chase", "Rupert Giles"]

[[fandom]]
name = "Angel: the Series"
cased = ["AtS"]
ambiguous = ["Angel"]
characters = ["Angel", "Cordelia Chase", "Spike", "Wesley Wyndam-Pryce"]

[[fandom]]
name = "Highlander: The Series"
aliases = ["Highlander the Series"]
ambiguous = ["Highlander"]
characters = ["Duncan MacLeod", "Methos", "Richie Ryan"]

[[fandom]]
name = "Stardew Valley"
characters = ["Alex", "Emily", "Sam", "Harvey"]

[[fandom]]
name = "Criminal Minds"
characters = ["Emily Prentiss", "Spencer Reid"]

[[fandom]]
name = "Grey's Anatomy"
characters = ["Alex Karev", "Meredith Grey"]

[[fandom]]
name = "Supergirl"
characters = ["Alex Danvers", "Emily"]
"#;

fn small() -> Table {
    Table::parse(SMALL).unwrap_or_else(|e| panic!("{e}"))
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn chosen(t: &Table, list: &[&str]) -> Vec<String> {
    from_characters_in(t, &names(list))
        .fandoms
        .into_iter()
        .map(|(f, _)| f)
        .collect()
}

#[test]
fn fandom_values_become_canonical_names() {
    let t = small();
    let one = |v: &str| known_in(&t, v).map(|f| f.into_iter().map(|x| x.name).collect::<Vec<_>>());
    assert_eq!(one("BtVS"), Some(vec!["Buffy the Vampire Slayer".into()]));
    assert_eq!(one("btvs"), Some(vec!["Buffy the Vampire Slayer".into()]));
    assert_eq!(one("Angel"), Some(vec!["Angel: the Series".into()]));
    assert_eq!(
        one("BtVS/Highlander crossover"),
        Some(vec![
            "Buffy the Vampire Slayer".into(),
            "Highlander: The Series".into()
        ])
    );
    assert_eq!(
        one("BtVS x AtS"),
        Some(vec![
            "Buffy the Vampire Slayer".into(),
            "Angel: the Series".into()
        ])
    );
    assert_eq!(
        one("Crossover: BtVS"),
        Some(vec!["Buffy the Vampire Slayer".into()])
    );
    assert_eq!(one("BtVS/Firefly"), None, "every part must be known");
    assert_eq!(one("Some Other Show"), None);
    let rule = known_in(&t, "BtVS").unwrap_or_default().remove(0).rule;
    assert_eq!(rule, "alias \"BtVS\"");
}

#[test]
fn metadata_text_names_fandoms_with_the_words_that_did() {
    let t = small();
    assert_eq!(
        in_text_of(&t, "Spoilers through BtVS 6 and Angel season 2"),
        vec![
            ("Buffy the Vampire Slayer".to_string(), "BtVS".to_string()),
            ("Angel: the Series".to_string(), "Angel".to_string())
        ]
    );
    assert!(in_text_of(&t, "Angel and Spike argue").is_empty());
    assert_eq!(
        in_text_of(&t, "BtVS, btvs, BTVS").len(),
        1,
        "each fandom once"
    );
}

#[test]
fn two_characters_of_one_fandom_agree() {
    let t = small();
    assert_eq!(
        chosen(&t, &["Buffy", "Spike"]),
        vec!["Buffy the Vampire Slayer"]
    );
    assert_eq!(
        chosen(&t, &["Giles", "Willow R."]),
        vec!["Buffy the Vampire Slayer"]
    );
    assert_eq!(
        chosen(&t, &["Duncan", "Methos"]),
        vec!["Highlander: The Series"]
    );
    assert!(
        chosen(&t, &["Buffy"]).is_empty(),
        "one character is not enough"
    );
    assert!(
        chosen(&t, &["Buffy", "Buffy Summers"]).is_empty(),
        "one person twice is one"
    );
    assert!(chosen(&t, &[]).is_empty());
}

#[test]
fn a_crossover_gets_both_fandoms() {
    let t = small();
    assert_eq!(
        chosen(&t, &["Buffy", "Willow", "Duncan MacLeod", "Methos"]),
        vec!["Buffy the Vampire Slayer", "Highlander: The Series"]
    );
}

#[test]
fn a_fandom_whose_voters_another_has_too_loses() {
    let t = small();
    // Spike and Cordelia are in both shows; Buffy only in one.
    assert_eq!(
        chosen(&t, &["Spike", "Cordelia", "Buffy"]),
        vec!["Buffy the Vampire Slayer"]
    );
}

#[test]
fn the_same_voters_for_two_fandoms_decide_nothing() {
    let t = small();
    let votes = from_characters_in(&t, &names(&["Angel", "Cordelia"]));
    assert!(votes.fandoms.is_empty());
    assert_eq!(votes.undecided.len(), 1);
    let (fandoms, voters) = &votes.undecided[0];
    assert_eq!(fandoms.len(), 2);
    assert_eq!(voters, &names(&["Angel", "Cordelia"]));
}

#[test]
fn common_first_names_alone_decide_nothing() {
    let t = small();
    // Alex and Emily are in three fandoms each here: together they weigh less than one.
    assert!(chosen(&t, &["Alex", "Emily"]).is_empty());
    // A distinctive name carries them.
    assert_eq!(
        chosen(&t, &["Emily", "Spencer Reid"]),
        vec!["Criminal Minds"]
    );
}

#[test]
fn the_shipped_table_infers_the_classic_pairings() {
    let cases: &[(&[&str], &str)] = &[
        (&["Spike", "Buffy"], "Buffy the Vampire Slayer"),
        (&["Mulder", "Scully"], "The X-Files"),
        (&["Dean", "Castiel"], "Supernatural (TV 2005)"),
        (&["Harry", "Draco"], "Harry Potter - J. K. Rowling"),
        (&["Fraser", "Ray Kowalski"], "due South"),
        (&["Jim Ellison", "Blair Sandburg"], "The Sentinel"),
        (&["Aziraphale", "Crowley"], "Good Omens (TV)"),
        (&["Stiles", "Derek Hale"], "Teen Wolf (TV)"),
        (
            &["Bakugou Katsuki", "Midoriya Izuku"],
            "僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia",
        ),
    ];
    for (people, want) in cases {
        let got: Vec<String> = from_characters(&names(people))
            .fandoms
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(got, vec![want.to_string()], "{people:?}");
    }
}
