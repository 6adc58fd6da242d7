//! The rules for the tag-like fields (rating, warnings, categories, relationships, characters,
//! tags, fandoms, the tag map), one test each, through the public API.

mod common;

use common::*;
use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Level};
use ficshelf_normalize::{Options, TagMap};

#[test]
fn rating_maps_with_provenance_naming_the_scale() {
    let w = run(raw(&[("RATING", "R")]));
    assert_eq!(w.rating.ao3, Ao3Rating::Mature);
    assert_eq!(w.rating.raw.as_deref(), Some("R"));
    assert_eq!(
        w.provenance["rating"],
        "line 1: \"RATING: R\" → Mature (classic scale: \"R\")"
    );
}

#[test]
fn unknown_ratings_are_not_rated_with_a_warning_and_keep_the_raw_value() {
    for value in ["Minor", "Romance", "spicy"] {
        let w = run(raw(&[("Rating", value)]));
        assert_eq!(w.rating.ao3, Ao3Rating::NotRated, "{value}");
        assert_eq!(w.rating.raw.as_deref(), Some(value));
        assert!(
            w.diagnostics
                .iter()
                .any(|d| d.level == Level::Warning && d.message.contains(value))
        );
    }
    let none = run(raw(&[]));
    assert_eq!(
        (none.rating.raw, none.rating.ao3),
        (None, Ao3Rating::NotRated)
    );
}

#[test]
fn a_later_rating_is_used_when_the_first_is_not_a_rating() {
    let w = run(raw(&[("Rating", "see notes"), ("Rated", "PG-13")]));
    assert_eq!(w.rating.ao3, Ao3Rating::Teen);
    assert_eq!(w.rating.raw.as_deref(), Some("PG-13"));
}

#[test]
fn warnings_map_and_the_rest_become_tags() {
    let w = run(raw(&[("Warnings", "MCD, angst, mild violence, dub-con")]));
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::MajorCharacterDeath]);
    assert_eq!(
        w.warnings.raw,
        vec!["MCD", "angst", "mild violence", "dub-con"]
    );
    assert_eq!(w.tags, vec!["angst", "mild violence", "dub-con"]);
}

#[test]
fn no_warnings_field_means_choose_not_to_use() {
    let w = run(raw(&[("Title", "T")]));
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::ChooseNotToUse]);
    assert!(w.warnings.raw.is_empty());
    assert!(w.provenance["warnings"].contains("AO3's default"));
}

#[test]
fn none_means_no_archive_warnings_unless_something_else_is_warned_for() {
    let w = run(raw(&[("Warnings", "None")]));
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::NoneApply]);
    let w = run(raw(&[("Warnings", "none; character death")]));
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::MajorCharacterDeath]);
    assert!(has_diag(&w, "both \"none\""));
    let w = run(raw(&[("Warnings", "language, angst")]));
    assert_eq!(w.warnings.ao3, vec![ArchiveWarning::ChooseNotToUse]);
    assert!(has_diag(&w, "not AO3 archive warnings"));
}

#[test]
fn categories_are_ao3_categories_fandoms_or_tags() {
    let w = run(raw(&[(
        "Categories",
        "Slash, Het, Buffy the Vampire Slayer, Angst, BtVS > Season 6, Supernatural",
    )]));
    assert_eq!(w.categories, vec![Category::FM, Category::MM]);
    assert_eq!(w.fandoms, vec!["Buffy the Vampire Slayer"]);
    assert_eq!(w.tags, vec!["Angst", "Season 6", "Supernatural"]);
}

#[test]
fn every_category_item_is_an_explained_decision() {
    let (w, decisions) = explained(raw(&[("Categories", "Slash, BtVS, Angst")]));
    assert_eq!(w.categories, vec![Category::MM]);
    let decisions: Vec<_> = decisions.iter().filter(|d| d.field != "title").collect();
    let seen: Vec<(&str, &str, &str)> = decisions
        .iter()
        .map(|d| (d.field.as_str(), d.input.as_str(), d.outcome.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("categories", "Slash", "M/M"),
            ("fandoms", "BtVS", "Buffy the Vampire Slayer"),
            ("tags", "Angst", "Angst"),
        ]
    );
    assert!(decisions[0].rule.contains("slash"), "{:?}", decisions[0]);
    assert!(decisions[1].rule.starts_with("category naming a fandom"));
}

