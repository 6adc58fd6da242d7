//! Chapters: sanitized HTML, AO3 word counts, and titles without their markers.
//!
//! Every chapter's HTML goes through `markup::sanitize` and is counted with
//! `markup::count_words`, both in one pass (`markup::sanitize_and_count`); the work's count is
//! the sum, and a declared count is never used. A chapter with no words and no image is dropped
//! with a diagnostic. Titles lose a leading marker (`Chapter 3: The Storm` → `The Storm`,
//! `Part 2/5 - Title` → `Title`, `CHAPTER III. Title` → `Title`), and a title that is only a
//! marker (`Chapter 3`, `Chapter Three`, `Part Two`, `4`, `~ 4 ~`) becomes no title; `marker`
//! holds the patterns.

mod marker;

use ficshelf_markup::sanitize_and_count;
use ficshelf_model::{Chapter, RawChapter};

use crate::explain::Ctx;
use crate::prose;
use crate::series::roman;
use crate::text::{clip, collapse};

/// Characters that decorate a marker line (`~ 4 ~`, `== Chapter 7 ==`, `*Part One*`).
const DECORATIONS: &str = "~*=-_#·•|";

fn undecorate(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || DECORATIONS.contains(c))
}

/// What may stand between a marker and the title.
const SEPARATORS: &str = ":.-–—)~|,";

/// A chapter title without its marker; `None` when nothing but a marker is left.
pub(crate) fn clean_title(title: &str) -> (Option<String>, &'static str) {
    let t = collapse(undecorate(title));
    if t.is_empty() {
        return (None, "empty title");
    }
    if marker::is_number(&t) {
        return (None, "only a number");
    }
    if let Some(rest) = marker::after_number(&t).map(undecorate) {
        return (Some(rest.to_string()), "leading number removed");
    }
    let kept = (Some(t.clone()), "kept as written");
    let Some(m) = marker::marker(&t) else {
        return kept;
    };
    let num = m.num;
    let digits = num.chars().all(|c| c.is_ascii_digit());
    // `Parti`, `Chili`: the marker word runs straight into letters.
    if !digits && t[m.word_end..].starts_with(char::is_alphabetic) {
        return kept;
    }
    // `Chapter Civil War`: not a numeral after all.
    if num.chars().all(|c| "ivxlcIVXLC".contains(c)) && roman(&num.to_lowercase()).is_none() {
        return kept;
    }
    // Decorations, then one separator: `Chapter 1*: Title`, `Chapter 3 -- Title`. Only one,
    // because ficshelf writes a title back as `Chapter N: {title}`, and a title that itself
    // starts with one (`...and then`, `: The Harbour` once) must read back as it was (found by
    // the epub_roundtrip fuzz target).
    let rest =
        t[m.end..].trim_start_matches(|c: char| c.is_whitespace() || DECORATIONS.contains(c));
    let separator = rest.chars().next().filter(|&c| SEPARATORS.contains(c));
    let separated = separator.is_some();
    let after = undecorate(&rest[separator.map_or(0, char::len_utf8)..]);
    if after.is_empty() {
        return (None, "only a chapter marker");
    }
    // `Chapter 3 The Storm` is a marker and a title; `Chapter One Day` is not clearly one.
    if separated || digits {
        (Some(after.to_string()), "leading chapter marker removed")
    } else {
        kept
    }
}

