use ficshelf_model::{Ao3Rating, ArchiveWarning, Chapter, FieldKey, Rating, SeriesRef, Status};

use super::*;
use crate::testutil::{assert_well_formed, bare_work, full_work};

#[test]
fn every_label_is_one_the_readers_know() {
    let expected = [
        (Field::Rating, FieldKey::Rating),
        (Field::Warnings, FieldKey::Warnings),
        (Field::Fandoms, FieldKey::Fandoms),
        (Field::Categories, FieldKey::Categories),
        (Field::Relationships, FieldKey::Relationships),
        (Field::Characters, FieldKey::Characters),
        (Field::Tags, FieldKey::Tags),
        (Field::Series, FieldKey::Series),
        (Field::Published, FieldKey::Published),
        (Field::Updated, FieldKey::Updated),
        (Field::Status, FieldKey::Status),
        (Field::Language, FieldKey::Language),
        (Field::Words, FieldKey::Words),
        (Field::Chapters, FieldKey::Chapters),
        (Field::Source, FieldKey::Url),
    ];
    assert_eq!(expected.len(), HTML_FIELDS.len());
    for (field, key) in expected {
        assert_eq!(
            FieldKey::from_label(field.label()),
            Some(key),
            "{}",
            field.label()
        );
    }
}

#[test]
fn values_of_a_full_work() {
    let w = full_work();
    let v = |f: Field| f.values(&w);
    assert_eq!(v(Field::Rating), ["Teen And Up Audiences"]);
    assert_eq!(v(Field::Warnings), ["No Archive Warnings Apply"]);
    assert_eq!(v(Field::Fandoms), ["Buffy the Vampire Slayer"]);
    assert_eq!(v(Field::Categories), ["F/M"]);
    assert_eq!(
        v(Field::Characters),
        ["Buffy Summers", "Spike", "Willow Rosenberg"]
    );
    assert_eq!(v(Field::Series), ["Hellmouth Nights [2]"]);
    assert_eq!(v(Field::Published), ["2004-03-14"]);
    assert_eq!(v(Field::Updated), ["2004-05-01"]);
    assert_eq!(v(Field::Status), ["Complete"]);
    assert_eq!(v(Field::Language), ["en"]);
    assert_eq!(v(Field::Words), [w.words.to_string()]);
    assert_eq!(v(Field::Chapters), ["2/2"]);
    assert_eq!(v(Field::Source), ["https://archive.example.org/story/17"]);
}

#[test]
fn unstated_rating_and_warnings_are_not_shown() {
    let mut w = bare_work();
    assert!(Field::Rating.values(&w).is_empty());
    assert!(Field::Warnings.values(&w).is_empty());
    assert!(Field::Status.values(&w).is_empty());
    assert_eq!(Field::Chapters.values(&w), ["1"]);
    // Stated values are shown, even when they are AO3's defaults.
    w.rating = Rating {
        raw: Some("unrated".into()),
        ao3: Ao3Rating::NotRated,
    };
    w.warnings.raw = vec!["creator chose not to warn".into()];
    assert_eq!(Field::Rating.values(&w), ["Not Rated"]);
    assert_eq!(
        Field::Warnings.values(&w),
        [ArchiveWarning::ChooseNotToUse.as_str()]
    );
    w.status = Status::InProgress;
    assert_eq!(Field::Status.values(&w), ["In Progress"]);
    assert_eq!(Field::Chapters.values(&w), ["1/?"]);
}

#[test]
fn series_indexes() {
    assert_eq!(format_index(2.0).as_deref(), Some("2"));
    assert_eq!(format_index(1.5).as_deref(), Some("1.5"));
    assert_eq!(format_index(0.0).as_deref(), Some("0"));
    assert_eq!(format_index(f64::NAN), None);
    assert_eq!(format_index(f64::INFINITY), None);
    let mut w = bare_work();
    w.series = vec![
        SeriesRef {
            name: "A\nB".into(),
            index: Some(1.25),
            url: None,
        },
        SeriesRef {
            name: "C".into(),
            index: None,
            url: None,
        },
        SeriesRef {
            name: " ".into(),
            index: Some(1.0),
            url: None,
        },
    ];
    assert_eq!(Field::Series.values(&w), ["A B [1.25]", "C"]);
}

