//! The shapes of short pieces of page text the generic reader decides on: a heading that is a
//! chapter title (`Chapter 3`, `Part Two: Home`, `4. Rain`, `IV`, `Prologue`), a byline
//! (`by Name`), navigation (`Next chapter`, `« Back to index`), an end marker (`The End`,
//! `TBC`).
//!
//! An HTML heading is already known to be a heading, so only its words are judged here; the
//! same test on a paragraph (`<p><b>Chapter 2</b></p>`) is stricter: the keyword and number,
//! with at most a short title.

use std::sync::OnceLock;

use regex::Regex;

struct Shapes {
    keyword: Regex,
    numbered: Regex,
    named: Regex,
    roman: Regex,
    byline: Regex,
}

const NUMBER: &str = r"(?:\d{1,4}|[ivxlc]{1,8}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|thirty|forty|fifty)";

fn shapes() -> &'static Shapes {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let re = |s: String| Regex::new(&s).expect("heading patterns compile");
        Shapes {
            keyword: re(format!(
                r"(?i)^(?:chapter|chap\.?|ch\.?|part|pt\.?|book|volume|vol\.?|episode|section)\s*#?\s*{NUMBER}\b(?:\s*(?:/|of)\s*(?:\d+|{NUMBER}|\?))?(?P<rest>.*)$"
            )),
            numbered: re(r"^#?\d{1,4}(?:\s*[.:)\-–—]\s*\S.*|\s*[.:)]?)$".to_string()),
            named: re(r"(?i)^(?:prologue|epilogue|interlude|afterword|foreword)\b".to_string()),
            roman: re(r"^(?:[IVXLC]{1,8}|[ivxlc]{1,8})\.?$".to_string()),
            byline: re(r"(?i)^(?:(?:a\s+)?(?:story|fic|fanfic)\s+)?(?:written\s+)?by[:\s]\s*(?P<name>\S.{0,100})$".to_string()),
        }
    })
}

/// Whether a heading's text is a chapter title.
pub(crate) fn is_chapter_heading(text: &str) -> bool {
    let t = undecorate(text);
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    let s = shapes();
    s.keyword.is_match(t) || s.numbered.is_match(t) || s.named.is_match(t) || s.roman.is_match(t)
}

/// Whether a paragraph's whole text is a chapter marker: a keyword and a number with at most a
/// separated title (`Chapter 2`, `Part Two: Home`), or `Prologue`/`Epilogue` alone.
pub(crate) fn is_chapter_marker_line(text: &str) -> bool {
    let t = undecorate(text);
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    let s = shapes();
    if let Some(c) = s.keyword.captures(t) {
        let rest = c.name("rest").map_or("", |m| m.as_str()).trim();
        return rest.is_empty() || rest.starts_with([':', '-', '–', '—', '.', '~', '|']);
    }
    s.named.is_match(t) && t.split_whitespace().count() <= 4 && !t.ends_with('.')
}

/// The name in a byline (`by Wren Alder`, `Written by: Sam`).
pub(crate) fn byline(text: &str) -> Option<String> {
    let t = undecorate(text);
    if t.len() > 120 {
        return None;
    }
    let name = shapes().byline.captures(t)?.name("name")?.as_str().trim();
    (!name.is_empty() && looks_like_names(name)).then(|| name.to_string())
}

/// Whether the rest of a `by …` line reads as author names rather than a sentence that happens
/// to start with "By" ("By February the count had reached thirty, and …").
fn looks_like_names(rest: &str) -> bool {
    const SENTENCE_WORDS: &[&str] = &[
        "the", "an", "had", "has", "have", "was", "were", "is", "are", "be", "been", "to", "in",
        "at", "on", "when", "then", "that", "this", "it", "he", "she", "they", "we", "his", "her",
        "their", "its", "if", "but", "so", "for", "with", "from", "into", "after", "before", "now",
        "time", "morning", "night", "evening", "noon",
    ];
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.len() > 10 {
        return false;
    }
    let sentence_word = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        SENTENCE_WORDS.contains(&w.as_str())
    });
    // "R. Second" or "Wren A." may end with an initial's dot; a sentence ends otherwise.
    let last = words.last().copied().unwrap_or("");
    let ends_sentence = rest.ends_with(['!', '?', '…'])
        || (rest.ends_with('.') && last.trim_end_matches('.').chars().count() > 1)
        || rest.ends_with(',');
    !sentence_word && !ends_sentence
}

