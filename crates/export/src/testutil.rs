//! Test helpers shared by the writers' unit tests: sample `Work`s and a well-formedness check.

use std::collections::BTreeMap;

use ficshelf_model::{
    Ao3Rating, ArchiveWarning, Author, Category, Chapter, Date, Format, Producer, Rating,
    SeriesRef, Source, Status, Warnings, Work,
};
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::xml::is_xml_char;

pub(crate) fn source() -> Source {
    Source {
        path: "storm.txt".into(),
        format: Format::Txt,
        producer: Producer::Plain,
        url: Some("https://archive.example.org/story/17".into()),
        site: Some("archive.example.org".into()),
        encoding: "utf-8".into(),
        sha256: "ab".repeat(32),
        bytes: 1234,
    }
}

/// A work with every field set, as in docs/ficshelf-formats.md.
pub(crate) fn full_work() -> Work {
    let mut w = Work::new("The Storm Over Sunnydale", source());
    w.authors = vec![
        Author {
            name: "Jane Doe".into(),
            email: Some("jane@example.org".into()),
            url: None,
        },
        Author {
            name: "R. Second".into(),
            email: None,
            url: Some("https://example.org/r".into()),
        },
    ];
    w.fandoms = vec!["Buffy the Vampire Slayer".into()];
    w.rating = Rating {
        raw: Some("PG-13".into()),
        ao3: Ao3Rating::Teen,
    };
    w.warnings = Warnings {
        raw: vec!["none".into()],
        ao3: vec![ArchiveWarning::NoneApply],
    };
    w.categories = vec![Category::FM];
    w.relationships = vec!["Buffy Summers/Spike".into()];
    w.characters = vec![
        "Buffy Summers".into(),
        "Spike".into(),
        "Willow Rosenberg".into(),
    ];
    w.tags = vec!["Angst".into(), "Hurt/Comfort".into()];
    w.summary =
        Some("<p>First paragraph of the summary.</p><p>Second <em>paragraph</em>.</p>".into());
    w.notes = Some("<p>Author's notes.</p>".into());
    w.end_notes = Some("<p>Thanks for reading!</p>".into());
    w.series = vec![SeriesRef {
        name: "Hellmouth Nights".into(),
        index: Some(2.0),
        url: None,
    }];
    w.published = Some(Date::new(2004, 3, 14).unwrap());
    w.updated = Some(Date::new(2004, 5, 1).unwrap());
    w.status = Status::Complete;
    w.language = Some("en".into());
    w.chapters = vec![
        Chapter::new(
            Some("Into the Dark".into()),
            "<p>The night was <em>cold</em> and <strong>still</strong>.</p><hr><p>Later, the storm.</p>".into(),
            10,
        ),
        Chapter::new(None, "<p>Second chapter text.</p>".into(), 3),
    ];
    w.sum_words();
    w.extra = BTreeMap::from([("Spoilers".to_string(), "Season 6".to_string())]);
    w
}

/// A work with nothing but a title and one chapter.
pub(crate) fn bare_work() -> Work {
    let mut w = Work::new("Bare", source());
    w.source.url = None;
    w.chapters = vec![Chapter::new(None, "<p>Only text.</p>".into(), 2)];
    w.sum_words();
    w
}

/// Panics unless `xml` is a well-formed XML document with one root element, using no entity
/// but XML's five and no character XML cannot carry.
pub(crate) fn assert_well_formed(xml: &str) {
    if let Some(bad) = xml.chars().find(|&c| !is_xml_char(c)) {
        panic!("character {bad:?} is not allowed in XML:\n{xml}");
    }
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"));
        let is_start = matches!(event, Event::Start(_));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                if depth == 0 {
                    roots += 1;
                }
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}\n{xml}"));
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("bad attribute value: {err}\n{xml}"));
                }
                if is_start {
                    depth += 1;
                }
            }
            Event::End(_) => depth = depth.checked_sub(1).expect("more end tags than start tags"),
            Event::GeneralRef(r) => {
                let name: &str = &r;
                assert!(
                    r.is_char_ref() || ["amp", "lt", "gt", "quot", "apos"].contains(&name),
                    "entity &{name}; is not one of XML's\n{xml}"
                );
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unclosed elements\n{xml}");
    assert_eq!(roots, 1, "a document has exactly one root element\n{xml}");
}
