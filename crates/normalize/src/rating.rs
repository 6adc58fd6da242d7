//! Ratings: every scale fan fiction has used, mapped onto AO3's five.
//!
//! A rating value is cleaned of its noise (`Rated:`, brackets, a parenthesis, `for language`),
//! then its *leading words* are looked up in [`ROWS`]. Only whole leading words count: AO3's own
//! importer mapped anything that merely *starts with* "m" or "r" to Mature, so "Minor" and
//! "Romance" became ratings; here they are not ratings at all. A value that names two ratings
//! (`PG-13/R`, `PG-13 to R`) gets the higher one.

use std::collections::HashMap;
use std::sync::OnceLock;

use ficshelf_model::Ao3Rating;

use crate::text::unwrap_pair;

use Ao3Rating::{Explicit, General, Mature, NotRated, Teen};

/// One row of the rating table: a value as written (any case, spaces, hyphens and dots do not
/// matter), what it means on AO3's scale, and the scale it belongs to.
pub(crate) struct Row {
    pub written: &'static str,
    pub ao3: Ao3Rating,
    pub scale: &'static str,
}

const fn row(written: &'static str, ao3: Ao3Rating, scale: &'static str) -> Row {
    Row {
        written,
        ao3,
        scale,
    }
}

/// The rating table. To add an alias, add a row; the tests check every row maps as listed.
pub(crate) const ROWS: &[Row] = &[
    // AO3's own names.
    row("General Audiences", General, "AO3"),
    row("Teen And Up Audiences", Teen, "AO3"),
    row("Teen And Up", Teen, "AO3"),
    row("Mature", Mature, "AO3"),
    row("Explicit", Explicit, "AO3"),
    row("Not Rated", NotRated, "AO3"),
    row("E", Explicit, "AO3 symbol"),
    // The classic film scale and its variants.
    row("G", General, "classic"),
    row("PG", General, "classic"),
    row("PG-13", Teen, "classic"),
    row("PG-15", Teen, "classic"),
    row("PG-16", Mature, "classic"),
    row("R", Mature, "classic"),
    row("R+", Mature, "classic"),
    row("NC-17", Explicit, "classic"),
    row("NC-18", Explicit, "classic"),
    row("NC-21", Explicit, "classic"),
    row("X", Explicit, "classic"),
    row("XX", Explicit, "classic"),
    row("XXX", Explicit, "classic"),
    // FanFiction.net (also written `Fiction K+`).
    row("K", General, "FanFiction.net"),
    row("K+", General, "FanFiction.net"),
    row("T", Teen, "FanFiction.net"),
    row("M", Mature, "FanFiction.net"),
    row("MA", Explicit, "FanFiction.net"),
    // Twisting the Hellmouth's FR scale.
    row("FR7", General, "Twisting the Hellmouth"),
    row("FR13", Teen, "Twisting the Hellmouth"),
    row("FR15", Teen, "Twisting the Hellmouth"),
    row("FR18", Mature, "Twisting the Hellmouth"),
    row("FR21", Explicit, "Twisting the Hellmouth"),
    // Ages.
    row("All ages", General, "ages"),
    row("7+", General, "ages"),
    row("9+", General, "ages"),
    row("10+", General, "ages"),
    row("12+", Teen, "ages"),
    row("13+", Teen, "ages"),
    row("14+", Teen, "ages"),
    row("15+", Teen, "ages"),
    row("16+", Mature, "ages"),
    row("17+", Mature, "ages"),
    row("18+", Explicit, "ages"),
    row("21+", Explicit, "ages"),
    row("13", Teen, "ages"),
    row("15", Teen, "ages"),
    row("17", Mature, "ages"),
    row("18", Explicit, "ages"),
    row("Adults only", Explicit, "ages"),
    row("Adult only", Explicit, "ages"),
    // Words.
    row("General", General, "words"),
    row("Everyone", General, "words"),
    row("Gen", General, "words"),
    row("Teen", Teen, "words"),
    row("Teens", Teen, "words"),
    row("Older teens", Teen, "words"),
    row("Mature adults", Explicit, "words"),
    row("Mature adult", Explicit, "words"),
    row("Adult", Explicit, "words"),
    row("Adults", Explicit, "words"),
    row("Adult content", Explicit, "words"),
    row("Unrated", NotRated, "words"),
    row("None", NotRated, "words"),
    row("N/A", NotRated, "words"),
];