#[test]
fn relationships_are_split_cleaned_and_qualifiers_become_tags() {
    let w = run(raw(&[(
        "Pairing",
        "Spike/Willow, some Spike/Buffy; past Angel / Buffy and Xander&Anya",
    )]));
    assert_eq!(
        w.relationships,
        vec![
            "Spike/Willow",
            "Spike/Buffy",
            "Angel/Buffy",
            "Xander & Anya"
        ]
    );
    assert_eq!(
        w.tags,
        vec!["Minor Relationship(s)", "Past Relationship(s)"]
    );
    assert!(w.provenance["relationships"].contains("qualifiers stripped"));
}

#[test]
fn characters_come_from_relationships_only_when_the_file_names_none() {
    let w = run(raw(&[("Pairing", "Spike/Buffy, Xander & Anya")]));
    assert_eq!(w.characters, vec!["Spike", "Buffy", "Xander", "Anya"]);
    assert!(has_diag(&w, "no characters field"));
    let w = run(raw(&[("Pairing", "Spike/Buffy"), ("Characters", "Dawn")]));
    assert_eq!(w.characters, vec!["Dawn"]);
}

#[test]
fn lists_are_split_trimmed_and_deduplicated_keeping_the_first_spelling() {
    let w = run(raw(&[
        ("Characters", "Buffy, Willow and Xander"),
        ("Characters", "willow; Giles / Dawn"),
        ("Genre", "Angst, Hurt/Comfort, angst"),
        ("Keywords", "vampires ;  Hurt/comfort"),
    ]));
    assert_eq!(
        w.characters,
        vec!["Buffy", "Willow", "Xander", "Giles", "Dawn"]
    );
    assert_eq!(w.tags, vec!["Angst", "Hurt/Comfort", "vampires"]);
}

#[test]
fn and_joins_a_lists_last_item_but_a_single_value_keeps_it() {
    let w = run(raw(&[
        ("Characters", "Buffy, Willow, and Xander"),
        ("Characters", "and the Trio"),
        ("Genre", "Angst, and Fluff"),
    ]));
    assert_eq!(
        w.characters,
        vec!["Buffy", "Willow", "Xander", "and the Trio"]
    );
    assert_eq!(w.tags, vec!["Angst", "Fluff"]);
}

#[test]
fn fandom_fields_are_canonicalized_or_kept_as_written() {
    let w = run(raw(&[(
        "Fandom",
        "BtVS / AtS, Obscure Show, btvs, Crossover",
    )]));
    assert_eq!(
        w.fandoms,
        vec![
            "Buffy the Vampire Slayer",
            "Angel: the Series",
            "Obscure Show"
        ]
    );
    assert_eq!(w.tags, vec!["Crossover"]);
    assert!(w.provenance["fandoms"].contains("alias \"BtVS\""));
}

#[test]
fn fandoms_are_inferred_from_metadata_with_the_words_that_decided() {
    let w = run(raw(&[("Spoilers", "Through BtVS season 6")]));
    assert_eq!(w.fandoms, vec!["Buffy the Vampire Slayer"]);
    assert!(
        w.provenance["fandoms"].contains("spoilers: \"BtVS\""),
        "{}",
        w.provenance["fandoms"]
    );
    let w = run(raw(&[("Time frame", "During s6 of BtVS")]));
    assert_eq!(w.fandoms, vec!["Buffy the Vampire Slayer"]);
}

#[test]
fn fandoms_are_never_inferred_from_story_text() {
    let r = with_chapter(
        raw(&[("Title", "T")]),
        None,
        "<p>She watched BtVS and Stargate Atlantis.</p>",
    );
    assert!(run(r).fandoms.is_empty());
}

#[test]
fn fandoms_are_inferred_from_two_characters_and_not_from_one() {
    let w = run(raw(&[("Pairing", "Mulder/Scully")]));
    assert_eq!(w.fandoms, vec!["The X-Files"]);
    assert!(w.provenance["fandoms"].contains("characters: Mulder, Scully"));
    assert!(run(raw(&[("Characters", "Mulder")])).fandoms.is_empty());
    let off = Options {
        infer_fandoms: false,
        ..Options::default()
    };
    assert!(
        run_with(raw(&[("Pairing", "Mulder/Scully")]), &off)
            .fandoms
            .is_empty()
    );
}

#[test]
fn a_named_fandom_stops_inference() {
    let w = run(raw(&[("Fandom", "Obscure Show"), ("Spoilers", "BtVS")]));
    assert_eq!(w.fandoms, vec!["Obscure Show"]);
}

