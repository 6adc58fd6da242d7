//! Whole works from hand-built `RawWork`s in the shapes archivists meet, as JSON snapshots
//! (reviewed by eye: each one is what the mapping rules say it should be).

mod common;

use common::*;
use ficshelf_model::{FieldKey, Format, Producer, RawField, RawWork};
use ficshelf_normalize::{Options, normalize};

/// A 1990s mailing-list story: shouted labels, an e-mail in the byline, legacy vocabularies.
#[test]
fn mailing_list_header() {
    let mut r = raw(&[
        ("TITLE", "\"Nothing Left to Burn\""),
        ("AUTHOR", "Mara Quill (mquill@example.net)"),
        ("RATING", "NC17 for language"),
        ("PAIRING", "Spike/Willow, some Spike/Buffy"),
        ("CATEGORY", "Slash, Angst"),
        ("WARNINGS", "MCD, non-con (implied), angst"),
        ("SPOILERS", "Through BtVS \"Tabula Rasa\""),
        ("TIME FRAME", "During s6 of BtVS"),
        (
            "SUMMARY",
            "Willow stops a spell halfway.\nThe rest of it stops her.",
        ),
        ("DISCLAIMER", "Not mine. Joss owns them."),
        ("FEEDBACK", "Yes please!"),
        ("DATE", "11/02/2002"),
    ]);
    r = with_chapter(
        r,
        Some("Part 1/2"),
        "<p>The candles had gone out twice.</p><hr/><p>She lit them a third time.</p>",
    );
    r = with_chapter(r, Some("Part 2/2 - Ashes"), "<p>Spike didn't ask.</p>");
    r.push(RawField::new(
        FieldKey::Status,
        "end marker",
        "TBC...",
        "line 88: \"TBC...\"",
    ));
    insta::assert_json_snapshot!(run(r));
}

/// An eFiction printable page: categories that are fandoms, MM/DD/YYYY dates, Completed: Yes.
#[test]
fn efiction_page() {
    let mut r = RawWork::new(Format::Html, Producer::EFiction, "windows-1252");
    let f = |key: FieldKey, label: &str, value: &str, origin: &str| {
        RawField::new(key, label, value, origin)
    };
    r.push(f(
        FieldKey::Title,
        "#pagetitle",
        "Tidal Hours",
        "#pagetitle a[0]",
    ));
    r.push(f(
        FieldKey::Author,
        "#pagetitle",
        "ariadne_k",
        "#pagetitle a[1]",
    ));
    r.push(
        f(
            FieldKey::Summary,
            "Summary",
            "Rodney counts. John waits.",
            ".content Summary",
        )
        .with_html("Rodney <i>counts</i>. John waits."),
    );
    r.push(f(FieldKey::Rating, "Rated", "Teen", ".content Rated"));
    r.push(f(
        FieldKey::Categories,
        "Categories",
        "Stargate Atlantis, Pre-Slash",
        ".content Categories",
    ));
    r.push(f(
        FieldKey::Characters,
        "Characters",
        "McKay, Sheppard, Teyla Emmagan",
        ".content Characters",
    ));
    r.push(f(
        FieldKey::Tags,
        "Genres",
        "Friendship, Hurt/Comfort",
        ".content Genres",
    ));
    r.push(f(
        FieldKey::Warnings,
        "Warnings",
        "None",
        ".content Warnings",
    ));
    r.push(
        f(
            FieldKey::Series,
            "Series",
            "Pegasus Nights",
            ".content Series",
        )
        .with_html(
            r#"<a href="http://archive.example.net/viewseries.php?seriesid=4">Pegasus Nights</a>"#,
        ),
    );
    r.push(f(FieldKey::Chapters, "Chapters", "2", ".content Chapters"));
    r.push(f(
        FieldKey::Status,
        "Completed",
        "Yes",
        ".content Completed",
    ));
    r.push(f(
        FieldKey::Words,
        "Word count",
        "11",
        ".content Word count",
    ));
    r.push(f(
        FieldKey::Published,
        "Published",
        "03/04/2006",
        ".content Published",
    ));
    r.push(f(
        FieldKey::Updated,
        "Updated",
        "03/15/2006",
        ".content Updated",
    ));
    r = with_chapter(
        r,
        Some("1. Low Tide"),
        "<p>The jumper's clock said <b>three</b>.</p>",
    );
    r = with_chapter(r, Some("High Tide"), "<p>Rodney counted anyway.</p>");
    let w = normalize(r, &facts("archive/viewstory_17.html"), &Options::default());
    insta::assert_json_snapshot!(w);
}

/// A file with no metadata at all: the title from the file name, defaults everywhere.
#[test]
fn bare_story_without_a_header() {
    let r = with_chapter(
        RawWork::new(Format::Txt, Producer::Plain, "utf-8"),
        None,
        "<p>Rain on the roof.</p>",
    );
    let w = normalize(
        r,
        &facts("downloads/rain_on-the-roof.txt"),
        &Options::default(),
    );
    insta::assert_json_snapshot!(w);
}

/// An AO3 download: AO3's own names pass through unchanged.
#[test]
fn ao3_download() {
    let mut r = RawWork::new(Format::Html, Producer::Ao3, "utf-8");
    let f = |key: FieldKey, label: &str, value: &str| {
        RawField::new(
            key,
            label,
            value,
            format!("#preface dd.{}", label.to_lowercase()),
        )
    };
    r.push(f(FieldKey::Title, "title", "Second Star"));
    r.push(f(FieldKey::Author, "byline", "lanternfish"));
    r.push(f(FieldKey::Rating, "Rating", "Teen And Up Audiences"));
    r.push(f(
        FieldKey::Warnings,
        "Archive Warning",
        "Creator Chose Not To Use Archive Warnings, Major Character Death",
    ));
    r.push(f(FieldKey::Categories, "Category", "F/F, Gen"));
    r.push(f(
        FieldKey::Fandoms,
        "Fandom",
        "Star Wars - All Media Types, Star Wars: Rebels",
    ));
    r.push(f(
        FieldKey::Relationships,
        "Relationship",
        "Hera Syndulla/Sabine Wren, Ezra Bridger & Sabine Wren",
    ));
    r.push(f(
        FieldKey::Characters,
        "Character",
        "Hera Syndulla, Sabine Wren, Ezra Bridger",
    ));
    r.push(f(
        FieldKey::Tags,
        "Additional Tags",
        "Found Family, Post-Canon",
    ));
    r.push(f(FieldKey::Language, "Language", "English"));
    r.push(
        f(FieldKey::Series, "Series", "Part 3 of Lothal Lights").with_html(
            r#"Part 3 of <a href="https://archiveofourown.org/series/1">Lothal Lights</a>"#,
        ),
    );
    r.push(f(FieldKey::Published, "Published", "2019-08-02"));
    r.push(f(
        FieldKey::Extra("Stats".into()),
        "Stats",
        "Published: 2019-08-02 Words: 9 Chapters: 1/1",
    ));
    r.push(f(
        FieldKey::Url,
        "url",
        "https://archiveofourown.org/works/1",
    ));
    r = with_chapter(
        r,
        Some("Chapter 1: Ghosts"),
        "<p>Sabine painted the hull at night.</p>",
    );
    let w = normalize(r, &facts("Second_Star.html"), &Options::default());
    insta::assert_json_snapshot!(w);
}