/// What a rating value means, and the rule that said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RatingMatch {
    pub ao3: Ao3Rating,
    pub rule: String,
}

/// The rating table key of a piece of text: lower case, letters, digits and `+` only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .flat_map(char::to_lowercase)
        .collect()
}

fn lookup(squashed: &str) -> Option<&'static Row> {
    static KEYS: OnceLock<HashMap<String, &'static Row>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| ROWS.iter().map(|r| (squash(r.written), r)).collect());
    if squashed.is_empty() {
        return None;
    }
    // `NC-17+` is NC-17; `K+` and `13+` are rows of their own and are found first.
    let find = |k: &str| keys.get(k).copied();
    find(squashed).or_else(|| squashed.strip_suffix('+').and_then(find))
}

/// Map a rating as written. `None` when nothing in it is a rating.
pub(crate) fn map(raw: &str) -> Option<RatingMatch> {
    let whole = unwrap_pair(raw);
    if let Some(row) = lookup(&squash(whole)) {
        return Some(found(&[(row, whole)]));
    }
    let cleaned = clean(raw);
    if let Some(row) = lookup(&squash(&cleaned)) {
        return Some(found(&[(row, cleaned.as_str())]));
    }
    let mut hits: Vec<(&Row, &str)> = Vec::new();
    for segment in segments(&cleaned) {
        if let Some(hit) = leading_rating(segment) {
            hits.push(hit);
        }
    }
    if hits.is_empty() {
        None
    } else {
        Some(found(&hits))
    }
}

