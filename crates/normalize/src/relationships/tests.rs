use super::*;

fn rels(value: &str) -> Vec<String> {
    parse(value, false)
        .into_iter()
        .filter_map(|(_, p)| match p {
            Piece::Relationship { value, .. } => Some(value),
            _ => None,
        })
        .collect()
}

fn tags(value: &str) -> Vec<&'static str> {
    parse(value, false)
        .into_iter()
        .flat_map(|(_, p)| match p {
            Piece::Relationship { tags, .. } | Piece::Tags(tags) => tags,
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn splits_lists_but_keeps_slash_and_ampersand() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Spike/Willow, some Spike/Buffy",
            &["Spike/Willow", "Spike/Buffy"],
        ),
        (
            "Buffy/Angel and Spike/Drusilla",
            &["Buffy/Angel", "Spike/Drusilla"],
        ),
        ("Buffy/Angel; Xander/Anya", &["Buffy/Angel", "Xander/Anya"]),
        ("Buffy & Willow", &["Buffy & Willow"]),
        ("Buffy&Willow", &["Buffy & Willow"]),
        ("Spike / Buffy", &["Spike/Buffy"]),
        ("A  /  B  &  C", &["A/B & C"]),
        ("Spike and Buffy", &["Spike/Buffy"]),
        ("Naruto x Sasuke", &["Naruto/Sasuke"]),
        ("Naruto × Sasuke", &["Naruto/Sasuke"]),
        ("Mulder/Scully/Skinner", &["Mulder/Scully/Skinner"]),
        ("Malcolm X/Betty", &["Malcolm X/Betty"]),
        ("Spike/Buffy (Season 6)", &["Spike/Buffy (Season 6)"]),
    ];
    for (value, want) in cases {
        assert_eq!(rels(value), *want, "{value:?}");
    }
}

#[test]
fn every_qualifier_is_stripped_into_its_tag() {
    for (q, tag) in QUALIFIERS {
        let value = if q.ends_with('-') {
            format!("{q}Spike/Buffy")
        } else {
            format!("{q} Spike/Buffy")
        };
        assert_eq!(rels(&value), vec!["Spike/Buffy"], "{value:?}");
        assert_eq!(tags(&value), vec![*tag], "{value:?}");
    }
}

#[test]
fn qualifiers_after_the_relationship() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "Spike/Buffy (implied)",
            "Spike/Buffy",
            "Implied Relationship(s)",
        ),
        ("Spike/Buffy [past]", "Spike/Buffy", "Past Relationship(s)"),
        (
            "Spike/Buffy - one-sided",
            "Spike/Buffy",
            "One-sided Relationship(s)",
        ),
        (
            "Spike/Buffy eventually",
            "Spike/Buffy",
            "Eventual Relationship(s)",
        ),
        (
            "past implied Spike/Drusilla",
            "Spike/Drusilla",
            "Past Relationship(s)",
        ),
    ];
    for (value, rel, tag) in cases {
        assert_eq!(rels(value), vec![*rel], "{value:?}");
        assert!(tags(value).contains(tag), "{value:?}: {:?}", tags(value));
    }
    // A qualifier standing alone after a comma still becomes a tag.
    assert_eq!(
        tags("Spike/Buffy, implied"),
        vec!["Implied Relationship(s)"]
    );
    assert_eq!(rels("Spike/Buffy, implied"), vec!["Spike/Buffy"]);
}

#[test]
fn words_that_look_like_qualifiers_inside_names_stay() {
    assert_eq!(rels("Someone/Buffy"), vec!["Someone/Buffy"]);
    assert_eq!(rels("Pastor/Buffy"), vec!["Pastor/Buffy"]);
    assert!(tags("Someone/Buffy").is_empty());
}

#[test]
fn friendship_becomes_the_platonic_marker() {
    assert_eq!(rels("Buffy/Willow friendship"), vec!["Buffy & Willow"]);
    assert_eq!(rels("Buffy/Willow (platonic)"), vec!["Buffy & Willow"]);
    assert_eq!(rels("Friendship: Buffy/Willow"), vec!["Buffy & Willow"]);
}

#[test]
fn lone_names_categories_and_nothing() {
    let pieces = parse("Spike/Buffy, Willow, slash, none", false);
    let kinds: Vec<&Piece> = pieces.iter().map(|(_, p)| p).collect();
    assert!(matches!(kinds[0], Piece::Relationship { .. }));
    assert_eq!(kinds[1], &Piece::Character("Willow".into()));
    assert!(matches!(kinds[2], Piece::Category(Category::MM, _)));
    assert_eq!(kinds[3], &Piece::Nothing);
    assert_eq!(
        parse("Spike/", false).last().map(|(_, p)| p.clone()),
        Some(Piece::Character("Spike".into()))
    );
    assert!(parse("", false).is_empty());
    // One item, as a list item of ficshelf's own HTML: not split at its comma.
    let whole = parse("Spike/Buffy, implied; Willow", true);
    assert_eq!(whole.len(), 1, "{whole:?}");
}

#[test]
fn names_in_a_relationship() {
    assert_eq!(names("Buffy/Spike & Dawn"), vec!["Buffy", "Spike", "Dawn"]);
    assert_eq!(names(" / "), Vec::<String>::new());
}
