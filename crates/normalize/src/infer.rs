//! Fandoms: named by a field, found in metadata text, or agreed on by characters.
//!
//! 1. A `Fandom` value (or a `Categories` value, or a `Source` that is not a URL) that the table
//!    knows becomes its canonical name (`BtVS` → `Buffy the Vampire Slayer`); crossovers written
//!    `BtVS/Highlander` or `BtVS x Highlander` are split when every part is known. A `Fandom`
//!    value the table does not know is kept as written.
//! 2. Only when no field names a fandom: names found as whole words in metadata text (spoilers,
//!    timeline, series, summary, title, disclaimer; never the story).
//! 3. Only when that finds nothing: two or more different characters of one fandom, from the
//!    characters and relationships fields, at least one of them distinctive (each name weighs
//!    1/k when k fandoms have a character of that name; the weights must reach 1). A fandom
//!    whose voters are a strict subset of another candidate's loses to it; candidates with
//!    exactly the same voters cannot be told apart and none is chosen (a diagnostic says so).

use std::collections::{BTreeSet, HashMap, HashSet};

use ficshelf_model::{FieldKey, RawField};

use crate::explain::Ctx;
use crate::fandoms::{Kind, Table, table};
use crate::fields::of;
use crate::relationships;
use crate::tagmap::TagKind;
use crate::tags::Item;
use crate::text::{Dedup, clip, fold};

/// A fandom found, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub name: String,
    pub rule: String,
}

/// Only the first this many different names vote: a work that names more says nothing more
/// about its fandom, and the vote stays cheap whatever a file holds.
pub(crate) const MAX_NAMES: usize = 100;

/// How many different characters must agree on a fandom.
pub(crate) const MIN_CHARACTERS: usize = 2;
/// How much they must weigh together: a name shared by k fandoms weighs 1/k, so `Alex` and
/// `Emily` (common everywhere) decide nothing, while `Castiel` (one fandom) and `Dean` do.
pub(crate) const MIN_WEIGHT: f64 = 1.0;

/// Words in a fandom value that mark a crossover rather than name a fandom.
const CROSSOVER_WORDS: &[&str] = &["crossover", "x-over", "xover", "cross-over", "fusion"];

fn describe(kind: Kind, written: &str) -> String {
    match kind {
        Kind::Name => "canonical name".to_string(),
        Kind::Alias => format!("alias {written:?}"),
        Kind::Cased => format!("abbreviation {written:?}"),
        Kind::Ambiguous => format!("name {written:?}"),
    }
}

/// The fandoms a fandom-field value names when the table knows it (whole, or every part of a
/// crossover). `None` when the table does not know it.
pub(crate) fn known(value: &str) -> Option<Vec<Found>> {
    known_in(table(), value)
}

pub(crate) fn known_in(t: &Table, value: &str) -> Option<Vec<Found>> {
    let found = |v: &str| {
        t.whole(v).map(|r| Found {
            name: t.name(r.fandom).to_string(),
            rule: describe(r.kind, &r.written),
        })
    };
    if let Some(f) = found(value) {
        return Some(vec![f]);
    }
    let mut stripped = value.to_string();
    for w in CROSSOVER_WORDS {
        let lower = stripped.to_lowercase();
        if let Some(i) = lower.find(w).filter(|_| lower.len() == stripped.len()) {
            stripped.replace_range(i..i + w.len(), " ");
        }
    }
    let stripped = stripped
        .trim()
        .trim_matches(|c: char| ":-–(),".contains(c))
        .trim();
    if stripped != value.trim()
        && let Some(f) = found(stripped)
    {
        return Some(vec![f]);
    }
    for sep in ["/", " x ", " X ", " & ", "+", " and ", " vs ", " vs. "] {
        let parts: Vec<&str> = stripped.split(sep).map(str::trim).collect();
        if parts.len() < 2 {
            continue;
        }
        let all: Option<Vec<Found>> = parts.iter().map(|p| found(p)).collect();
        if let Some(all) = all {
            return Some(all);
        }
    }
    None
}

/// Fandoms named in metadata text: `(fandom name, the words that named it)`, first mention
/// first, each fandom once.
pub(crate) fn in_text(text: &str) -> Vec<(String, String)> {
    in_text_of(table(), text)
}

pub(crate) fn in_text_of(t: &Table, text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for hit in t.scan(text) {
        let name = t.name(hit.fandom).to_string();
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, hit.words));
        }
    }
    out
}

/// What characters say about the fandom.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Votes {
    /// (fandom name, the names that agreed on it).
    pub fandoms: Vec<(String, Vec<String>)>,
    /// Fandoms that the same names agreed on equally, so none was chosen.
    pub undecided: Vec<(Vec<String>, Vec<String>)>,
}

/// Fandoms at least two different characters agree on.
pub(crate) fn from_characters(names: &[String]) -> Votes {
    from_characters_in(table(), names)
}

