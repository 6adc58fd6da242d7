//! One header field while it is being read: continuation lines and indented paragraphs are
//! added to it until the header parser closes it, and then it becomes a `RawField` (or, with
//! no value at all, an unused line).

use ficshelf_markup::escape_text;
use ficshelf_model::{FieldKey, RawField};

use super::super::inline;

/// A field being read: its value may still grow.
pub(super) struct Field {
    pub(super) key: FieldKey,
    pub(super) label: String,
    pub(super) origin: String,
    pub(super) line_text: String,
    pub(super) label_indent: usize,
    /// The value started on the lines after the label, indented: it may span blank lines.
    pub(super) indented: bool,
    pub(super) paragraphs: Vec<String>,
}

impl Field {
    pub(super) fn push(&mut self, text: &str) {
        match self.paragraphs.last_mut() {
            Some(p) if !p.is_empty() => {
                p.push(' ');
                p.push_str(text);
            }
            Some(p) => p.push_str(text),
            None => self.paragraphs.push(text.to_string()),
        }
    }

    pub(super) fn new_paragraph(&mut self) {
        if self.paragraphs.last().is_some_and(|p| !p.is_empty()) {
            self.paragraphs.push(String::new());
        }
    }

    /// Summaries, notes and other prose: their last lines may be short.
    pub(super) fn is_prose(&self) -> bool {
        matches!(
            self.key,
            FieldKey::Summary | FieldKey::Notes | FieldKey::EndNotes | FieldKey::Extra(_)
        )
    }

    pub(super) fn finish(self) -> Result<RawField, (String, String)> {
        let paragraphs: Vec<String> = self
            .paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        if paragraphs.is_empty() {
            return Err((self.origin, self.line_text));
        }
        let html: Vec<String> = paragraphs
            .iter()
            .map(|p| inline::to_html(p, false))
            .collect();
        let marked = paragraphs
            .iter()
            .zip(&html)
            .any(|(p, h)| escape_text(p) != *h);
        let value = paragraphs.join("\n\n");
        let field = RawField::new(self.key, self.label, value, self.origin);
        Ok(if paragraphs.len() > 1 || marked {
            field.with_html(
                html.iter()
                    .map(|h| format!("<p>{h}</p>"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        } else {
            field
        })
    }
}
