//! Which header labels mean which field.
//!
//! Plain-text headers, HTML label/value pages and eFiction blocks all say `Label: value`; the
//! words they use for a label vary (`Pairing`, `Ship`, `Relationships`; `Rated`, `RATING`).
//! Readers use this table to tell a header line from story text, and the normalizer uses the key
//! to decide where a value goes. Labels with no home in [`crate::Work`] are [`FieldKey::Extra`]
//! and end up in `Work::extra` under a canonical name.

use serde::{Deserialize, Serialize};

/// The field a labelled value feeds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKey {
    Title,
    Author,
    Rating,
    Warnings,
    /// AO3 categories, or, on old archives and eFiction, fandoms or genres; the normalizer sorts
    /// each value out.
    Categories,
    Fandoms,
    Relationships,
    Characters,
    /// Genres, keywords, additional tags.
    Tags,
    Summary,
    Notes,
    EndNotes,
    Series,
    Published,
    Updated,
    Status,
    Language,
    /// A declared word count. Never used for `Work::words`; kept for the audit and `extra`.
    Words,
    /// A declared chapter count (`3/?` says in progress).
    Chapters,
    Url,
    /// A field with no home of its own, under its canonical label (`Spoilers`, `Timeline`).
    Extra(String),
}

impl FieldKey {
    /// The field a header label names, or `None` when the label is not one ficshelf knows.
    ///
    /// Case, surrounding punctuation and spacing do not matter: `TIME FRAME`, `Time-frame:` and
    /// `*timeframe*` all give `Extra("Timeline")`.
    pub fn from_label(label: &str) -> Option<FieldKey> {
        let key = squash(label);
        let k = key.as_str();
        use FieldKey::*;
        let known = match k {
            "title" | "storytitle" | "fictitle" | "story" | "storyname" => Title,
            "author" | "authors" | "by" | "writer" | "writers" | "writtenby" | "penname"
            | "creator" | "creators" | "storyby" => Author,
            "rating" | "ratings" | "rated" | "storyrating" => Rating,
            "warning" | "warnings" | "archivewarning" | "archivewarnings" | "contentwarning"
            | "contentwarnings" | "triggerwarning" | "triggerwarnings" | "warn" => Warnings,
            "category" | "categories" => Categories,
            "fandom" | "fandoms" | "crossover" | "show" | "universe" => Fandoms,
            "pairing" | "pairings" | "ship" | "ships" | "shipping" | "relationship"
            | "relationships" | "romance" | "couple" | "couples" => Relationships,
            "character" | "characters" | "maincharacters" | "featuring" => Characters,
            "genre" | "genres" | "tags" | "tag" | "additionaltags" | "additionaltag"
            | "keywords" | "freeform" | "freeforms" | "themes" => Tags,
            "summary" | "description" | "synopsis" | "blurb" | "abstract" => Summary,
            "notes" | "note" | "authorsnotes" | "authorsnote" | "authornotes" | "authornote"
            | "an" | "anotes" | "notesfromauthor" => Notes,
            "endnotes" | "endnote" | "afterword" => EndNotes,
            "series" | "seriesname" | "partofseries" | "partof" => Series,
            "published" | "date" | "dateposted" | "posted" | "written" | "firstpublished"
            | "datepublished" | "datewritten" | "archived" | "datearchived" => Published,
            "updated" | "lastupdated" | "dateupdated" | "revised" | "lastrevised" | "modified" => {
                Updated
            }
            "status" | "completed" | "complete" | "completion" | "storystatus" => Status,
            "language" | "lang" => Language,
            "wordcount" | "words" | "wordcounts" | "length" => Words,
            "chapters" | "chaptercount" | "numberofchapters" => Chapters,
            "url" | "link" | "storyurl" | "sourceurl" | "originalurl" | "storylink" | "source" => {
                Url
            }
            _ => return extra(k).map(|name| Extra(name.to_string())),
        };
        Some(known)
    }

    /// The name used for this key in provenance maps and explanations (`Work` field names).
    pub fn field_name(&self) -> &str {
        use FieldKey::*;
        match self {
            Title => "title",
            Author => "authors",
            Rating => "rating",
            Warnings => "warnings",
            Categories => "categories",
            Fandoms => "fandoms",
            Relationships => "relationships",
            Characters => "characters",
            Tags => "tags",
            Summary => "summary",
            Notes => "notes",
            EndNotes => "end_notes",
            Series => "series",
            Published => "published",
            Updated => "updated",
            Status => "status",
            Language => "language",
            Words => "words",
            Chapters => "chapters",
            Url => "source.url",
            Extra(name) => name,
        }
    }
}

