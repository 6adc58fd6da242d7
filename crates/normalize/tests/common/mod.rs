//! Building `RawWork`s by hand for the normalizer's integration tests.

#![allow(dead_code)]

use ficshelf_model::{FieldKey, Format, Producer, RawChapter, RawField, RawWork, Work};
use ficshelf_normalize::{Decision, Options, SourceFacts, normalize, normalize_explained};

pub fn facts(path: &str) -> SourceFacts {
    SourceFacts {
        path: path.into(),
        sha256: "0".repeat(64),
        bytes: 1234,
    }
}

/// A plain-text `RawWork` with the fields given as (label, value); each label goes through
/// `FieldKey::from_label` as a reader would, and unknown labels become extras.
pub fn raw(fields: &[(&str, &str)]) -> RawWork {
    let mut r = RawWork::new(Format::Txt, Producer::Plain, "utf-8");
    for (i, (label, value)) in fields.iter().enumerate() {
        let key = FieldKey::from_label(label)
            .unwrap_or_else(|| FieldKey::Extra(ficshelf_model::canonical_label(label)));
        let origin = format!("line {}: \"{label}: {value}\"", i + 1);
        r.push(RawField::new(key, *label, *value, origin));
    }
    r
}

pub fn with_chapter(mut r: RawWork, title: Option<&str>, html: &str) -> RawWork {
    let n = r.chapters.len() + 1;
    r.chapters.push(RawChapter::new(
        title.map(str::to_string),
        html,
        format!("chapter {n}"),
    ));
    r
}

pub fn run(r: RawWork) -> Work {
    normalize(r, &facts("fics/story.txt"), &Options::default())
}

pub fn run_with(r: RawWork, opts: &Options) -> Work {
    normalize(r, &facts("fics/story.txt"), opts)
}

pub fn explained(r: RawWork) -> (Work, Vec<Decision>) {
    normalize_explained(r, &facts("fics/story.txt"), &Options::default())
}

pub fn has_diag(w: &Work, needle: &str) -> bool {
    w.diagnostics.iter().any(|d| d.message.contains(needle))
}
