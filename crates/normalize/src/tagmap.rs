//! Tag maps: an archivist's wrangling table, applied after the built-in mapping.
//!
//! The CSV has the shape of Open Doors' Tag Wrangling sheet (see `docs/mapping.md`): a header
//! row, then one row per original tag with the AO3 tag(s) it becomes. Recognized columns (any
//! case; other columns such as `Original Tag ID` or `TW Notes` are ignored):
//!
//! | column | also accepted as | meaning |
//! |---|---|---|
//! | `Original Tag` | `Original Tag Name`, `original_tag` | the tag as the archive wrote it |
//! | `Original Tag Type` | `Original Type`, `original_type`, `original_table` | rating, warning, category, fandom, relationship, character, freeform; empty or unknown = any |
//! | `Recommended AO3 Tag` | `AO3 Tag`, `AO3 Tags`, `ao3_tag` | comma-separated AO3 tags; empty = drop the tag |
//! | `Recommended AO3 Type` | `AO3 Type`, `AO3 Tag Type`, `ao3_tag_type` | their types, comma-separated; one type applies to all; empty = keep the original's type |
//! | `Recommended AO3 Category` | `AO3 Category`, `ao3_tag_category` | categories a relationship implies (`M/M`) |
//!
//! A row matches a tag when the original tag equals (case and spacing aside) either the value
//! as the file wrote it or the value the built-in mapping made of it, and the types agree.

use std::collections::HashMap;

use crate::text::fold;

/// The kinds of tag AO3 has, which a tag map can move a tag between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TagKind {
    Rating,
    Warning,
    Category,
    Fandom,
    Relationship,
    Character,
    /// Additional tags (genres, keywords).
    Freeform,
}

impl TagKind {
    /// A type as written in a tag map (`Relationship`, `pairings`, `Additional Tags`).
    pub fn parse(s: &str) -> Option<TagKind> {
        let squashed: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Some(match squashed.as_str() {
            "rating" | "ratings" | "rated" => TagKind::Rating,
            "warning" | "warnings" | "archivewarning" | "archivewarnings" => TagKind::Warning,
            "category" | "categories" => TagKind::Category,
            "fandom" | "fandoms" => TagKind::Fandom,
            "relationship" | "relationships" | "pairing" | "pairings" | "ship" | "ships" => {
                TagKind::Relationship
            }
            "character" | "characters" => TagKind::Character,
            "freeform" | "freeforms" | "additionaltag" | "additionaltags" | "tag" | "tags"
            | "genre" | "genres" | "keyword" | "keywords" => TagKind::Freeform,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TagKind::Rating => "rating",
            TagKind::Warning => "warning",
            TagKind::Category => "category",
            TagKind::Fandom => "fandom",
            TagKind::Relationship => "relationship",
            TagKind::Character => "character",
            TagKind::Freeform => "freeform",
        }
    }
}

/// A tag map that could not be read. The message is the reason only.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagMapError {
    #[error("tag map is empty")]
    Empty,
    #[error("tag map has no {0:?} column")]
    MissingColumn(&'static str),
    #[error("line {line}: {reason}")]
    Row { line: u64, reason: String },
    #[error("not a CSV file: {0}")]
    Csv(String),
}

/// What a tag becomes: zero or more AO3 tags (zero = dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    /// (AO3 tag, its type; `None` keeps the original's type).
    pub outputs: Vec<(String, Option<TagKind>)>,
    pub categories: Vec<String>,
    pub line: u64,
}

/// A parsed tag map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagMap {
    /// (type or `None` for any, folded original) → rule.
    rules: HashMap<(Option<TagKind>, String), Rule>,
}

const ORIGINAL: &[&str] = &[
    "original tag",
    "original tag name",
    "original_tag",
    "original",
];
const ORIGINAL_TYPE: &[&str] = &[
    "original tag type",
    "original type",
    "original_type",
    "original_table",
];
const AO3_TAG: &[&str] = &[
    "recommended ao3 tag",
    "ao3 tag",
    "ao3 tags",
    "ao3_tag",
    "recommended ao3 tags",
];
const AO3_TYPE: &[&str] = &[
    "recommended ao3 type",
    "ao3 type",
    "ao3 tag type",
    "ao3_tag_type",
];
const AO3_CATEGORY: &[&str] = &[
    "recommended ao3 category",
    "recommended ao3 category (for relationships)",
    "ao3 category",
    "ao3_tag_category",
];

impl TagMap {
    /// Read a tag map from CSV text.
    pub fn from_csv(text: &str) -> Result<TagMap, TagMapError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(TagMapError::Empty);
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| TagMapError::Csv(e.to_string()))?
            .clone();
        let col = |names: &[&str]| {
            headers
                .iter()
                .position(|h| names.contains(&fold(h).as_str()))
        };
        let original = col(ORIGINAL).ok_or(TagMapError::MissingColumn("Original Tag"))?;
        let ao3_tag = col(AO3_TAG).ok_or(TagMapError::MissingColumn("Recommended AO3 Tag"))?;
        let original_type = col(ORIGINAL_TYPE);
        let ao3_type = col(AO3_TYPE);
        let ao3_category = col(AO3_CATEGORY);
        let mut map = TagMap::default();
        for record in reader.records() {
            let record = record.map_err(|e| TagMapError::Csv(e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
            let orig = cell(Some(original));
            if orig.is_empty() {
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                return Err(TagMapError::Row {
                    line,
                    reason: "the original tag is empty".into(),
                });
            }
            // Archive-specific types (eFiction's `classes`) mean "any type".
            let kind = TagKind::parse(cell(original_type));
            let tags: Vec<&str> = cell(Some(ao3_tag))
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            let types: Vec<&str> = cell(ao3_type).split(',').map(str::trim).collect();
            let mut outputs = Vec::new();
            for (i, tag) in tags.iter().enumerate() {
                let written = types.get(i).or(types.first()).copied().unwrap_or("");
                let t = match written {
                    "" => None,
                    w => Some(TagKind::parse(w).ok_or_else(|| TagMapError::Row {
                        line,
                        reason: format!("unknown AO3 tag type {w:?}"),
                    })?),
                };
                outputs.push((tag.to_string(), t));
            }
            let categories: Vec<String> = cell(ao3_category)
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            let rule = map.rules.entry((kind, fold(orig))).or_insert(Rule {
                outputs: Vec::new(),
                categories: Vec::new(),
                line,
            });
            // Several rows for one tag add up (one AO3 tag per row is a common layout).
            rule.outputs.extend(outputs);
            rule.categories.extend(categories);
        }
        Ok(map)
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rule for a tag of `kind`, matched by what the file wrote or by what it became.
    pub(crate) fn rule(&self, kind: TagKind, written: &str, mapped: &str) -> Option<&Rule> {
        let (w, m) = (fold(written), fold(mapped));
        [(Some(kind), &w), (None, &w), (Some(kind), &m), (None, &m)]
            .into_iter()
            .find_map(|(k, text)| self.rules.get(&(k, text.clone())))
    }
}

#[cfg(test)]
mod tests;
