//! Summaries and notes: from the field's HTML when the reader kept it, else from its text made
//! into paragraphs; always sanitized. Empty results are `None`.

use ficshelf_markup::{count_words, escape_text, sanitize, text_content};
use ficshelf_model::RawField;

/// Plain text → `<p>` paragraphs (a blank line separates paragraphs; single line breaks inside
/// a paragraph are the wrapping of a hard-wrapped value and become spaces).
pub(crate) fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if !para.is_empty() {
            out.push_str("<p>");
            out.push_str(&escape_text(&para.join(" ")));
            out.push_str("</p>");
            para.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// Sanitized HTML, or `None` when nothing readable is left.
fn finish(html: &str) -> Option<String> {
    let clean = sanitize(html);
    let has_text = count_words(&clean) > 0 || !text_content(&clean).is_empty();
    (has_text || clean.contains("<img")).then_some(clean)
}

/// The HTML of a summary or notes field.
pub(crate) fn from_field(field: &RawField) -> Option<String> {
    match field.html.as_deref() {
        Some(html) if !html.trim().is_empty() => finish(html),
        _ => finish(&paragraphs(&field.value)),
    }
}

/// A chapter's summary or notes, which every reader keeps as HTML (the plain-text readers
/// build it from paragraphs). Taken as HTML even when it holds no tag: a page's note may be
/// bare text with character references (`Tom &amp; Jerry`), which read as text would be
/// escaped a second time (found by `epub_roundtrip`: a note came back with `&gt;` in its text).
pub(crate) fn from_chapter(value: &str) -> Option<String> {
    finish(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ficshelf_model::FieldKey;

    fn field(value: &str, html: Option<&str>) -> RawField {
        let f = RawField::new(FieldKey::Summary, "Summary", value, "line 3");
        match html {
            Some(h) => f.with_html(h),
            None => f,
        }
    }

    #[test]
    fn text_becomes_escaped_paragraphs() {
        let f = field("Buffy & Spike <3\nwrapped line\n\nSecond para", None);
        assert_eq!(
            from_field(&f).as_deref(),
            Some("<p>Buffy &amp; Spike &lt;3 wrapped line</p><p>Second para</p>")
        );
    }

    #[test]
    fn html_is_preferred_and_sanitized() {
        let f = field(
            "ignored",
            Some("<p>Kept <em>this</em></p><script>alert(1)</script>"),
        );
        assert_eq!(from_field(&f).as_deref(), Some("<p>Kept <em>this</em></p>"));
    }

    #[test]
    fn empty_is_none() {
        assert_eq!(from_field(&field("", None)), None);
        assert_eq!(from_field(&field("  \n\n ", None)), None);
        assert_eq!(
            from_field(&field("x", Some("<p> </p><script>x</script>"))),
            None
        );
        // Blank HTML falls back to the text.
        assert_eq!(
            from_field(&field("Text", Some("  "))).as_deref(),
            Some("<p>Text</p>")
        );
        assert_eq!(from_chapter("<p></p>"), None);
        assert_eq!(from_chapter("a < b"), Some("a &lt; b".into()));
        assert_eq!(
            from_chapter("Tom &amp; Jerry &gt; all\n\nof them"),
            Some("Tom &amp; Jerry &gt; all\n\nof them".into())
        );
    }
}
