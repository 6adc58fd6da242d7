//! What the templates show of a work: an AO3-like blurb built from a `WorkSummary` (list pages)
//! or from a `Work` without chapters (the work and reader pages), every tag a link, the 2×2
//! square of rating / warning / category / status symbols, numbers and dates written as AO3
//! writes them.
//!
//! Values stay raw strings here: askama escapes them when the page is rendered. The only HTML
//! passed through is the Work's summary and notes, which `normalize` sanitized.

use ficshelf_library::WorkSummary;
use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Date, SeriesRef, Status, Work};

use crate::format::{chapters, date, thousands};
use crate::links::{Link, TagKind, work_href};

/// One cell of the symbol square.
#[derive(Debug, Clone)]
pub struct Symbol {
    /// The CSS class that colours it (AO3's names).
    pub class: &'static str,
    /// What it says, for the tooltip and screen readers.
    pub label: String,
    /// The character drawn in it.
    pub glyph: &'static str,
}

/// AO3's four required-tag symbols.
#[derive(Debug, Clone)]
pub struct Symbols {
    pub rating: Symbol,
    pub warning: Symbol,
    pub category: Symbol,
    pub status: Symbol,
}

impl Symbols {
    pub fn new(
        rating: Ao3Rating,
        warnings: &[ArchiveWarning],
        categories: &[Category],
        status: Status,
    ) -> Symbols {
        let rating = Symbol {
            class: match rating {
                Ao3Rating::General => "rating-general-audience",
                Ao3Rating::Teen => "rating-teen",
                Ao3Rating::Mature => "rating-mature",
                Ao3Rating::Explicit => "rating-explicit",
                Ao3Rating::NotRated => "rating-notrated",
            },
            label: rating.as_str().to_string(),
            glyph: rating.symbol(),
        };
        let warned = warnings.iter().any(|w| {
            !matches!(
                w,
                ArchiveWarning::NoneApply | ArchiveWarning::ChooseNotToUse
            )
        });
        let warning = Symbol {
            class: if warned {
                "warning-yes"
            } else if warnings.contains(&ArchiveWarning::ChooseNotToUse) || warnings.is_empty() {
                "warning-choosenotto"
            } else {
                "warning-no"
            },
            label: if warnings.is_empty() {
                ArchiveWarning::ChooseNotToUse.display_name().to_string()
            } else {
                warnings
                    .iter()
                    .map(|w| w.display_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            glyph: if warned {
                "!"
            } else if warnings.contains(&ArchiveWarning::NoneApply) {
                ""
            } else {
                "?"
            },
        };
        let category = match categories {
            [] => Symbol {
                class: "category-none",
                label: "No category".into(),
                glyph: "",
            },
            [one] => Symbol {
                class: match one {
                    Category::FF => "category-femslash",
                    Category::FM => "category-het",
                    Category::Gen => "category-gen",
                    Category::MM => "category-slash",
                    Category::Multi => "category-multi",
                    Category::Other => "category-other",
                },
                label: one.as_str().to_string(),
                glyph: match one {
                    Category::FF => "♀♀",
                    Category::FM => "♀♂",
                    Category::Gen => "○",
                    Category::MM => "♂♂",
                    Category::Multi => "✱",
                    Category::Other => "?",
                },
            },
            several => Symbol {
                class: "category-multi",
                label: several
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                glyph: "✱",
            },
        };
        let status = Symbol {
            class: match status {
                Status::Complete => "complete-yes",
                Status::InProgress => "complete-no",
                Status::Unknown => "complete-unknown",
            },
            label: match status {
                Status::Complete => "Complete Work",
                Status::InProgress => "Work in Progress",
                Status::Unknown => "Completion unknown",
            }
            .into(),
            glyph: match status {
                Status::Complete => "✓",
                Status::InProgress => "…",
                Status::Unknown => "?",
            },
        };
        Symbols {
            rating,
            warning,
            category,
            status,
        }
    }
}

/// "Part 2 of Tides".
#[derive(Debug, Clone)]
pub struct SeriesPart {
    pub part: Option<String>,
    pub link: Link,
}

/// A language as a page shows it.
#[derive(Debug, Clone)]
pub struct Language {
    pub tag: String,
    pub name: String,
}

/// A work as an AO3 blurb (and the header of the work page).
#[derive(Debug, Clone)]
pub struct Blurb {
    pub id: u64,
    pub href: String,
    pub title: String,
    pub authors: Vec<Link>,
    pub fandoms: Vec<Link>,
    pub symbols: Symbols,
    pub rating: Link,
    pub warnings: Vec<Link>,
    pub categories: Vec<Link>,
    pub relationships: Vec<Link>,
    pub characters: Vec<Link>,
    pub tags: Vec<Link>,
    /// Sanitized HTML.
    pub summary: Option<String>,
    pub series: Vec<SeriesPart>,
    /// The language tag (for `lang=`) and its name.
    pub language: Option<Language>,
    pub words: String,
    pub chapters: String,
    pub published: Option<String>,
    pub updated: Option<String>,
    /// The date a blurb shows in its corner: the last update, else the publication.
    pub date: Option<String>,
    pub status: Status,
}

/// What a blurb is made from: the fields `WorkSummary` and `Work` share.
struct Parts<'a> {
    id: u64,
    title: &'a str,
    authors: Vec<&'a str>,
    fandoms: &'a [String],
    rating: Ao3Rating,
    warnings: &'a [ArchiveWarning],
    categories: &'a [Category],
    relationships: &'a [String],
    characters: &'a [String],
    tags: &'a [String],
    summary: Option<&'a str>,
    series: &'a [SeriesRef],
    language: Option<&'a str>,
    words: u64,
    chapters: u64,
    status: Status,
    published: Option<Date>,
    updated: Option<Date>,
}

impl Blurb {
    pub fn of_summary(s: &WorkSummary) -> Blurb {
        Blurb::build(Parts {
            id: s.id.0,
            title: &s.title,
            authors: s.authors.iter().map(String::as_str).collect(),
            fandoms: &s.fandoms,
            rating: s.rating,
            warnings: &s.warnings,
            categories: &s.categories,
            relationships: &s.relationships,
            characters: &s.characters,
            tags: &s.tags,
            summary: s.summary.as_deref(),
            series: &s.series,
            language: s.language.as_deref(),
            words: s.words,
            chapters: s.chapters,
            status: s.status,
            published: s.published,
            updated: s.updated,
        })
    }

