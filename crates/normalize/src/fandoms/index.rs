//! The fandom table's look-up index, built from the entries of `data/fandoms.toml`.
//!
//! This file is compiled twice: by `build.rs`, which builds the index of the shipped table once
//! and writes it out as static sorted arrays (so a process pays nothing to load it), and into
//! the crate, where tests build indexes of their own tables and check that the generated one is
//! the one this code builds. It depends only on `crate::text` (also compiled into the build
//! script), `serde` and `toml`.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::text::{cased_key, key};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub cased: Vec<String>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
    #[serde(default)]
    pub characters: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    fandom: Vec<Entry>,
}

/// How a name in the table was written (`name`, `alias`, `cased`, `ambiguous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Name,
    Alias,
    Cased,
    Ambiguous,
}

/// A name of a fandom: which one, and as the table writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    pub fandom: usize,
    pub written: String,
    pub kind: Kind,
}

/// (fandom, character) pairs in table order.
pub(crate) type Characters = Vec<(usize, usize)>;

/// Every look-up the normalizer makes, each a list sorted by key (unique keys).
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Every name of every kind, by key: for whole fandom-field values.
    pub whole: Vec<(String, Name)>,
    /// `name` and `aliases` by key: for free text.
    pub free: Vec<(String, Name)>,
    /// `cased` names by cased key.
    pub cased: Vec<(String, Name)>,
    /// `ambiguous` names by cased key.
    pub ambiguous: Vec<(String, Name)>,
    /// First tokens of every free-text name (lower-case and cased), each with the most tokens
    /// a name starting with it has: most positions of a text are skipped, and the others are
    /// tried only as far as a name could reach.
    pub starts: Vec<(String, usize)>,
    /// Character names by key.
    pub chars_full: Vec<(String, Characters)>,
    /// First and last words of multi-word character names.
    pub chars_short: Vec<(String, Characters)>,
}

/// Words that never stand for a character on their own.
const NOT_A_NAME: &[&str] = &[
    "the",
    "of",
    "and",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "doctor",
    "sir",
    "lady",
    "lord",
    "king",
    "queen",
    "prince",
    "princess",
    "captain",
    "commander",
    "general",
    "agent",
    "detective",
    "professor",
    "father",
    "mother",
    "uncle",
    "aunt",
    "jr",
    "sr",
    "saint",
    "major",
    "sergeant",
    "lieutenant",
    "chief",
    "little",
    "big",
    "young",
    "old",
    "van",
    "von",
    "der",
    "del",
    "de",
    "la",
    "le",
    "da",
    "di",
    "mc",
    "mac",
    "san",
    "kun",
    "chan",
    "sama",
    "senpai",
    "ii",
    "iii",
];

/// The entries of a table file.
pub(crate) fn parse(toml_text: &str) -> Result<Vec<Entry>, String> {
    let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
    Ok(file.fandom)
}

/// While building: the maps, filled in table order.
#[derive(Default)]
struct Maps {
    whole: HashMap<String, Name>,
    free: HashMap<String, Name>,
    cased: HashMap<String, Name>,
    ambiguous: HashMap<String, Name>,
    starts: HashMap<String, usize>,
}

/// Index `fandoms`; refuses a name with no letters and a key that names two fandoms.
pub(crate) fn build(fandoms: &[Entry]) -> Result<Index, String> {
    let mut m = Maps::default();
    for (i, f) in fandoms.iter().enumerate() {
        // A name also listed as cased or ambiguous (`One Piece`, `Free!`) is not safe in
        // free text without its case or a media word: it keeps only the stricter kind.
        let strict: HashSet<String> = f.cased.iter().chain(&f.ambiguous).map(|n| key(n)).collect();
        let names = std::iter::once((&f.name, Kind::Name))
            .chain(f.aliases.iter().map(|a| (a, Kind::Alias)))
            .filter(|(n, _)| !strict.contains(&key(n)))
            .chain(f.cased.iter().map(|a| (a, Kind::Cased)))
            .chain(f.ambiguous.iter().map(|a| (a, Kind::Ambiguous)));
        for (written, kind) in names {
            m.add_name(i, written, kind, fandoms)?;
        }
    }
    let mut full: HashMap<String, Characters> = HashMap::new();
    let mut short: HashMap<String, Characters> = HashMap::new();
    for (f, fandom) in fandoms.iter().enumerate() {
        for (c, name) in fandom.characters.iter().enumerate() {
            add_character(&mut full, &mut short, f, c, name);
        }
    }
    Ok(Index {
        whole: sorted(m.whole),
        free: sorted(m.free),
        cased: sorted(m.cased),
        ambiguous: sorted(m.ambiguous),
        starts: sorted(m.starts),
        chars_full: sorted(full),
        chars_short: sorted(short),
    })
}

fn sorted<T>(map: HashMap<String, T>) -> Vec<(String, T)> {
    let mut v: Vec<(String, T)> = map.into_iter().collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

impl Maps {
    fn add_name(
        &mut self,
        i: usize,
        written: &str,
        kind: Kind,
        all: &[Entry],
    ) -> Result<(), String> {
        let k = key(written);
        let fandom_name = |j: usize| all.get(j).map_or("", |f| f.name.as_str());
        if k.is_empty() {
            return Err(format!(
                "{:?}: the name {written:?} has no letters",
                fandom_name(i)
            ));
        }
        let r = Name {
            fandom: i,
            written: written.to_string(),
            kind,
        };
        match self.whole.get(&k) {
            Some(prev) if prev.fandom != i => {
                return Err(format!(
                    "{written:?} names both {:?} and {:?}",
                    fandom_name(prev.fandom),
                    fandom_name(i)
                ));
            }
            Some(_) => {}
            None => {
                self.whole.insert(k.clone(), r.clone());
            }
        }
        let n = k.split(' ').count();
        // Free-text names by their key, the others by their cased key; a later spelling of the
        // same key replaces an earlier one (both name the same fandom).
        let (map, k) = match kind {
            Kind::Name | Kind::Alias => (&mut self.free, k),
            Kind::Cased => (&mut self.cased, cased_key(written)),
            Kind::Ambiguous => (&mut self.ambiguous, cased_key(written)),
        };
        let first = k.split(' ').next().unwrap_or_default().to_string();
        let longest = self.starts.entry(first).or_default();
        *longest = (*longest).max(n);
        map.insert(k, r);
        Ok(())
    }
}

fn add_character(
    full: &mut HashMap<String, Characters>,
    short: &mut HashMap<String, Characters>,
    f: usize,
    c: usize,
    name: &str,
) {
    let k = key(name);
    if k.is_empty() {
        return;
    }
    let words: Vec<&str> = k.split(' ').collect();
    if let [first, .., last] = words.as_slice() {
        for w in [*first, *last] {
            if w.chars().count() >= 3 && !NOT_A_NAME.contains(&w) {
                let list = short.entry(w.to_string()).or_default();
                if !list.contains(&(f, c)) {
                    list.push((f, c));
                }
            }
        }
    }
    full.entry(k).or_default().push((f, c));
}
