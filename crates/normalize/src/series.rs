//! Series: a name and a position, from the shapes files write them in.
//!
//! `Name [N]`, `Name #N`, `Name, Part N` (also `Book`, `Volume`, `Story`, with `-` or `:`),
//! `Part N of Name`, `Book N of Name`, `Name (N)`, or a bare `Name` (no position). N may be
//! fractional (`1.5`, as calibre allows), a roman numeral (`Part II of …`) or a number word
//! (`Part Two of …`). Several series in one value are separated by `;` or by a new `Part N of`.

use std::sync::OnceLock;

use regex::Regex;

use crate::text::collapse;

/// One series reference as read: name, position, and the shape that read it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parsed {
    pub name: String,
    pub index: Option<f64>,
    pub rule: &'static str,
}

const NUM: &str = r"(\d+(?:\.\d+)?|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)";
const WORD: &str = r"(?:part|book|volume|vol\.?|story|installment|entry|episode|no\.?|number)";

struct Shapes {
    part_of: Regex,
    bracket: Regex,
    hash: Regex,
    name_part: Regex,
    paren: Regex,
    next_part_of: Regex,
}

fn shapes() -> &'static Shapes {
    static SHAPES: OnceLock<Shapes> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let re = |s: String| Regex::new(&s).expect("series patterns compile");
        Shapes {
            part_of: re(format!(
                r"(?i)^(?:{WORD}|#)\s*{NUM}(?:\s*(?:/|of)\s*\d+)?\s+(?:of|in)\s+(.+)$"
            )),
            bracket: re(format!(r"(?i)^(.+?)\s*\[\s*(?:{WORD}\s*)?#?\s*{NUM}\s*\]$")),
            hash: re(format!(r"(?i)^(.+?)\s*#\s*{NUM}$")),
            name_part: re(format!(
                r"(?i)^(.+?)\s*[,:\-–—]?\s+{WORD}\s*{NUM}(?:\s*(?:/|of)\s*\d+)?$"
            )),
            paren: re(format!(
                r"(?i)^(.+?)\s*\(\s*(?:{WORD}\s*)?#?\s*{NUM}(?:\s*(?:/|of)\s*\d+)?\s*\)$"
            )),
            next_part_of: re(format!(r"(?i),?\s+(?:{WORD})\s*{NUM}\s+of\s+")),
        }
    })
}

/// The value of a written number: digits, roman numerals up to C, number words up to twenty.
fn number(s: &str) -> Option<f64> {
    let s = s.to_lowercase();
    if let Ok(n) = s.parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    const WORDS: &[&str] = &[
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
        "twenty",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == s) {
        return Some(i as f64 + 1.0);
    }
    roman(&s).map(f64::from)
}