/// Sanitize, count and clean every chapter; empty ones are dropped.
pub(crate) fn build(raw: Vec<RawChapter>, ctx: &mut Ctx) -> Vec<Chapter> {
    let mut out = Vec::with_capacity(raw.len());
    let total = raw.len();
    for (i, rc) in raw.into_iter().enumerate() {
        let (html, words) = sanitize_and_count(&rc.html);
        let title_in = rc.title.as_deref().map(str::trim).unwrap_or("");
        if words == 0 && !html.contains("<img") {
            ctx.info(format!(
                "chapter {} of {total} ({}) has no text; dropped",
                i + 1,
                rc.origin
            ));
            ctx.note(
                "chapters",
                title_in,
                &rc.origin,
                "dropped",
                "no words and no image",
            );
            continue;
        }
        let (title, rule) = match rc.title.as_deref() {
            Some(t) => clean_title(t),
            None => (None, "no title in the source"),
        };
        ctx.decide(|| crate::Decision {
            field: "chapters".into(),
            input: clip(title_in, 120),
            origin: rc.origin.clone(),
            outcome: format!(
                "chapter {}: {} ({words} words)",
                out.len() + 1,
                title
                    .as_deref()
                    .map_or("no title".to_string(), |t| format!("{t:?}"))
            ),
            rule: rule.into(),
        });
        let mut chapter = Chapter::new(title, html, words);
        chapter.summary = rc.summary.as_deref().and_then(prose::from_chapter);
        chapter.notes = rc.notes.as_deref().and_then(prose::from_chapter);
        chapter.end_notes = rc.end_notes.as_deref().and_then(prose::from_chapter);
        out.push(chapter);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// ficshelf writes a title as `Chapter N: {title}`; reading that gives the title back.
        #[test]
        fn a_title_written_after_a_marker_reads_back(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Chapter", "Part", "ch.", "3", "IV", "Two", " ", ":", ".", "-", "—", "*", "~",
                    ")", ",", "|", "#", "/5", "of", "The", "Storm", "é", "...",
                ]),
                0..8,
            )
        ) {
            let t: String = pieces.concat();
            if let (Some(title), _) = clean_title(&t) {
                let again = clean_title(&format!("Chapter 7: {title}")).0;
                proptest::prop_assert_eq!(again.as_deref(), Some(title.as_str()), "from {:?}", t);
            }
        }
    }

    #[test]
    fn titles_lose_their_markers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Chapter 3: The Storm", Some("The Storm")),
            ("Chapter 3 - The Storm", Some("The Storm")),
            ("Chapter 3. The Storm", Some("The Storm")),
            ("Chapter 3 The Storm", Some("The Storm")),
            ("Part 2/5 - Title", Some("Title")),
            ("Part 2 of 5: Title", Some("Title")),
            ("CHAPTER III. Title", Some("Title")),
            ("Chapter Three: Into the Dark", Some("Into the Dark")),
            ("Ch. 4 - Home", Some("Home")),
            ("Chapter Twenty-One: Late", Some("Late")),
            ("Chapter 3", None),
            ("Chapter Three", None),
            ("CHAPTER III", None),
            ("Part Two", None),
            ("Part 2/5", None),
            ("Part 2/?", None),
            ("4", None),
            ("4.", None),
            ("~ 4 ~", None),
            ("~~ 4 ~~", None),
            ("== Chapter 7 ==", None),
            ("*Part One*", None),
            ("", None),
            ("The Storm", Some("The Storm")),
            ("Prologue", Some("Prologue")),
            ("Epilogue: After", Some("Epilogue: After")),
            ("1984", None),
            ("7 Minutes in Heaven", Some("7 Minutes in Heaven")),
            ("Chapter Civil War", Some("Chapter Civil War")),
            ("Chapter One Day", Some("Chapter One Day")),
            ("Parting Words", Some("Parting Words")),
            ("Chapterhouse", Some("Chapterhouse")),
            ("Parti", Some("Parti")),
            ("Chili", Some("Chili")),
            ("Epic", Some("Epic")),
            ("1. The Beginning", Some("The Beginning")),
            ("Chapter 1*: The Harbour", Some("The Harbour")),
            ("Chapter 1 -- The Harbour", Some("The Harbour")),
            ("Chapter 1: ...and then", Some("...and then")),
            ("Chapter 1: : The Harbour", Some(": The Harbour")),
            ("4 - Home", Some("Home")),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_title(raw).0.as_deref(), *want, "{raw:?}");
        }
    }

    #[test]
    fn chapters_are_sanitized_counted_and_empty_ones_dropped() {
        let raw = vec![
            RawChapter::new(
                Some("Chapter 1: Start".into()),
                "<p>One two <script>x</script></p>",
                "a",
            ),
            RawChapter::new(None, "<p>  </p><hr/>", "b"),
            RawChapter::new(Some("2".into()), "<p>Three four five</p>", "c"),
            RawChapter::new(None, r#"<p><img src="x.png" alt=""></p>"#, "d"),
        ];
        let mut ctx = Ctx::new(true);
        let chapters = build(raw, &mut ctx);
        assert_eq!(chapters.len(), 3);
        assert_eq!(chapters[0].title.as_deref(), Some("Start"));
        assert_eq!(chapters[0].words, 2);
        assert!(!chapters[0].html.contains("script"));
        assert_eq!(chapters[1].title, None);
        assert_eq!(chapters[1].words, 3);
        assert_eq!(chapters[2].words, 0);
        let (_, diags, decisions) = ctx.finish();
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("chapter 2 of 4 (b) has no text"))
        );
        assert_eq!(
            decisions.iter().filter(|d| d.field == "chapters").count(),
            4
        );
    }

    #[test]
    fn chapter_notes_are_sanitized() {
        let mut rc = RawChapter::new(None, "<p>Text</p>", "a");
        rc.notes = Some("<p onclick=\"x()\">Note</p>".into());
        // Readers give HTML: bare text with a reference is not escaped again.
        rc.summary = Some("A plain summary &amp; more".into());
        rc.end_notes = Some("   ".into());
        let ch = build(vec![rc], &mut Ctx::new(false));
        assert_eq!(ch[0].notes.as_deref(), Some("<p>Note</p>"));
        assert_eq!(ch[0].summary.as_deref(), Some("A plain summary &amp; more"));
        assert_eq!(ch[0].end_notes, None);
    }
}