pub(crate) fn from_characters_in(t: &Table, names: &[String]) -> Votes {
    // For each fandom: the table characters matched, the names that matched, and their weight
    // (a name that could belong to k fandoms weighs 1/k).
    struct Tally {
        fandom: usize,
        chars: BTreeSet<usize>,
        voters: BTreeSet<usize>,
        weight: f64,
    }
    let mut per: Vec<Tally> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for (n, name) in names.iter().enumerate() {
        let matches = t.characters_named(name);
        let fandoms: BTreeSet<usize> = matches.iter().map(|(f, _)| *f).collect();
        let weight = 1.0 / fandoms.len().max(1) as f64;
        for (f, c) in matches {
            let tally = match index.get(&f) {
                Some(&i) => &mut per[i],
                None => {
                    index.insert(f, per.len());
                    per.push(Tally {
                        fandom: f,
                        chars: BTreeSet::new(),
                        voters: BTreeSet::new(),
                        weight: 0.0,
                    });
                    let last = per.len() - 1;
                    &mut per[last]
                }
            };
            tally.chars.insert(c);
            if tally.voters.insert(n) {
                tally.weight += weight;
            }
        }
    }
    let candidates: Vec<&Tally> = per
        .iter()
        .filter(|p| {
            p.chars.len() >= MIN_CHARACTERS
                && p.voters.len() >= MIN_CHARACTERS
                && p.weight >= MIN_WEIGHT
        })
        .collect();
    let mut votes = Votes::default();
    let mut undecided_seen: Vec<&BTreeSet<usize>> = Vec::new();
    for cand in &candidates {
        let voters = &cand.voters;
        let beaten = candidates
            .iter()
            .any(|o| voters.is_subset(&o.voters) && *voters != o.voters);
        if beaten {
            continue;
        }
        let ties: Vec<usize> = candidates
            .iter()
            .filter(|o| o.voters == *voters)
            .map(|o| o.fandom)
            .collect();
        let voter_names: Vec<String> = voters
            .iter()
            .filter_map(|&i| names.get(i).cloned())
            .collect();
        if ties.len() > 1 {
            if !undecided_seen.contains(&voters) {
                undecided_seen.push(voters);
                let fandoms = ties.iter().map(|&g| t.name(g).to_string()).collect();
                votes.undecided.push((fandoms, voter_names));
            }
            continue;
        }
        votes
            .fandoms
            .push((t.name(cand.fandom).to_string(), voter_names));
    }
    votes
}

/// Fandoms from metadata text, then from characters (see `infer`).
pub(crate) fn infer_fandoms(fields: &[RawField], items: &mut Vec<Item>, ctx: &mut Ctx) {
    let text_keys = |k: &FieldKey| match k {
        FieldKey::Title | FieldKey::Series | FieldKey::Summary => true,
        FieldKey::Extra(n) => matches!(n.as_str(), "Spoilers" | "Timeline" | "Disclaimer"),
        _ => false,
    };
    let mut found = Dedup::default();
    for f in fields.iter().filter(|f| text_keys(&f.key)) {
        for (name, words) in in_text(&f.value) {
            if !found.first(&name) {
                continue;
            }
            let rule = format!("{}: {words:?}", fold(&f.label));
            ctx.info(format!("fandom {name:?} inferred from {rule}"));
            ctx.note("fandoms", &clip(&f.value, 120), &f.origin, &name, &rule);
            items.push(Item::new(TagKind::Fandom, name, &words, &f.origin, &rule));
        }
    }
    if items.iter().any(|i| i.kind == TagKind::Fandom) {
        return;
    }
    let mut names: Vec<(String, String)> = Vec::new();
    let mut seen = Dedup::default();
    for i in items.iter() {
        let people = match i.kind {
            TagKind::Character => vec![i.value.clone()],
            TagKind::Relationship => relationships::names(&i.value),
            _ => continue,
        };
        for p in people {
            if names.len() < MAX_NAMES && seen.first(&p) {
                names.push((p, i.origin.clone()));
            }
        }
    }
    let just_names: Vec<String> = names.iter().map(|(n, _)| n.clone()).collect();
    let votes = from_characters(&just_names);
    for (name, voters) in votes.fandoms {
        let voter_set: HashSet<&String> = voters.iter().collect();
        let mut origins: Vec<String> = Vec::new();
        let mut seen_origins: HashSet<&str> = HashSet::new();
        for (n, o) in &names {
            if voter_set.contains(n) && seen_origins.insert(o.as_str()) {
                origins.push(o.clone());
            }
        }
        let rule = format!("characters: {}", voters.join(", "));
        ctx.info(format!("fandom {name:?} inferred from {rule}"));
        ctx.note(
            "fandoms",
            &voters.join(", "),
            &origins.join("; "),
            &name,
            &rule,
        );
        items.push(Item::new(
            TagKind::Fandom,
            name,
            &voters.join(", "),
            &origins.join("; "),
            &rule,
        ));
    }
    for (fandoms, voters) in votes.undecided {
        ctx.info(format!(
            "characters {} fit {} equally; no fandom chosen",
            voters.join(", "),
            fandoms.join(" and ")
        ));
    }
}

/// When the file names no characters, the people in its relationships are its characters.
pub(crate) fn characters_from_relationships(
    fields: &[RawField],
    items: &mut Vec<Item>,
    ctx: &mut Ctx,
) {
    if of(fields, &FieldKey::Characters).any(|f| !f.value.trim().is_empty()) {
        return;
    }
    let mut added = Vec::new();
    for i in items.iter().filter(|i| i.kind == TagKind::Relationship) {
        for name in relationships::names(&i.value) {
            let rule = "named in a relationship";
            ctx.note("characters", &i.value, &i.origin, &name, rule);
            added.push(Item::new(
                TagKind::Character,
                name,
                &i.value,
                &i.origin,
                rule,
            ));
        }
    }
    if !added.is_empty() {
        ctx.info("no characters field: the characters are the people named in the relationships");
        items.extend(added);
    }
}

#[cfg(test)]
mod tests;