/// A roman numeral written the canonical way (so `iiii` and `ic` are not numbers).
pub(crate) fn roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let digits: Vec<i64> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= d,
            _ => total += d,
        }
    }
    let total = u32::try_from(total).ok()?;
    (total > 0 && to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    let table = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Parse a series value into one or more references.
pub(crate) fn parse(value: &str) -> Vec<Parsed> {
    let mut out = Vec::new();
    for piece in value.split(';') {
        for part in split_parts(piece) {
            if let Some(p) = one(&part) {
                out.push(p);
            }
        }
    }
    out
}

/// One reference that ficshelf's own pages wrote as a list item (`Name [2]`): never split at
/// `;` or at a second `Part N of` (see `RawField::one_item`).
pub(crate) fn parse_item(value: &str) -> Option<Parsed> {
    one(value)
}

/// `Part 1 of A, Part 3 of B` → the two references.
fn split_parts(piece: &str) -> Vec<String> {
    let sh = shapes();
    // Only a value that starts `Part N of` can hold a second `Part M of` (`Name: Part 2 of 5`
    // is one reference).
    if !sh.part_of.is_match(piece.trim()) {
        return vec![collapse(piece)];
    }
    let re = &sh.next_part_of;
    let mut cuts = vec![0];
    for m in re.find_iter(piece) {
        if m.start() > 0 {
            cuts.push(m.start());
        }
    }
    cuts.push(piece.len());
    cuts.windows(2)
        .map(|w| collapse(piece[w[0]..w[1]].trim_start_matches(',')))
        .filter(|s| !s.is_empty())
        .collect()
}

fn one(s: &str) -> Option<Parsed> {
    let s = collapse(s);
    if s.is_empty() {
        return None;
    }
    let sh = shapes();
    let tries: [(&Regex, bool, &'static str); 5] = [
        (&sh.part_of, true, "\"Part N of Name\""),
        (&sh.bracket, false, "\"Name [N]\""),
        (&sh.hash, false, "\"Name #N\""),
        (&sh.paren, false, "\"Name (N)\""),
        (&sh.name_part, false, "\"Name, Part N\""),
    ];
    for (re, number_first, rule) in tries {
        if let Some(c) = re.captures(&s) {
            let (num, name) = if number_first {
                (&c[1], &c[2])
            } else {
                (&c[2], &c[1])
            };
            let name = name.trim().trim_end_matches([',', ':', '-']).trim();
            if let (Some(index), false) = (number(num), name.is_empty()) {
                return Some(Parsed {
                    name: name.to_string(),
                    index: Some(index),
                    rule,
                });
            }
        }
    }
    Some(Parsed {
        name: s,
        index: None,
        rule: "name only",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<(String, Option<f64>)> {
        parse(s).into_iter().map(|p| (p.name, p.index)).collect()
    }

    #[test]
    fn an_item_is_one_reference() {
        let item = parse_item("Salt; Iron [2]").map(|p| (p.name, p.index));
        assert_eq!(item, Some(("Salt; Iron".to_string(), Some(2.0))));
        assert_eq!(p("Salt; Iron [2]").len(), 2, "a typed value is split at ;");
    }

    #[test]
    fn shapes_of_a_series() {
        let cases: &[(&str, &str, Option<f64>)] = &[
            ("Hellmouth Nights [2]", "Hellmouth Nights", Some(2.0)),
            ("Hellmouth Nights [Part 2]", "Hellmouth Nights", Some(2.0)),
            ("Hellmouth Nights #2", "Hellmouth Nights", Some(2.0)),
            ("Hellmouth Nights, Part 2", "Hellmouth Nights", Some(2.0)),
            ("Hellmouth Nights - Book 3", "Hellmouth Nights", Some(3.0)),
            (
                "Hellmouth Nights: Part 2 of 5",
                "Hellmouth Nights",
                Some(2.0),
            ),
            ("Hellmouth Nights Part 2", "Hellmouth Nights", Some(2.0)),
            ("Part 2 of Hellmouth Nights", "Hellmouth Nights", Some(2.0)),
            ("Book 3 of Hellmouth Nights", "Hellmouth Nights", Some(3.0)),
            ("Part II of Hellmouth Nights", "Hellmouth Nights", Some(2.0)),
            (
                "Part Two of Hellmouth Nights",
                "Hellmouth Nights",
                Some(2.0),
            ),
            (
                "Part 2/5 of Hellmouth Nights",
                "Hellmouth Nights",
                Some(2.0),
            ),
            ("Hellmouth Nights (2)", "Hellmouth Nights", Some(2.0)),
            ("Hellmouth Nights (Part 4)", "Hellmouth Nights", Some(4.0)),
            ("Hellmouth Nights [1.5]", "Hellmouth Nights", Some(1.5)),
            ("Hellmouth Nights", "Hellmouth Nights", None),
            ("Stargate SG-1 [3]", "Stargate SG-1", Some(3.0)),
            ("Blake's 7 Stories", "Blake's 7 Stories", None),
            ("[2]", "[2]", None),
        ];
        for (value, name, index) in cases {
            assert_eq!(p(value), vec![(name.to_string(), *index)], "{value:?}");
        }
    }

    #[test]
    fn several_series_in_one_value() {
        assert_eq!(
            p("Part 1 of Alpha, Part 3 of Beta Gamma"),
            vec![
                ("Alpha".into(), Some(1.0)),
                ("Beta Gamma".into(), Some(3.0))
            ]
        );
        assert_eq!(p("Alpha [1]; Beta [2]").len(), 2);
        assert!(p("  ;  ").is_empty());
    }

    #[test]
    fn roman_numerals_are_canonical() {
        assert_eq!(roman("iv"), Some(4));
        assert_eq!(roman("xiv"), Some(14));
        assert_eq!(roman("c"), Some(100));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("ic"), None);
        assert_eq!(roman(""), None);
        assert_eq!(roman("mix"), None);
    }
}
