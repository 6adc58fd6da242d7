//! Relationships: pairing fields split into AO3-style relationship tags.
//!
//! A value is split on commas, semicolons and ` and ` (so `Buffy/Angel and Spike/Drusilla` is
//! two); `/` (romantic) and `&` (AO3's platonic marker) stay inside a relationship, with their
//! spacing normalized (`Spike / Buffy` → `Spike/Buffy`, `A&B` → `A & B`). Anime-style `A x B`
//! becomes `A/B`, and `Spike and Buffy` with no marker at all is read as one pairing.
//! Qualifiers (`some`, `implied`, `past`, `(one-sided)`…) are stripped into AO3-style
//! additional tags ([`QUALIFIERS`]). An item that names one person only is a character; a
//! category word (`slash`, `gen`) is a category; `none` is nothing.

use ficshelf_model::Category;

use crate::category;
use crate::text::{Seps, collapse, fold, split_top};

/// Qualifier words and the additional tag each one becomes.
pub(crate) const QUALIFIERS: &[(&str, &str)] = &[
    ("implied", "Implied Relationship(s)"),
    ("implicit", "Implied Relationship(s)"),
    ("hinted", "Implied Relationship(s)"),
    ("hints of", "Implied Relationship(s)"),
    ("hint of", "Implied Relationship(s)"),
    ("a hint of", "Implied Relationship(s)"),
    ("hints at", "Implied Relationship(s)"),
    ("subtext", "Implied Relationship(s)"),
    ("past", "Past Relationship(s)"),
    ("former", "Past Relationship(s)"),
    ("previous", "Past Relationship(s)"),
    ("background", "Background Relationship(s)"),
    ("bg", "Background Relationship(s)"),
    ("side", "Background Relationship(s)"),
    ("some", "Minor Relationship(s)"),
    ("slight", "Minor Relationship(s)"),
    ("minor", "Minor Relationship(s)"),
    ("a little", "Minor Relationship(s)"),
    ("a bit of", "Minor Relationship(s)"),
    ("eventual", "Eventual Relationship(s)"),
    ("eventually", "Eventual Relationship(s)"),
    ("pre-", "Pre-Relationship"),
    ("pre", "Pre-Relationship"),
    ("one-sided", "One-sided Relationship(s)"),
    ("one sided", "One-sided Relationship(s)"),
    ("onesided", "One-sided Relationship(s)"),
    ("unrequited", "Unrequited Love"),
    ("mentions of", "Mentioned Relationship(s)"),
    ("mention of", "Mentioned Relationship(s)"),
    ("mentioned", "Mentioned Relationship(s)"),
    ("references to", "Mentioned Relationship(s)"),
    ("reference to", "Mentioned Relationship(s)"),
    ("referenced", "Mentioned Relationship(s)"),
    ("established", "Established Relationship"),
    ("possible", "Ambiguous Relationship(s)"),
    ("possibly", "Ambiguous Relationship(s)"),
    ("maybe", "Ambiguous Relationship(s)"),
    ("sort of", "Ambiguous Relationship(s)"),
    ("kind of", "Ambiguous Relationship(s)"),
    ("ambiguous", "Ambiguous Relationship(s)"),
];

/// How many qualifiers one relationship may carry.
const MAX_QUALIFIERS: usize = 6;

/// Words that make a pairing platonic (`Buffy/Willow friendship` → `Buffy & Willow`).
const PLATONIC: &[&str] = &[
    "friendship",
    "platonic",
    "friends",
    "(friendship)",
    "(platonic)",
];

/// Pairing values that name no relationship.
const NOTHING: &[&str] = &[
    "none",
    "n/a",
    "na",
    "no pairing",
    "no pairings",
    "no romance",
    "no ship",
    "no ships",
    "nobody",
    "none really",
    "none yet",
    "not applicable",
    "no relationships",
    "-",
    "nil",
];

/// What one item of a pairing field became.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Relationship {
        value: String,
        tags: Vec<&'static str>,
        rule: String,
    },
    /// Only qualifiers (`, implied`): their tags belong to the work.
    Tags(Vec<&'static str>),
    /// One person only: a character.
    Character(String),
    Category(Category, String),
    Nothing,
}

/// Split and clean a pairing value; each piece with the item it came from. A value marked up
/// as one item (`one_item`) is read whole.
pub(crate) fn parse(value: &str, one_item: bool) -> Vec<(String, Piece)> {
    if one_item {
        let value = collapse(value);
        return vec![(value.clone(), item(&value))];
    }
    let mut out = Vec::new();
    for piece in split_top(value, Seps::PUNCT) {
        let and_parts = split_top(
            &piece,
            Seps {
                and: true,
                ..Seps::PUNCT
            },
        );
        let marked = and_parts.iter().any(|p| has_marker(p));
        if and_parts.len() == 2 && !marked {
            // `Spike and Buffy`: the field says they are a pair.
            let joined = and_parts.join("/");
            let mut p = item(&joined);
            if let Piece::Relationship { rule, .. } = &mut p {
                *rule = format!("\"and\" between two names read as a pairing; {rule}");
            }
            out.push((piece.clone(), p));
            continue;
        }
        for part in and_parts {
            out.push((part.clone(), item(&part)));
        }
    }
    out
}

/// The people a relationship names (`A/B & C` → A, B, C).
pub(crate) fn names(relationship: &str) -> Vec<String> {
    relationship
        .split(['/', '&'])
        .map(collapse)
        .filter(|n| !n.is_empty())
        .collect()
}