/// Known labels with no `Work` field of their own, and their canonical names.
fn extra(squashed: &str) -> Option<&'static str> {
    Some(match squashed {
        "spoiler" | "spoilers" => "Spoilers",
        "timeline" | "timeframe" | "setting" | "time" | "timeperiod" | "placement" => "Timeline",
        "disclaimer" | "disclaimers" => "Disclaimer",
        "feedback" | "comments" | "reviews" => "Feedback",
        "archive" | "archiving" | "archivedat" | "archiveat" | "permission" => "Archive",
        "beta" | "betas" | "betareader" | "betareaders" | "betadby" | "betaedby" | "betareadby" => {
            "Beta"
        }
        "dedication" | "dedications" | "dedicatedto" | "for" => "Dedication",
        "thanks" | "acknowledgements" | "acknowledgments" | "thankyou" => "Thanks",
        "email" | "mail" | "contact" | "authoremail" => "Email",
        "website" | "homepage" | "site" | "webpage" | "web" => "Website",
        "prompt" | "prompts" => "Prompt",
        "challenge" | "challenges" | "challengeresponse" => "Challenge",
        "inspiration" | "inspiredby" => "Inspiration",
        "sequelto" | "prequelto" | "followsfrom" | "sequel" | "prequel" => "Sequel",
        "chaptertitle" => "Chapter title",
        _ => return None,
    })
}

/// Lower-case letters and digits only: `Author's Notes:` → `authorsnotes`, `Pairing(s)` →
/// `pairings`, `TIME-FRAME` → `timeframe`, `A/N` → `an`.
fn squash(label: &str) -> String {
    label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A label cleaned for use as a key of `Work::extra`: surrounding punctuation removed, inner
/// spacing collapsed, and SHOUTED labels put in title case (`TIME FRAME` → `Time Frame`).
/// Known extras get their canonical name (`time frame` → `Timeline`).
pub fn canonical_label(label: &str) -> String {
    if let Some(FieldKey::Extra(name)) = FieldKey::from_label(label) {
        return name;
    }
    let trimmed = label.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '(');
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    let shouted =
        trimmed.chars().any(|c| c.is_alphabetic()) && !trimmed.chars().any(|c| c.is_lowercase());
    let fix = |w: &str| -> String {
        if !shouted {
            return w.to_string();
        }
        let mut cs = w.chars();
        match cs.next() {
            Some(first) => first
                .to_uppercase()
                .chain(cs.flat_map(char::to_lowercase))
                .collect(),
            None => String::new(),
        }
    };
    words.iter().map(|w| fix(w)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_any_case_and_punctuation() {
        use FieldKey::*;
        let cases = [
            ("TITLE", Title),
            ("Title:", Title),
            ("title", Title),
            ("Author(s)", Author),
            ("Written by", Author),
            ("RATED", Rating),
            ("Pairing(s):", Relationships),
            ("Ship", Relationships),
            ("Archive Warning", Warnings),
            ("Additional Tags", Tags),
            ("Genre", Tags),
            ("Author's Notes", Notes),
            ("Author’s Notes", Notes),
            ("A/N", Notes),
            ("Word count", Words),
            ("Last Updated", Updated),
            ("Time frame", Extra("Timeline".into())),
            ("TIMELINE", Extra("Timeline".into())),
            ("Beta'd by", Extra("Beta".into())),
        ];
        for (label, key) in cases {
            assert_eq!(FieldKey::from_label(label), Some(key), "label {label:?}");
        }
        assert_eq!(FieldKey::from_label("Buffy said"), None);
        assert_eq!(FieldKey::from_label(""), None);
    }

    #[test]
    fn canonical_labels() {
        assert_eq!(canonical_label("TIME FRAME"), "Timeline");
        assert_eq!(canonical_label("  Mood:"), "Mood");
        assert_eq!(canonical_label("SONG LYRICS"), "Song Lyrics");
        assert_eq!(canonical_label("Music by"), "Music by");
    }
}
