//! Who made the book, and what that changes in how its two sources of metadata (the OPF and the
//! pages around the story) are combined.
//!
//! FanFicFare, AO3 and ficshelf put the story's metadata on a page (FanFicFare's title page,
//! AO3's preface, ficshelf's `dl.meta` title page): that page is the only place for series,
//! rating, warnings and status, and it says which words are fandoms, characters or tags, where
//! the OPF's `dc:subject`s mix them all. For these the page is the authority for every key it
//! has and the OPF fills in the rest; their OPF subjects feed nothing. Any other book (calibre,
//! pandoc, hand-made) is described by its OPF, and a title page only fills in what the OPF
//! lacks.

use std::collections::HashSet;

use ficshelf_model::{FieldKey, Producer, RawField};

use super::opf::Hints;

/// The producer, from the OPF's hints and what the pages said.
pub fn recognize(hints: &Hints, signals: &[Producer]) -> Producer {
    let has = |p: Producer| signals.contains(&p);
    let contributed = |word: &str| {
        hints
            .contributors
            .iter()
            .any(|c| c.to_lowercase().contains(word))
    };
    if has(Producer::FanFicFare)
        || contributed("fanficfare")
        || hints
            .identifiers
            .iter()
            .any(|i| i.starts_with("fanficfare-uid:"))
    {
        Producer::FanFicFare
    } else if has(Producer::Ao3)
        || hints
            .publisher
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("Archive of Our Own"))
    {
        Producer::Ao3
    } else if has(Producer::Ficshelf) {
        Producer::Ficshelf
    } else if has(Producer::Pandoc)
        || hints
            .generator
            .as_deref()
            .is_some_and(|g| g.to_lowercase().starts_with("pandoc"))
    {
        Producer::Pandoc
    } else if contributed("calibre") || hints.calibre_meta {
        Producer::Calibre
    } else {
        Producer::Plain
    }
}

/// Whether the producer's pages carry the metadata (and so lead over the OPF).
pub fn pages_lead(producer: Producer) -> bool {
    matches!(
        producer,
        Producer::FanFicFare | Producer::Ao3 | Producer::Ficshelf
    )
}

/// Keys that sort tag-like values; a page with any of them has sorted the OPF's subjects.
fn is_tag_like(key: &FieldKey) -> bool {
    matches!(
        key,
        FieldKey::Tags
            | FieldKey::Fandoms
            | FieldKey::Characters
            | FieldKey::Relationships
            | FieldKey::Categories
            | FieldKey::Rating
            | FieldKey::Warnings
    )
}

/// Combine the page fields and the OPF fields: `primary`'s fields all stay; a `secondary` field
/// stays when `primary` has no field of its key, and is otherwise unused.
pub fn merge(
    primary: Vec<RawField>,
    secondary: Vec<RawField>,
    unused: &mut Vec<(String, String)>,
) -> Vec<RawField> {
    let keys: HashSet<FieldKey> = primary.iter().map(|f| f.key.clone()).collect();
    let mut out = primary;
    for f in secondary {
        if keys.contains(&f.key) {
            unused.push((f.origin, format!("{}: {}", f.label, f.value)));
        } else {
            out.push(f);
        }
    }
    out
}

/// The OPF's fields as the producer wrote them: with pages that lead, the `dc:subject`s are
/// only a flat copy of what the page sorted (unused); FanFicFare's subjects, when no title page
/// sorted them, also hold its own stamps (`Last Update: 2019/07/14`, unused) and the status
/// (`Completed`, `In-Progress`).
pub fn opf_fields(
    producer: Producer,
    fields: Vec<RawField>,
    page_fields: &[RawField],
    unused: &mut Vec<(String, String)>,
) -> Vec<RawField> {
    let sorted = pages_lead(producer) && page_fields.iter().any(|f| is_tag_like(&f.key));
    let mut out = Vec::with_capacity(fields.len());
    for mut f in fields {
        let subject = f.label == "dc:subject";
        // AO3's publisher is AO3 itself: the URL already says so, and its HTML download has no
        // such line.
        let ao3_publisher = producer == Producer::Ao3 && f.label == "dc:publisher";
        if (subject && sorted) || ao3_publisher {
            unused.push((f.origin, f.value));
            continue;
        }
        if subject && producer == Producer::FanFicFare {
            if f.value.starts_with("Last Update") {
                unused.push((f.origin, f.value));
                continue;
            }
            if matches!(f.value.as_str(), "Completed" | "In-Progress") {
                f.key = FieldKey::Status;
            }
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(key: FieldKey, label: &str, value: &str) -> RawField {
        RawField::new(key, label, value, format!("test {label}"))
    }

    #[test]
    fn producers_from_hints_and_signals() {
        let mut hints = Hints::default();
        assert_eq!(recognize(&hints, &[]), Producer::Plain);
        hints.calibre_meta = true;
        assert_eq!(recognize(&hints, &[]), Producer::Calibre);
        assert_eq!(recognize(&hints, &[Producer::Pandoc]), Producer::Pandoc);
        assert_eq!(recognize(&hints, &[Producer::Ficshelf]), Producer::Ficshelf);
        hints.publisher = Some("Archive of Our Own".into());
        assert_eq!(recognize(&hints, &[Producer::Ficshelf]), Producer::Ao3);
        hints.contributors = vec!["FanFicFare [https://github.com/JimmXinu/FanFicFare]".into()];
        assert_eq!(recognize(&hints, &[]), Producer::FanFicFare);
    }

    #[test]
    fn the_leading_source_keeps_its_keys() {
        let pages = vec![
            field(FieldKey::Language, "Language", "English"),
            field(FieldKey::Rating, "Rating", "Teen"),
        ];
        let opf = vec![
            field(FieldKey::Title, "dc:title", "T"),
            field(FieldKey::Language, "dc:language", "en"),
        ];
        let mut unused = Vec::new();
        let merged = merge(pages, opf, &mut unused);
        let keys: Vec<&str> = merged.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(keys, vec!["English", "Teen", "T"]);
        assert_eq!(
            unused,
            vec![(
                "test dc:language".to_string(),
                "dc:language: en".to_string()
            )]
        );
    }

    #[test]
    fn fanficfare_subjects() {
        let opf = vec![
            field(FieldKey::Tags, "dc:subject", "Drama"),
            field(FieldKey::Tags, "dc:subject", "Last Update: 2020/02/11"),
            field(FieldKey::Tags, "dc:subject", "In-Progress"),
        ];
        let mut unused = Vec::new();
        let out = opf_fields(Producer::FanFicFare, opf.clone(), &[], &mut unused);
        let got: Vec<(FieldKey, &str)> = out
            .iter()
            .map(|f| (f.key.clone(), f.value.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(FieldKey::Tags, "Drama"), (FieldKey::Status, "In-Progress")]
        );
        assert_eq!(unused.len(), 1);
        // With a title page that sorted them, subjects feed nothing.
        let page = vec![field(FieldKey::Tags, "Genre", "Drama")];
        let mut unused = Vec::new();
        assert!(opf_fields(Producer::FanFicFare, opf, &page, &mut unused).is_empty());
        assert_eq!(unused.len(), 3);
    }
}