fn has_marker(s: &str) -> bool {
    s.contains(['/', '&', '×']) || x_marker(s).is_some()
}

/// The byte range of an ` x ` pairing marker (`Naruto x Sasuke`).
fn x_marker(s: &str) -> Option<(usize, usize)> {
    let lower = s.to_ascii_lowercase();
    lower.find(" x ").map(|i| (i, i + 3))
}

fn item(raw: &str) -> Piece {
    let mut tags = Vec::new();
    let mut rest = raw.trim().trim_end_matches('.').trim().to_string();
    let mut platonic = false;
    // A handful of qualifiers at most (`past implied …`): bounded, so a hostile value stays linear.
    for _ in 0..MAX_QUALIFIERS {
        let folded = fold(&rest);
        if let Some((_, tag)) = QUALIFIERS.iter().find(|(q, _)| *q == folded) {
            // `, implied` after a relationship: a qualifier standing alone.
            tags.push(*tag);
            rest.clear();
            break;
        }
        if let Some((tag, len)) = leading_qualifier(&rest) {
            tags.push(tag);
            rest = rest[len..].trim_start().to_string();
            continue;
        }
        if let Some((tag, start)) = trailing_qualifier(&rest) {
            tags.extend(tag);
            platonic |= tag.is_none();
            rest = rest[..start].trim_end().to_string();
            continue;
        }
        break;
    }
    if let Some(after) = strip_prefix_ci(&rest, "friendship:") {
        platonic = true;
        rest = after.trim().to_string();
    }
    if rest.is_empty() {
        return if tags.is_empty() {
            Piece::Nothing
        } else {
            Piece::Tags(tags)
        };
    }
    if NOTHING.contains(&fold(&rest).as_str()) {
        return Piece::Nothing;
    }
    if let Some((c, rule)) = category::map(&rest) {
        return Piece::Category(c, rule);
    }
    let mut rule = String::new();
    let mut value = rest.clone();
    if !value.contains(['/', '&'])
        && let Some(v) = x_pairing(&value)
    {
        value = v;
        rule = "\"x\" read as \"/\"".into();
    }
    if platonic {
        value = value.replace('/', "&");
        rule = join_rule(rule, "friendship read as \"&\"");
    }
    let names = names(&value);
    if names.len() < 2 {
        return Piece::Character(names.into_iter().next().unwrap_or(rest));
    }
    let value = spaced(&value);
    if !tags.is_empty() {
        rule = join_rule(
            rule,
            &format!("qualifiers stripped into {}", tags.join(", ")),
        );
    }
    Piece::Relationship { value, tags, rule }
}

fn join_rule(a: String, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}; {b}")
    }
}

/// `A x B` or `A × B` → `A/B`.
fn x_pairing(s: &str) -> Option<String> {
    let parts: Vec<String> = if s.contains('×') {
        s.split('×').map(collapse).collect()
    } else {
        // ASCII lower-casing keeps byte offsets, so the markers found apply to `s`.
        let lower = s.to_ascii_lowercase();
        let mut parts = Vec::new();
        let mut start = 0;
        for (i, _) in lower.match_indices(" x ") {
            if i >= start {
                parts.push(collapse(&s[start..i]));
                start = i + 3;
            }
        }
        if parts.is_empty() {
            return None;
        }
        parts.push(collapse(&s[start..]));
        parts
    };
    parts.iter().all(|p| !p.is_empty()).then(|| parts.join("/"))
}

/// Canonical spacing: none around `/`, one space around `&`; empty names dropped.
fn spaced(s: &str) -> String {
    let mut out = String::new();
    for (i, platonic_group) in s
        .split('&')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push_str(" & ");
        }
        let names: Vec<String> = platonic_group
            .split('/')
            .map(collapse)
            .filter(|n| !n.is_empty())
            .collect();
        out.push_str(&names.join("/"));
    }
    out
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A qualifier at the start: the tag and how many bytes to drop.
fn leading_qualifier(s: &str) -> Option<(&'static str, usize)> {
    QUALIFIERS.iter().find_map(|(q, tag)| {
        let after = strip_prefix_ci(s, q)?;
        let ok = if q.ends_with('-') {
            after.starts_with(|c: char| !c.is_whitespace())
        } else {
            after.starts_with(char::is_whitespace)
        };
        ok.then_some((*tag, q.len()))
    })
}

/// A qualifier at the end, in brackets or after a dash: `(implied)`, `[past]`, `- one-sided`.
/// The tag is `None` for a platonic marker. Returns where the qualifier starts.
fn trailing_qualifier(s: &str) -> Option<(Option<&'static str>, usize)> {
    let t = s.trim_end();
    let (inner, start) = if let Some(body) = t.strip_suffix(')').or_else(|| t.strip_suffix(']')) {
        let open = body.rfind(['(', '['])?;
        (&body[open + 1..], open)
    } else if let Some(dash) = t.rfind(" - ") {
        (&t[dash + 3..], dash)
    } else {
        let space = t.rfind(' ')?;
        let word = &t[space + 1..];
        // Only platonic words and adverbs stand after a relationship without brackets.
        if !matches!(
            fold(word).as_str(),
            "friendship" | "platonic" | "eventually"
        ) {
            return None;
        }
        (word, space)
    };
    let folded = fold(inner);
    if PLATONIC.contains(&folded.as_str()) {
        return Some((None, start));
    }
    QUALIFIERS
        .iter()
        .find(|(q, _)| *q == folded)
        .map(|(_, tag)| (Some(*tag), start))
}

#[cfg(test)]
mod tests;