#[test]
fn source_url_and_site_and_a_source_that_names_a_fandom() {
    let w = run(raw(&[
        ("URL", "http://www.twistinghellmouth.example/fic/17"),
        ("Source", "BtVS"),
    ]));
    assert_eq!(
        w.source.url.as_deref(),
        Some("http://www.twistinghellmouth.example/fic/17")
    );
    assert_eq!(w.source.site.as_deref(), Some("twistinghellmouth.example"));
    assert_eq!(w.fandoms, vec!["Buffy the Vampire Slayer"]);
    assert!(w.provenance["fandoms"].contains("source: \"BtVS\""));
    let w = run(raw(&[("Source", "my own head")]));
    assert_eq!(w.extra["Source"], "my own head");
}

#[test]
fn a_tag_map_renames_retypes_and_drops_after_the_built_in_mapping() {
    let map = TagMap::from_csv(
        "Original Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type,Recommended AO3 Category\n\
         Slash,category,F/F,category,\n\
         Buffyverse,freeform,Buffy the Vampire Slayer,fandom,\n\
         Spike/Buffy,relationship,Buffy Summers/Spike,relationship,F/M\n\
         Fluff,,,,\n",
    )
    .unwrap();
    let opts = Options {
        tag_map: Some(map),
        ..Options::default()
    };
    let w = run_with(
        raw(&[
            ("Category", "Slash"),
            ("Tags", "Buffyverse, Fluff, Angst"),
            ("Pairing", "Spike/Buffy"),
        ]),
        &opts,
    );
    assert_eq!(w.categories, vec![Category::FF, Category::FM]);
    assert_eq!(w.fandoms, vec!["Buffy the Vampire Slayer"]);
    assert_eq!(w.tags, vec!["Angst"]);
    assert_eq!(w.relationships, vec!["Buffy Summers/Spike"]);
    assert!(w.provenance["fandoms"].contains("tag map line 3"));
    assert!(has_diag(&w, "\"Fluff\" dropped"));
}

#[test]
fn tag_map_decisions_name_the_work_field_they_fed() {
    let map = TagMap::from_csv(
        "Original Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type\n\
         Buffyverse,freeform,Buffy the Vampire Slayer,fandom\n\
         Fluff,,,\n",
    )
    .unwrap();
    let opts = Options {
        tag_map: Some(map),
        ..Options::default()
    };
    let (_, decisions) = ficshelf_normalize::normalize_explained(
        raw(&[("Tags", "Buffyverse, Fluff")]),
        &facts("fics/story.txt"),
        &opts,
    );
    let mapped: Vec<(&str, &str, &str)> = decisions
        .iter()
        .filter(|d| d.rule.starts_with("tag map"))
        .map(|d| (d.field.as_str(), d.input.as_str(), d.outcome.as_str()))
        .collect();
    assert_eq!(
        mapped,
        [
            ("fandoms", "Buffyverse", "Buffy the Vampire Slayer"),
            ("tags", "Fluff", "dropped"),
        ]
    );
}

#[test]
fn a_value_marked_up_as_one_list_item_is_not_split() {
    // ficshelf's own HTML and EPUB write each character, tag, fandom and relationship as an
    // `li`: a comma, a semicolon or an `and` inside one is part of it.
    let mut r = raw(&[("Characters", "Tom; Jerry and Spike")]);
    for (label, value) in [
        ("Characters", "laquo; Previous Chapter"),
        ("Characters", "and so does the argument"),
        ("Additional Tags", "Hurt, Comfort"),
        ("Additional Tags", "  wrapped\nover\n\n lines "),
        ("Relationships", "Alpha/Beta, implied"),
        ("Relationships", "Gamma\n/ Delta"),
    ] {
        let key = ficshelf_model::FieldKey::from_label(label).unwrap();
        r.push(ficshelf_model::RawField::new(key, label, value, "li").as_one_item());
    }
    let w = run(r);
    assert_eq!(
        w.characters,
        [
            "Tom",
            "Jerry",
            "Spike",
            "laquo; Previous Chapter",
            "and so does the argument",
        ],
        "the typed list is split, the items are not"
    );
    assert!(
        w.tags.contains(&"Hurt, Comfort".to_string()),
        "{:?}",
        w.tags
    );
    // Whole, but on one line, as every item is.
    assert!(
        w.tags.contains(&"wrapped over lines".to_string()),
        "{:?}",
        w.tags
    );
    assert_eq!(w.relationships.len(), 2, "{:?}", w.relationships);
    assert!(
        w.relationships.iter().all(|r| !r.contains('\n')),
        "{:?}",
        w.relationships
    );
}
