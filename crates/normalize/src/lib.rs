//! `RawWork` → `Work`: the stage that interprets what readers located.
//!
//! Readers hand over every value exactly as the file wrote it; this crate decides what each one
//! means, the same way for every format:
//!
//! - closed vocabularies map to AO3's: ratings (`rating`), archive warnings (`warnings`),
//!   categories (`category`), status (`status`);
//! - open ones are split and cleaned, never invented: relationships (`relationships`),
//!   characters, additional tags, fandoms — canonicalized and, when no field names one,
//!   inferred from metadata with the fandom table (`fandoms`, `infer`);
//! - dates, series, languages and authors are parsed from the shapes files use;
//! - chapters, summaries and notes are sanitized (`markup::sanitize`) and words counted
//!   (`markup::count_words`);
//! - an archivist's tag map ([`TagMap`]) is applied last.
//!
//! Every field filled gets provenance (where it came from and which rule mapped it), every
//! guess a diagnostic, and [`normalize_explained`] also returns each [`Decision`] for
//! `ficshelf inspect --explain`. `docs/mapping.md` documents every table.

mod authors;
mod build;
mod category;
mod chapters;
mod dates;
mod explain;
mod fandoms;
mod fields;
mod infer;
mod items;
mod language;
mod prose;
mod rating;
mod relationships;
mod series;
mod status;
mod tagmap;
mod tags;
mod text;
mod warnings;

use ficshelf_model::{RawWork, Work};

pub use explain::Decision;
pub use fandoms::{FandomStats, fandom_stats};
pub use tagmap::{TagKind, TagMap, TagMapError};

/// What the ingest stage knows about the file itself, beyond the `RawWork`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFacts {
    /// The path as the user gave it (shown in `source.path` and in errors).
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub bytes: u64,
}

/// Choices that change how values are mapped.
#[derive(Debug, Clone)]
pub struct Options {
    /// An archivist's wrangling table, applied after the built-in mapping.
    pub tag_map: Option<TagMap>,
    /// Read ambiguous numeric dates (`03/04/2004`) day first instead of month first.
    pub day_first: bool,
    /// Infer fandoms from metadata text and character names when no field names one.
    pub infer_fandoms: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tag_map: None,
            day_first: false,
            infer_fandoms: true,
        }
    }
}

/// Interpret a `RawWork`.
///
/// ```
/// use ficshelf_model::{Ao3Rating, FieldKey, Format, Producer, RawField, RawWork};
/// use ficshelf_normalize::{Options, SourceFacts, normalize};
///
/// let mut raw = RawWork::new(Format::Txt, Producer::Plain, "utf-8");
/// raw.push(RawField::new(FieldKey::Rating, "RATING", "R", "line 4: \"RATING: R\""));
/// raw.push(RawField::new(FieldKey::Relationships, "Pairing", "some Spike/Buffy", "line 5"));
/// let facts = SourceFacts { path: "fics/the_storm-over.txt".into(), sha256: String::new(), bytes: 0 };
/// let work = normalize(raw, &facts, &Options::default());
///
/// assert_eq!(work.title, "The Storm Over");
/// assert_eq!(work.rating.ao3, Ao3Rating::Mature);
/// assert_eq!(work.provenance["rating"], "line 4: \"RATING: R\" → Mature (classic scale: \"R\")");
/// assert_eq!(work.relationships, ["Spike/Buffy"]);
/// assert_eq!(work.fandoms, ["Buffy the Vampire Slayer"]);
/// ```
pub fn normalize(raw: RawWork, facts: &SourceFacts, opts: &Options) -> Work {
    run(raw, facts, opts, false).0
}

/// Interpret a `RawWork` and say, for each value, what it became and by which rule.
pub fn normalize_explained(
    raw: RawWork,
    facts: &SourceFacts,
    opts: &Options,
) -> (Work, Vec<Decision>) {
    run(raw, facts, opts, true)
}

fn run(raw: RawWork, facts: &SourceFacts, opts: &Options, explain: bool) -> (Work, Vec<Decision>) {
    let mut ctx = explain::Ctx::new(explain);
    let mut work = build::run(raw, facts, opts, &mut ctx);
    let (provenance, diagnostics, decisions) = ctx.finish();
    work.provenance = provenance;
    work.diagnostics = diagnostics;
    (work, decisions)
}
