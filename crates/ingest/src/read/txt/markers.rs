//! Chapter marker lines: `Chapter 3`, `Chapter Three`, `CHAPTER III`, `Chapter 3: Title`,
//! `Part 2/5`, `Part Two of Five`, `Prologue`, `~~ 4 ~~`.
//!
//! Only the shape of one line is judged here; `chapters` adds the context (a marker stands
//! alone between blank lines). A marker needs a number after its keyword, so that a sentence
//! like "Part of me wanted to stay" or "Chapter and verse" is never one; a title after the
//! number needs a separator (`:`, `.`, `-`, `—`) or must not read like a sentence.

use super::lines::{is_decoration, strip_decoration};

/// The marker's title if `text` is a chapter marker: the line trimmed of decoration, as
/// written (`~~ 4 ~~` → `4`, `*** Chapter 2: Rain ***` → `Chapter 2: Rain`).
pub fn chapter_marker(text: &str) -> Option<String> {
    if text.len() > 120 {
        return None;
    }
    let t = strip_decoration(text);
    if t.is_empty() {
        return None;
    }
    let decorated = t.len() < text.len();
    let found = keyword_marker(t) || named_marker(t) || (decorated && decorated_number(text, t));
    found.then(|| t.to_string())
}

/// A `Chapter N` marker in ficshelf's own layout: exactly `Chapter <digits>` or
/// `Chapter <digits>: Title`.
pub fn ficshelf_marker(text: &str) -> Option<String> {
    let rest = text.strip_prefix("Chapter ")?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let after = &rest[digits..];
    (digits > 0 && (after.is_empty() || after.starts_with(": "))).then(|| text.to_string())
}

const KEYWORDS: &[&str] = &[
    "chapter", "chap", "ch", "part", "book", "pt", "volume", "vol",
];

/// `<keyword> <number>[/<total> | of <total>][<separator> title]`.
fn keyword_marker(t: &str) -> bool {
    let word_end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    let keyword = t[..word_end].to_lowercase();
    if !KEYWORDS.contains(&keyword.as_str()) {
        return false;
    }
    let rest = t[word_end..].strip_prefix('.').unwrap_or(&t[word_end..]);
    let Some(rest) = rest
        .strip_prefix(char::is_whitespace)
        .or_else(|| number_start(rest))
    else {
        return false;
    };
    let Some(rest) = strip_number(rest.trim_start()) else {
        return false;
    };
    let rest = strip_total(rest);
    title_tail_ok(rest)
}

/// `Chapter3`, `Ch.3`: a number straight after the keyword.
fn number_start(rest: &str) -> Option<&str> {
    rest.starts_with(|c: char| c.is_ascii_digit())
        .then_some(rest)
}

/// `Prologue`, `Epilogue`, `Interlude`, alone or with a title.
fn named_marker(t: &str) -> bool {
    let word_end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    let word = t[..word_end].to_lowercase();
    matches!(word.as_str(), "prologue" | "epilogue" | "interlude")
        && title_tail_ok(strip_number(t[word_end..].trim_start()).unwrap_or(&t[word_end..]))
}

/// `~~ 4 ~~`, `-IV-`, `* 12 *`: a number with decoration on both sides.
fn decorated_number(text: &str, t: &str) -> bool {
    let starts = text.trim_start().starts_with(is_decoration);
    let ends = text.trim_end().ends_with(is_decoration);
    starts && ends && strip_number(t).is_some_and(|rest| rest.trim().is_empty())
}

/// After the number: nothing, a separator and a title, or a title that does not read like a
/// sentence (short, no closing full stop).
fn title_tail_ok(rest: &str) -> bool {
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    if let Some(title) = rest.strip_prefix([':', '.', '-', '–', '—', ')', '~', '|']) {
        return !title.trim().starts_with(char::is_lowercase) || title.trim().len() < 40;
    }
    let words = rest.split_whitespace().count();
    words <= 8 && !rest.ends_with(['.', ',', ';', '?', '!']) && !starts_like_prose(rest)
}

/// Words that continue a sentence rather than start a title: `Part 2 of the plan`.
fn starts_like_prose(rest: &str) -> bool {
    let first = rest.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(
        first.as_str(),
        "of" | "was"
            | "is"
            | "and"
            | "had"
            | "has"
            | "were"
            | "would"
            | "will"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "that"
            | "which"
            | "where"
            | "when"
    )
}

/// `/5`, ` of 5`, ` of Five` after the number.
fn strip_total(rest: &str) -> &str {
    if let Some(after) = rest.strip_prefix('/') {
        return strip_number(after.trim_start()).unwrap_or(rest);
    }
    let trimmed = rest.trim_start();
    if let Some(after) = trimmed
        .strip_prefix("of ")
        .or_else(|| trimmed.strip_prefix("Of "))
        && let Some(r) = strip_number(after.trim_start())
    {
        return r;
    }
    rest
}