    /// `chapters`: how many the work has (its `chapters` list may have been left empty).
    pub fn of_work(id: u64, w: &Work, chapters: u64) -> Blurb {
        Blurb::build(Parts {
            id,
            title: &w.title,
            authors: w.author_names(),
            fandoms: &w.fandoms,
            rating: w.rating.ao3,
            warnings: &w.warnings.ao3,
            categories: &w.categories,
            relationships: &w.relationships,
            characters: &w.characters,
            tags: &w.tags,
            summary: w.summary.as_deref(),
            series: &w.series,
            language: w.language.as_deref(),
            words: w.words,
            chapters,
            status: w.status,
            published: w.published,
            updated: w.updated,
        })
    }

    fn build(p: Parts<'_>) -> Blurb {
        let filter = |key: &str, value: &str| Link {
            text: value.to_string(),
            href: crate::params::Params::default()
                .with(key, value)
                .href("/works"),
        };
        Blurb {
            id: p.id,
            href: work_href(p.id),
            title: p.title.to_string(),
            authors: p
                .authors
                .iter()
                .map(|a| Link::tag(TagKind::Author, a))
                .collect(),
            fandoms: Link::tags(TagKind::Fandom, p.fandoms),
            symbols: Symbols::new(p.rating, p.warnings, p.categories, p.status),
            rating: filter("rating", p.rating.as_str()),
            warnings: p
                .warnings
                .iter()
                .map(|w| Link {
                    text: w.display_name().to_string(),
                    href: filter("warning", w.as_str()).href,
                })
                .collect(),
            categories: p
                .categories
                .iter()
                .map(|c| filter("category", c.as_str()))
                .collect(),
            relationships: Link::tags(TagKind::Relationship, p.relationships),
            characters: Link::tags(TagKind::Character, p.characters),
            tags: Link::tags(TagKind::Tag, p.tags),
            summary: p.summary.map(str::to_string),
            series: p
                .series
                .iter()
                .map(|s| SeriesPart {
                    part: s.index.map(series_index),
                    link: Link::tag(TagKind::Series, &s.name),
                })
                .collect(),
            language: p.language.map(|tag| Language {
                tag: tag.to_string(),
                name: crate::format::language(tag),
            }),
            words: thousands(p.words),
            chapters: chapters(p.chapters, p.status),
            published: p.published.map(date),
            updated: p.updated.map(date),
            date: p.updated.or(p.published).map(date),
            status: p.status,
        }
    }

    /// Complete works show "Completed" beside their last date, as AO3 does.
    pub fn is_complete(&self) -> bool {
        self.status == Status::Complete
    }
}

/// `2.0` → `2`, `1.5` → `1.5`.
fn series_index(i: f64) -> String {
    if i.fract() == 0.0 && i.abs() < 1e15 {
        format!("{}", i as i64)
    } else {
        format!("{i}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_square_follows_ao3() {
        let s = Symbols::new(
            Ao3Rating::Teen,
            &[ArchiveWarning::NoneApply],
            &[Category::FM],
            Status::InProgress,
        );
        assert_eq!((s.rating.class, s.rating.glyph), ("rating-teen", "T"));
        assert_eq!(s.warning.class, "warning-no");
        assert_eq!(s.category.class, "category-het");
        assert_eq!(s.status.class, "complete-no");
        let s = Symbols::new(
            Ao3Rating::NotRated,
            &[ArchiveWarning::ChooseNotToUse],
            &[],
            Status::Complete,
        );
        assert_eq!(s.warning.class, "warning-choosenotto");
        assert_eq!(s.warning.label, "Creator Chose Not To Use Archive Warnings");
        assert_eq!(s.category.class, "category-none");
        assert_eq!(s.status.class, "complete-yes");
        let s = Symbols::new(
            Ao3Rating::Explicit,
            &[
                ArchiveWarning::MajorCharacterDeath,
                ArchiveWarning::NoneApply,
            ],
            &[Category::FF, Category::MM],
            Status::Unknown,
        );
        assert_eq!(s.warning.class, "warning-yes");
        assert_eq!(s.category.class, "category-multi");
        assert_eq!(s.category.label, "F/F, M/M");
    }

    #[test]
    fn series_parts() {
        assert_eq!(series_index(2.0), "2");
        assert_eq!(series_index(1.5), "1.5");
    }
}
