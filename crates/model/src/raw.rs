//! `RawWork`: what a reader found in one file, before any interpretation.
//!
//! Readers (txt, html, epub) only *locate* things: which lines or elements are metadata, what
//! label each value was given, where the chapters start and end. They do not map vocabularies,
//! split lists or parse dates: that is the normalizer's job, so that every format is interpreted
//! by the same code and gives the same `Work`.

use serde::{Deserialize, Serialize};

use crate::{Diagnostic, FieldKey};

/// The three families of input ficshelf reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Html,
    Epub,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Epub => "epub",
        }
    }
}

/// The program or archive that wrote the file, when it can be recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Producer {
    /// Nothing recognizable: hand-written or unknown software.
    Plain,
    /// Written by ficshelf itself (convert/export).
    Ficshelf,
    #[serde(rename = "fanficfare")]
    FanFicFare,
    #[serde(rename = "efiction")]
    EFiction,
    Ao3,
    Calibre,
    Pandoc,
}

impl Producer {
    pub fn as_str(self) -> &'static str {
        match self {
            Producer::Plain => "plain",
            Producer::Ficshelf => "ficshelf",
            Producer::FanFicFare => "fanficfare",
            Producer::EFiction => "efiction",
            Producer::Ao3 => "ao3",
            Producer::Calibre => "calibre",
            Producer::Pandoc => "pandoc",
        }
    }
}

/// One labelled value as the file wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawField {
    /// What the value means. Readers usually set it from the label with
    /// [`FieldKey::from_label`]; they set it directly when the file's structure says (an AO3
    /// `dd.relationship`, a FanFicFare title page, an OPF `dc:title`).
    pub key: FieldKey,
    /// The label exactly as written (`RATING`, `Pairing(s)`), or a description of the structure
    /// that carried the value (`dc:title`, `byline`).
    pub label: String,
    /// The value as plain text: continuation lines joined with single spaces, entities decoded,
    /// surrounding whitespace trimmed. Not split, not mapped.
    pub value: String,
    /// The value as an HTML fragment when the source had markup worth keeping (summaries and
    /// notes in HTML/EPUB sources). Unsanitized.
    pub html: Option<String>,
    /// Where it came from, for provenance: `line 4: "RATING: R"`, `#preface dd.rating`.
    pub origin: String,
    /// The value is one item of a list the source marked up item by item (an `li` of
    /// ficshelf's own `dl.meta`): the normalizer takes it whole instead of splitting it at
    /// commas, semicolons or `and` as it does a typed list. (Found by the epub_roundtrip fuzz
    /// target: a character holding a `;` came back from the EPUB as two.)
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_item: bool,
}

impl RawField {
    pub fn new(
        key: FieldKey,
        label: impl Into<String>,
        value: impl Into<String>,
        origin: impl Into<String>,
    ) -> Self {
        RawField {
            key,
            label: label.into(),
            value: value.into(),
            html: None,
            origin: origin.into(),
            one_item: false,
        }
    }

    /// Marks the value as one list item (see [`RawField::one_item`]).
    pub fn as_one_item(mut self) -> Self {
        self.one_item = true;
        self
    }

    pub fn with_html(mut self, html: impl Into<String>) -> Self {
        self.html = Some(html.into());
        self
    }
}

/// One chapter as the file had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawChapter {
    pub title: Option<String>,
    /// The chapter text as an HTML fragment, unsanitized. Plain-text readers build it from
    /// paragraphs (`<p>`) and scene breaks (`<hr/>`).
    pub html: String,
    /// What found the chapter boundary: `line 120: "Chapter 2: The Storm" (chapter marker)`,
    /// `spine item chapter2.xhtml`, `start of text (unmarked first chapter)`.
    pub origin: String,
    pub summary: Option<String>,
    pub notes: Option<String>,
    pub end_notes: Option<String>,
}

impl RawChapter {
    pub fn new(title: Option<String>, html: impl Into<String>, origin: impl Into<String>) -> Self {
        RawChapter {
            title,
            html: html.into(),
            origin: origin.into(),
            summary: None,
            notes: None,
            end_notes: None,
        }
    }
}

/// Everything one reader found in one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawWork {
    pub format: Format,
    pub producer: Producer,
    /// The encoding the text was decoded from.
    pub encoding: String,
    /// Every metadata value found, in file order. The same key may occur more than once
    /// (two `Author:` lines, a rating in the header and on the title page).
    pub fields: Vec<RawField>,
    pub chapters: Vec<RawChapter>,
    /// What the reader noticed: encoding guesses, repairs, skipped parts.
    pub diagnostics: Vec<Diagnostic>,
    /// Lines or elements that looked like metadata but fed no field, for `--explain` and the
    /// audit: (origin, text).
    pub unused: Vec<(String, String)>,
}

impl RawWork {
    pub fn new(format: Format, producer: Producer, encoding: impl Into<String>) -> Self {
        RawWork {
            format,
            producer,
            encoding: encoding.into(),
            fields: Vec::new(),
            chapters: Vec::new(),
            diagnostics: Vec::new(),
            unused: Vec::new(),
        }
    }

    /// The first field with this key.
    pub fn field(&self, key: &FieldKey) -> Option<&RawField> {
        self.fields.iter().find(|f| &f.key == key)
    }

    /// Every field with this key, in file order.
    pub fn fields_of<'a>(&'a self, key: &'a FieldKey) -> impl Iterator<Item = &'a RawField> + 'a {
        self.fields.iter().filter(move |f| &f.key == key)
    }

    pub fn push(&mut self, field: RawField) {
        self.fields.push(field);
    }
}