/// Several ratings in one value: the highest wins (`Not Rated` only when it is alone).
fn found(hits: &[(&'static Row, &str)]) -> RatingMatch {
    let rank = |r: Ao3Rating| match r {
        NotRated => 0,
        General => 1,
        Teen => 2,
        Mature => 3,
        Explicit => 4,
    };
    let best = hits
        .iter()
        .max_by_key(|(row, _)| rank(row.ao3))
        .map(|(row, _)| row.ao3);
    let ao3 = best.unwrap_or(NotRated);
    let words: Vec<String> = hits.iter().map(|(_, w)| format!("{w:?}")).collect();
    let scale = hits
        .iter()
        .find(|(row, _)| row.ao3 == ao3)
        .map_or("", |(row, _)| row.scale);
    let rule = if hits.len() > 1 {
        format!("{scale} scale: {} (the highest)", words.join(", "))
    } else {
        format!("{scale} scale: {}", words.join(", "))
    };
    RatingMatch { ao3, rule }
}

/// The rating at the start of a segment: the longest run of up to four leading words that is a
/// row (`mature adults` before `mature`; `R` in `R for language`).
fn leading_rating(segment: &str) -> Option<(&'static Row, &str)> {
    let words: Vec<(usize, &str)> = segment
        .split_whitespace()
        .take(4)
        .map(|w| (w.as_ptr() as usize - segment.as_ptr() as usize, w))
        .collect();
    for n in (1..=words.len().min(4)).rev() {
        let (start, _) = words[0];
        let (last_start, last) = words[n - 1];
        let span = segment[start..last_start + last.len()].trim_end_matches(['.', ':', '!', ',']);
        if let Some(row) = lookup(&squash(span)) {
            return Some((row, span));
        }
    }
    None
}

/// Remove the noise around a rating: a `Rated:`/`Rating:`/`Fiction` prefix, a `-rated` suffix,
/// one pair of brackets around the whole, and any parenthesis (`PG-13 (for violence)`).
fn clean(raw: &str) -> String {
    let mut v = unwrap_pair(raw).to_string();
    loop {
        let lower = v.to_lowercase();
        let prefix = ["rated", "rating", "fiction", "age", "ages"]
            .into_iter()
            .find(|p| {
                lower.starts_with(p)
                    && lower[p.len()..].starts_with(|c: char| c.is_whitespace() || c == ':')
            });
        match prefix {
            Some(p) => {
                v = v[p.len()..]
                    .trim_start_matches([' ', ':', '\t'])
                    .to_string()
            }
            None => break,
        }
    }
    let lower = v.to_lowercase();
    for suffix in ["-rated", " rated"] {
        if lower.ends_with(suffix) {
            v.truncate(v.len() - suffix.len());
            break;
        }
    }
    let v = unwrap_pair(&v).to_string();
    strip_brackets(&v).trim().to_string()
}

/// `s` without any bracketed group (and what is inside it).
fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The parts of a value that may each name a rating: `PG-13/R`, `PG-13 to R`, `G - PG`.
fn segments(s: &str) -> Vec<&str> {
    // Lower-cased once (ASCII only, so offsets stay valid), then cut at each separator.
    let lower = s.to_ascii_lowercase();
    let seps = ["/", ",", ";", "|", " to ", " - ", " or ", " – "];
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < lower.len() {
        match seps.iter().find(|sep| lower[i..].starts_with(*sep)) {
            Some(sep) => {
                out.push(s[start..i].trim());
                i += sep.len();
                start = i;
            }
            None => i += lower[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push(s[start..].trim());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_maps_as_listed() {
        for row in ROWS {
            let got = map(row.written).unwrap_or_else(|| panic!("{:?} unmapped", row.written));
            assert_eq!(got.ao3, row.ao3, "{:?}", row.written);
            let lower = map(&row.written.to_lowercase()).map(|m| m.ao3);
            assert_eq!(lower, Some(row.ao3), "lower-case {:?}", row.written);
        }
    }

    #[test]
    fn no_two_rows_share_a_key() {
        let mut keys: Vec<String> = ROWS.iter().map(|r| squash(r.written)).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before);
    }

    #[test]
    fn noise_around_ratings() {
        let cases = [
            ("R for language", Mature),
            ("NC17", Explicit),
            ("nc 17", Explicit),
            ("[R]", Mature),
            ("(PG-13)", Teen),
            ("Rated: PG13", Teen),
            ("Rated R", Mature),
            ("PG-13 (for violence)", Teen),
            ("Fiction K+", General),
            ("Fiction M", Mature),
            ("mature adults", Explicit),
            ("Mature Adults Only", Explicit),
            ("adults only", Explicit),
            ("R-rated", Mature),
            ("PG-13/R", Mature),
            ("PG-13 to R", Mature),
            ("G - PG", General),
            ("R. Sexual content.", Mature),
            ("M for Mature", Mature),
            ("T (teen)", Teen),
            ("18+ only", Explicit),
            ("Ages 13+", Teen),
            ("Teen And Up Audiences", Teen),
            ("NC-17+", Explicit),
            ("  pg  ", General),
        ];
        for (raw, want) in cases {
            assert_eq!(map(raw).map(|m| m.ao3), Some(want), "{raw:?}");
        }
    }

    #[test]
    fn words_that_merely_start_like_ratings_are_not_ratings() {
        for raw in [
            "Minor",
            "Romance",
            "Mild",
            "Rude",
            "Teenage drama",
            "Generally fine",
            "Xanderfic",
            "Ma'am",
            "Gore",
            "",
            "   ",
            "???",
            "Kinky",
        ] {
            assert_eq!(map(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn segments_split_at_every_separator() {
        assert_eq!(segments("PG-13/R"), vec!["PG-13", "R"]);
        assert_eq!(
            segments("G - PG to R, NC-17"),
            vec!["G", "PG", "R", "NC-17"]
        );
        assert_eq!(segments("É – R"), vec!["É", "R"]);
        assert_eq!(segments(""), vec![""]);
    }

    #[test]
    fn rules_name_the_scale_and_the_words() {
        assert_eq!(map("R for language").unwrap().rule, "classic scale: \"R\"");
        assert_eq!(
            map("Fiction T").unwrap().rule,
            "FanFiction.net scale: \"T\""
        );
        assert!(map("PG-13/R").unwrap().rule.contains("highest"));
        assert_eq!(map("None").unwrap().ao3, NotRated);
    }
}