/// Short link text that moves between pages rather than telling the story.
pub(crate) fn is_navigation(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 100 {
        return false;
    }
    const WORDS: &[&str] = &[
        "next",
        "previous",
        "prev",
        "back",
        "index",
        "home",
        "top",
        "contents",
        "chapter list",
        "table of contents",
        "story index",
        "main page",
        "return",
        "go to",
        "review",
        "reviews",
        "leave a comment",
        "comments",
        "feedback",
        "first",
        "last",
        "up",
        "menu",
    ];
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        // Only arrows and bars: `« | »`.
        return true;
    }
    let navish = WORDS
        .iter()
        .filter(|w| {
            if w.contains(' ') {
                lower.contains(*w)
            } else {
                words.contains(w)
            }
        })
        .count();
    // A link bar is short, or mostly the words above (`« Previous Chapter | Back to index`).
    navish > 0 && (words.len() <= 6 || navish * 2 >= words.len())
}

/// An end marker: `The End`, `fin`, `End`, `TBC`, `To be continued…`, decorated or not.
pub(crate) fn end_marker(text: &str) -> Option<String> {
    let t = undecorate(text);
    if t.len() > 40 {
        return None;
    }
    let bare = t.trim_end_matches(['.', '!', '…']).trim().to_lowercase();
    let known = [
        "the end",
        "end",
        "fin",
        "finis",
        "tbc",
        "to be continued",
        "end file",
        "end of story",
        "owari",
    ];
    known.contains(&bare.as_str()).then(|| t.to_string())
}

fn undecorate(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "~*=-_#·•|[]«»<>".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_headings() {
        for t in [
            "Chapter 1",
            "Chapter Three: Salt",
            "CHAPTER IV",
            "Part 2/5",
            "Part Two",
            "Ch. 7 - Home",
            "1. The Lamp Room",
            "12",
            "IV",
            "Prologue",
            "Epilogue: Later",
            "~ Chapter 9 ~",
        ] {
            assert!(is_chapter_heading(t), "{t:?}");
        }
        for t in [
            "The Lamp Room",
            "Summary",
            "Partly Cloudy",
            "Chapters",
            "1984 Was a Year",
            "Notes",
        ] {
            assert!(!is_chapter_heading(t), "{t:?}");
        }
    }

    #[test]
    fn marker_lines_are_stricter() {
        for t in [
            "Chapter 2",
            "Part Two: Home",
            "Chapter 3 - The Storm",
            "Prologue",
        ] {
            assert!(is_chapter_marker_line(t), "{t:?}");
        }
        for t in [
            "Chapter 3 was where it all went wrong.",
            "Part of me wanted to stay.",
            "Prologue to a long night, she thought.",
            "1. She ran.",
        ] {
            assert!(!is_chapter_marker_line(t), "{t:?}");
        }
    }

    #[test]
    fn bylines_navigation_and_end_markers() {
        assert_eq!(byline("by Wren Alder").as_deref(), Some("Wren Alder"));
        assert_eq!(
            byline("Written by: Sam Ossory").as_deref(),
            Some("Sam Ossory")
        );
        assert_eq!(byline("bystanders came"), None);
        assert_eq!(
            byline("By February the count had reached thirty, and more."),
            None
        );
        assert_eq!(byline("By now, everyone knew."), None);
        assert_eq!(byline("By midnight they were gone"), None);
        assert_eq!(
            byline("by Wren Alder and Sam Ossory").as_deref(),
            Some("Wren Alder and Sam Ossory")
        );
        assert_eq!(byline("by R. Second").as_deref(), Some("R. Second"));
        assert_eq!(byline("by Wren A.").as_deref(), Some("Wren A."));
        assert!(is_navigation("« Previous Chapter | Next Chapter »"));
        assert!(is_navigation("Back to index"));
        assert!(!is_navigation(
            "She went back home and slept until noon, dreaming of the sea."
        ));
        assert_eq!(end_marker("~ The End ~").as_deref(), Some("The End"));
        assert_eq!(end_marker("TBC...").as_deref(), Some("TBC..."));
        assert_eq!(end_marker("The end of the pier"), None);
    }
}