#[test]
fn titles_and_chapter_headings() {
    let mut w = bare_work();
    w.title = "  The\n Title ".into();
    assert_eq!(title(&w), "The Title");
    w.title = " \u{1} ".into();
    assert_eq!(title(&w), "Untitled");
    let ch = |t: Option<&str>| Chapter::new(t.map(str::to_string), String::new(), 0);
    assert_eq!(
        chapter_heading(3, &ch(Some("The Storm"))),
        "Chapter 3: The Storm"
    );
    assert_eq!(chapter_heading(1, &ch(None)), "Chapter 1");
    assert_eq!(chapter_heading(2, &ch(Some("  "))), "Chapter 2");
}

#[test]
fn preface_shows_every_field_in_order_escaped() {
    let mut w = full_work();
    w.title = "Tom & Jerry <3".into();
    w.extra.insert("Beta".into(), "A \"friend\"".into());
    let mut out = String::new();
    write_preface(&w, Flavor::Xhtml, &mut out);
    assert_well_formed(&out);
    assert!(
        out.contains("<h1 class=\"title\">Tom &amp; Jerry &lt;3</h1>"),
        "{out}"
    );
    assert!(out.contains(
        "<p class=\"byline\">by <span class=\"author\" data-email=\"jane@example.org\">Jane Doe</span>, \
         <span class=\"author\" data-url=\"https://example.org/r\">R. Second</span></p>"
    ));
    let labels: Vec<&str> = out
        .match_indices("<dt>")
        .map(|(i, _)| &out[i + 4..i + 4 + out[i + 4..].find('<').unwrap()])
        .collect();
    assert_eq!(
        labels,
        [
            "Rating",
            "Archive Warning",
            "Fandom",
            "Category",
            "Relationship",
            "Character",
            "Additional Tags",
            "Series",
            "Published",
            "Updated",
            "Status",
            "Language",
            "Words",
            "Chapters",
            "Source",
            "Beta",
            "Spoilers"
        ]
    );
    assert!(out.contains("<dd class=\"characters\"><ul><li>Buffy Summers</li><li>Spike</li><li>Willow Rosenberg</li></ul></dd>"));
    assert!(out.contains("<dd class=\"source\"><a href=\"https://archive.example.org/story/17\">"));
    assert!(out.contains("<dt>Beta</dt><dd class=\"extra\">A \"friend\"</dd>"));
    assert!(out.contains("<div class=\"summary\">\n<h2>Summary</h2>\n<p>First paragraph"));
    assert!(out.contains("<div class=\"notes\">\n<h2>Notes</h2>\n<p>Author's notes.</p>"));
}

#[test]
fn series_link_and_author_url() {
    let mut w = full_work();
    w.series[0].url = Some("https://example.org/series/1".into());
    w.authors[1].url = Some("https://example.org/r?a=1&b=2".into());
    let mut out = String::new();
    write_preface(&w, Flavor::Html, &mut out);
    assert!(
        out.contains("<li><a href=\"https://example.org/series/1\">Hellmouth Nights [2]</a></li>"),
        "{out}"
    );
    assert!(
        out.contains("data-url=\"https://example.org/r?a=1&amp;b=2\""),
        "{out}"
    );
}

#[test]
fn empty_sections_are_left_out() {
    let mut w = bare_work();
    w.summary = Some("<p> &nbsp; </p>".into());
    w.notes = Some(String::new());
    let mut out = String::new();
    write_preface(&w, Flavor::Xhtml, &mut out);
    assert!(
        !out.contains("summary") && !out.contains("notes") && !out.contains("byline"),
        "{out}"
    );
    assert!(!has_afterword(&w));
    let mut after = String::new();
    write_afterword(&w, Flavor::Xhtml, &mut after);
    assert!(after.is_empty());
}

#[test]
fn chapter_body_with_chapter_notes() {
    let mut ch = Chapter::new(Some("One".into()), "<p>Text</p>".into(), 1);
    ch.summary = Some("<p>Sum</p>".into());
    ch.notes = Some("<p>Note</p>".into());
    ch.end_notes = Some("<p>End</p>".into());
    let mut out = String::new();
    write_chapter_body(4, &ch, Flavor::Xhtml, &mut out);
    assert_well_formed(&format!("<section>{out}</section>"));
    let order = [
        "<h2>Chapter 4: One</h2>",
        "chapter-summary",
        "chapter-notes",
        "<p>Text</p>",
        "chapter-end-notes",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|s| out.find(s).unwrap_or_else(|| panic!("{s} in {out}")))
        .collect();
    assert!(positions.windows(2).all(|p| p[0] < p[1]), "{out}");
}