/// A number at the start of `s` (digits, a roman numeral or English number words); the rest.
pub fn strip_number(s: &str) -> Option<&str> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 6 {
        let rest = &s[digits..];
        // `3a`, `3.5`: part of the number.
        let rest = rest
            .strip_prefix(|c: char| c.is_ascii_lowercase() && c != 'o')
            .unwrap_or(rest);
        return (!rest.starts_with(char::is_alphanumeric)).then_some(rest);
    }
    let word_end = s
        .find(|c: char| !c.is_alphabetic() && c != '-')
        .unwrap_or(s.len());
    let word = s[..word_end].trim_end_matches('-');
    let rest = &s[word.len()..];
    if is_roman(word) || is_number_words(word) {
        return Some(rest);
    }
    // `Twenty One`: two words.
    let mut parts = s.splitn(3, ' ');
    let (a, b) = (parts.next()?, parts.next()?);
    let b_end = b.find(|c: char| !c.is_alphabetic()).unwrap_or(b.len());
    if tens(&a.to_lowercase()).is_some() && units(&b[..b_end].to_lowercase()).is_some() {
        let used = a.len() + 1 + b_end;
        return s.get(used..);
    }
    None
}

/// `one`…`nineteen`, `twenty`…`ninety`, `twenty-one`, `hundred`, in any case.
fn is_number_words(word: &str) -> bool {
    let w = word.to_lowercase();
    if units(&w).is_some() || tens(&w).is_some() || w == "hundred" {
        return true;
    }
    match w.split_once('-') {
        Some((t, u)) => tens(t).is_some() && units(u).is_some_and(|n| n < 10),
        None => false,
    }
}

fn units(w: &str) -> Option<u32> {
    const UNITS: &[&str] = &[
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    UNITS.iter().position(|&u| u == w).map(|p| p as u32 + 1)
}

fn tens(w: &str) -> Option<u32> {
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    TENS.iter()
        .position(|&t| t == w)
        .map(|p| (p as u32 + 2) * 10)
}

/// A well-formed roman numeral (1–3999), all upper or all lower case.
fn is_roman(word: &str) -> bool {
    if word.is_empty() || word.len() > 15 {
        return false;
    }
    let upper = word.to_uppercase();
    if word != upper && word != word.to_lowercase() {
        return false;
    }
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let Some(values) = upper.chars().map(value).collect::<Option<Vec<u32>>>() else {
        return false;
    };
    let mut total = 0i64;
    for (i, &v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(&next) if next > v => total -= i64::from(v),
            _ => total += i64::from(v),
        }
    }
    // Only the canonical spelling of its value counts (rejects `IIII`, `VX`, `IC`).
    (1..4000).contains(&total) && to_roman(total as u32) == upper
}

fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_every_listed_form() {
        let cases = [
            ("Chapter 3", "Chapter 3"),
            ("Chapter Three", "Chapter Three"),
            ("CHAPTER III", "CHAPTER III"),
            ("Chapter 3: The Storm", "Chapter 3: The Storm"),
            ("Part 2/5", "Part 2/5"),
            ("Part Two", "Part Two"),
            ("Part 2 of 5", "Part 2 of 5"),
            ("~~ 4 ~~", "4"),
            ("*** Chapter 2 ***", "Chapter 2"),
            ("Chapter Twenty-One", "Chapter Twenty-One"),
            ("Chapter Twenty One - Home", "Chapter Twenty One - Home"),
            ("Ch. 7", "Ch. 7"),
            ("chapter 12", "chapter 12"),
            ("Prologue", "Prologue"),
            ("Epilogue: Ten Years Later", "Epilogue: Ten Years Later"),
            ("-IV-", "IV"),
            ("Chapter 4 The Long Night", "Chapter 4 The Long Night"),
        ];
        for (line, title) in cases {
            assert_eq!(chapter_marker(line).as_deref(), Some(title), "{line:?}");
        }
    }

    #[test]
    fn prose_is_not_a_marker() {
        for line in [
            "Part of me wanted to stay.",
            "Chapter and verse, she thought.",
            "Part 2 of the plan was simple.",
            "Part 2 of the plan",
            "4",
            "Book",
            "Chapter",
            "Chapters are hard",
            "Chapter 3 was where it all went wrong.",
            "Partly cloudy",
            "Book lovers unite",
            "I",
            "Volume up",
            "Chapter IIII",
        ] {
            assert_eq!(chapter_marker(line), None, "{line:?}");
        }
    }

    #[test]
    fn ficshelf_markers_are_strict() {
        assert_eq!(
            ficshelf_marker("Chapter 2: Undertow").as_deref(),
            Some("Chapter 2: Undertow")
        );
        assert_eq!(ficshelf_marker("Chapter 2").as_deref(), Some("Chapter 2"));
        assert_eq!(ficshelf_marker("Chapter Two"), None);
        assert_eq!(ficshelf_marker("Chapter 2 and more"), None);
    }

    #[test]
    fn roman_numerals() {
        for ok in ["I", "iv", "IX", "XIV", "MCMXCIV", "xl"] {
            assert!(is_roman(ok), "{ok}");
        }
        for bad in ["IIII", "VX", "IC", "Iv", "", "ABC"] {
            assert!(!is_roman(bad), "{bad}");
        }
    }
}
