//! ficshelf's structural class names, reserved: sanitized work HTML never carries them.
//!
//! ficshelf's own pages (HTML export, EPUB) mark their structure with classes: `section.chapter`,
//! `div.chapter-summary`, `dl.meta` with `dd.rating`, `span.author` and so on, and the ficshelf
//! reader finds a work's parts by them. A chapter whose own text held `<div
//! class="chapter-summary">` was written inside its `section.chapter` and read back with that
//! block as the chapter's summary (found by the `epub_roundtrip` fuzz target). The sanitizer
//! therefore drops these names from every fragment that goes into a `Work`; other classes stay.

use std::borrow::Cow;

/// Every class name ficshelf's exports use for their own structure, sorted. The export crate
/// tests that each class it writes is listed here.
pub const RESERVED_CLASSES: &[&str] = &[
    "author",
    "byline",
    "categories",
    "chapter",
    "chapter-end-notes",
    "chapter-notes",
    "chapter-summary",
    "chapters",
    "characters",
    "end-notes",
    "extra",
    "fandoms",
    "language",
    "meta",
    "notes",
    "published",
    "rating",
    "relationships",
    "series",
    "source",
    "status",
    "summary",
    "tags",
    "title",
    "updated",
    "warnings",
    "words",
];

/// Whether one class name is reserved. ASCII case is ignored, as a quirks-mode page (and the
/// ficshelf reader) ignores it.
pub fn is_reserved_class(name: &str) -> bool {
    RESERVED_CLASSES
        .iter()
        .any(|r| r.eq_ignore_ascii_case(name))
}

/// Whether a raw `class` value names a reserved class.
pub(crate) fn has_reserved(value: &str) -> bool {
    value.split_ascii_whitespace().any(is_reserved_class)
}

/// A `class` value without its reserved names: unchanged (borrowed) when it has none, `None`
/// when nothing is left.
pub(crate) fn without_reserved(value: &str) -> Option<Cow<'_, str>> {
    if !has_reserved(value) {
        return Some(Cow::Borrowed(value));
    }
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|c| !is_reserved_class(c))
        .collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_lower_case() {
        assert!(RESERVED_CLASSES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            RESERVED_CLASSES
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
    }

    #[test]
    fn reserved_names_are_dropped_others_kept() {
        assert_eq!(without_reserved("x y").as_deref(), Some("x y"));
        assert!(matches!(
            without_reserved("x  y"),
            Some(Cow::Borrowed("x  y"))
        ));
        assert_eq!(without_reserved("chapter-summary"), None);
        assert_eq!(without_reserved(" Chapter\tNOTES "), None);
        assert_eq!(
            without_reserved("big summary\nquote").as_deref(),
            Some("big quote")
        );
        // Only whole names: a class that merely contains one is the author's.
        assert_eq!(
            without_reserved("summary-box my-notes").as_deref(),
            Some("summary-box my-notes")
        );
    }
}
