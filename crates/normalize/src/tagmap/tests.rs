use super::*;

const OPEN_DOORS: &str = "\
Original Tag ID,Original Tag Name,Original Parent Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type,Recommended AO3 Category (for relationships),Related Fandom,TW Notes
1,Slash,,categories,M/M,Category,,,
2,Spike/Buffy,,pairings,Buffy Summers/Spike,Relationship,F/M,Buffy the Vampire Slayer,
3,Angst,,genres,\"Angst, Hurt/Comfort\",Freeform,,,two tags
4,Kinky,,classes,,,,,dropped
";

#[test]
fn reads_an_open_doors_sheet() {
    let map = TagMap::from_csv(OPEN_DOORS).unwrap();
    assert_eq!(map.len(), 4);
    let slash = map.rule(TagKind::Category, "slash", "M/M").unwrap();
    assert_eq!(
        slash.outputs,
        vec![("M/M".to_string(), Some(TagKind::Category))]
    );
    assert_eq!(slash.line, 2);
    let ship = map
        .rule(TagKind::Relationship, "Spike/Buffy", "Spike/Buffy")
        .unwrap();
    assert_eq!(ship.categories, vec!["F/M"]);
    let angst = map.rule(TagKind::Freeform, "ANGST", "Angst").unwrap();
    assert_eq!(
        angst.outputs,
        vec![
            ("Angst".to_string(), Some(TagKind::Freeform)),
            ("Hurt/Comfort".to_string(), Some(TagKind::Freeform))
        ]
    );
    // `classes` is no type ficshelf knows: the row applies to a tag of any type.
    let kinky = map.rule(TagKind::Freeform, "kinky", "kinky").unwrap();
    assert!(kinky.outputs.is_empty());
    // A typed row does not match a tag of another type.
    assert!(map.rule(TagKind::Fandom, "Slash", "Slash").is_none());
}

#[test]
fn matches_the_mapped_value_too() {
    let map = TagMap::from_csv("Original Tag,AO3 Tag\nM/M,F/F\n").unwrap();
    let rule = map.rule(TagKind::Category, "slash", "M/M").unwrap();
    assert_eq!(rule.outputs, vec![("F/F".to_string(), None)]);
}

#[test]
fn types_align_with_tags_or_one_applies_to_all() {
    let map = TagMap::from_csv(
        "original_tag,ao3_tag,ao3_tag_type\nBuffyverse,\"Buffy the Vampire Slayer, Angel: the Series\",fandom\nX,\"A, B\",\"character, freeform\"\n",
    )
    .unwrap();
    let r = map.rule(TagKind::Freeform, "Buffyverse", "").unwrap();
    assert!(r.outputs.iter().all(|(_, k)| *k == Some(TagKind::Fandom)));
    let r = map.rule(TagKind::Freeform, "x", "").unwrap();
    assert_eq!(r.outputs[1], ("B".to_string(), Some(TagKind::Freeform)));
    assert_eq!(r.outputs[0].1, Some(TagKind::Character));
}

#[test]
fn several_rows_for_one_tag_add_up() {
    let map = TagMap::from_csv("Original Tag,AO3 Tag\nA,B\na,C\n").unwrap();
    assert_eq!(map.len(), 1);
    assert_eq!(
        map.rule(TagKind::Freeform, "A", "A").unwrap().outputs.len(),
        2
    );
}

#[test]
fn bad_maps_say_why() {
    assert_eq!(TagMap::from_csv(""), Err(TagMapError::Empty));
    assert_eq!(TagMap::from_csv("  \n"), Err(TagMapError::Empty));
    assert_eq!(
        TagMap::from_csv("Tag,Other\nA,B\n"),
        Err(TagMapError::MissingColumn("Original Tag"))
    );
    assert_eq!(
        TagMap::from_csv("Original Tag,Notes\nA,B\n"),
        Err(TagMapError::MissingColumn("Recommended AO3 Tag"))
    );
    let err = TagMap::from_csv("Original Tag,AO3 Tag,AO3 Type\nA,B,sandwich\n").unwrap_err();
    assert_eq!(err.to_string(), "line 2: unknown AO3 tag type \"sandwich\"");
    let err = TagMap::from_csv("Original Tag,AO3 Tag\nA,B\n,C\n").unwrap_err();
    assert_eq!(err.to_string(), "line 3: the original tag is empty");
}

#[test]
fn blank_rows_and_a_bom_are_fine() {
    let map = TagMap::from_csv("\u{feff}Original Tag,AO3 Tag\nA,B\n,\n").unwrap();
    assert_eq!(map.len(), 1);
}

#[test]
fn every_kind_parses_from_its_name() {
    for kind in [
        TagKind::Rating,
        TagKind::Warning,
        TagKind::Category,
        TagKind::Fandom,
        TagKind::Relationship,
        TagKind::Character,
        TagKind::Freeform,
    ] {
        assert_eq!(TagKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(TagKind::parse("Additional Tags"), Some(TagKind::Freeform));
    assert_eq!(TagKind::parse("Pairing(s)"), Some(TagKind::Relationship));
    assert_eq!(TagKind::parse("classes"), None);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(body in "\\PC{0,200}") {
        let text = format!("Original Tag,AO3 Tag,AO3 Type\n{body}");
        // Any answer is fine; a panic is not. An Ok map never holds an empty original.
        if let Ok(map) = TagMap::from_csv(&text) {
            proptest::prop_assert!(map.rules.keys().all(|(_, k)| !k.is_empty()));
        }
    }
}
