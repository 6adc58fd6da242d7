//! The fandom table (`data/fandoms.toml`, embedded): canonical AO3-style names, the other names
//! and abbreviations people write, and each fandom's main characters.
//!
//! Four kinds of name, because a name that is safe in one place is not in another:
//!
//! - `name` and `aliases`: distinctive names, matched without regard to case, as whole words,
//!   anywhere in a metadata field (`BtVS`, `Buffy the Vampire Slayer`, `due South`).
//! - `cased`: short abbreviations that are ordinary words or letters in other cases; matched
//!   only with the capitalization written in the table (`HP` yes, `hp` no; `TOS`, `XF`).
//! - `ambiguous`: names that are also a character or a common word (`Angel` the show and Angel
//!   the vampire; `Supernatural`, `Bones`, `House`). They match a whole fandom-field value, and
//!   in free text only when followed by a word like `season`, `series`, `s2` or `2x05`.
//! - `characters`: full names. They never name a fandom alone; two or more different characters
//!   of one fandom must agree (see `infer`). A multi-word name also answers to its first and
//!   last word (`Giles` for Rupert Giles), since files mostly write `Spike/Buffy`.
//!
//! Every name is compared by its [`key`] (case, accents and punctuation aside), and
//! [`Table::build`] refuses a table in which one key names two fandoms.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::{cased_key, key, tokens};

const DATA: &str = include_str!("../data/fandoms.toml");

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

#[derive(Debug, Clone)]
pub(crate) struct NameRef {
    pub fandom: usize,
    pub written: String,
    pub kind: Kind,
}

/// A fandom named in a piece of free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub fandom: usize,
    /// The words of the text that matched.
    pub words: String,
}

/// Words that, after an ambiguous name, show it is the show (`Angel season 2`).
const MEDIA_WORDS: &[&str] = &[
    "season", "seasons", "series", "episode", "episodes", "ep", "eps", "movie", "movies", "film",
    "tv", "show", "verse", "fandom", "canon",
];

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

pub(crate) struct Table {
    pub fandoms: Vec<Entry>,
    /// Every name of every kind, by key: for whole fandom-field values.
    whole: HashMap<String, NameRef>,
    /// `name` and `aliases` by key: for free text.
    free: HashMap<String, NameRef>,
    /// `cased` names by cased key.
    cased: HashMap<String, NameRef>,
    /// `ambiguous` names by cased key.
    ambiguous: HashMap<String, NameRef>,
    /// First tokens of every free-text name (lower-case and cased), to skip most positions.
    starts: HashSet<String>,
    max_tokens: usize,
    /// Built on first use: only character inference needs it, and it is most of the cost.
    chars: OnceLock<CharIndex>,
}

#[derive(Debug, Default)]
struct CharIndex {
    /// Character names by key → (fandom, character).
    full: HashMap<String, Vec<(usize, usize)>>,
    /// First and last words of multi-word character names.
    short: HashMap<String, Vec<(usize, usize)>>,
}

/// Counts for the documentation and the closing report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FandomStats {
    pub fandoms: usize,
    /// Every other name a fandom answers to (aliases, cased abbreviations, ambiguous names).
    pub aliases: usize,
    pub characters: usize,
}

/// The table shipped in the crate, built on first use.
pub(crate) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    // The embedded table is checked by a test; an empty table only loses inference.
    TABLE.get_or_init(|| Table::parse(DATA).unwrap_or_else(|_| Table::empty()))
}

/// How many fandoms, aliases and characters ship.
pub fn fandom_stats() -> FandomStats {
    table().stats()
}

impl CharIndex {
    fn add(&mut self, f: usize, c: usize, name: &str) {
        let k = key(name);
        if k.is_empty() {
            return;
        }
        let words: Vec<&str> = k.split(' ').collect();
        if words.len() >= 2 {
            for w in [words[0], words[words.len() - 1]] {
                if w.chars().count() >= 3 && !NOT_A_NAME.contains(&w) {
                    let list = self.short.entry(w.to_string()).or_default();
                    if !list.contains(&(f, c)) {
                        list.push((f, c));
                    }
                }
            }
        }
        self.full.entry(k).or_default().push((f, c));
    }
}

impl Table {
    fn empty() -> Table {
        Table {
            fandoms: Vec::new(),
            whole: HashMap::new(),
            free: HashMap::new(),
            cased: HashMap::new(),
            ambiguous: HashMap::new(),
            starts: HashSet::new(),
            max_tokens: 1,
            chars: OnceLock::new(),
        }
    }

    pub(crate) fn parse(toml_text: &str) -> Result<Table, String> {
        let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        Table::build(file.fandom)
    }

    pub(crate) fn build(fandoms: Vec<Entry>) -> Result<Table, String> {
        let mut t = Table::empty();
        for (i, f) in fandoms.iter().enumerate() {
            // A name also listed as cased or ambiguous (`One Piece`, `Free!`) is not safe in
            // free text without its case or a media word: it keeps only the stricter kind.
            let strict: HashSet<String> =
                f.cased.iter().chain(&f.ambiguous).map(|n| key(n)).collect();
            let names = std::iter::once((&f.name, Kind::Name))
                .chain(f.aliases.iter().map(|a| (a, Kind::Alias)))
                .filter(|(n, _)| !strict.contains(&key(n)))
                .chain(f.cased.iter().map(|a| (a, Kind::Cased)))
                .chain(f.ambiguous.iter().map(|a| (a, Kind::Ambiguous)));
            for (written, kind) in names {
                t.add_name(i, written, kind, &fandoms)?;
            }
        }
        t.fandoms = fandoms;
        Ok(t)
    }

    fn add_name(
        &mut self,
        i: usize,
        written: &str,
        kind: Kind,
        all: &[Entry],
    ) -> Result<(), String> {
        let k = key(written);
        if k.is_empty() {
            return Err(format!(
                "{:?}: the name {written:?} has no letters",
                all[i].name
            ));
        }
        let r = NameRef {
            fandom: i,
            written: written.to_string(),
            kind,
        };
        if let Some(prev) = self.whole.get(&k) {
            if prev.fandom != i {
                return Err(format!(
                    "{written:?} names both {:?} and {:?}",
                    all[prev.fandom].name, all[i].name
                ));
            }
        } else {
            self.whole.insert(k.clone(), r.clone());
        }
        let ck = cased_key(written);
        let n = k.split(' ').count();
        let (map, start) = match kind {
            Kind::Name | Kind::Alias => (&mut self.free, k.clone()),
            Kind::Cased => (&mut self.cased, ck.clone()),
            Kind::Ambiguous => (&mut self.ambiguous, ck.clone()),
        };
        map.insert(
            if matches!(kind, Kind::Name | Kind::Alias) {
                k
            } else {
                ck
            },
            r,
        );
        self.starts
            .insert(start.split(' ').next().unwrap_or_default().to_string());
        self.max_tokens = self.max_tokens.max(n);
        Ok(())
    }

    fn char_index(&self) -> &CharIndex {
        self.chars.get_or_init(|| {
            let mut idx = CharIndex::default();
            for (f, fandom) in self.fandoms.iter().enumerate() {
                for (c, name) in fandom.characters.iter().enumerate() {
                    idx.add(f, c, name);
                }
            }
            idx
        })
    }

    pub(crate) fn stats(&self) -> FandomStats {
        let aliases = self
            .fandoms
            .iter()
            .map(|f| f.aliases.len() + f.cased.len() + f.ambiguous.len())
            .sum();
        let characters = self.fandoms.iter().map(|f| f.characters.len()).sum();
        FandomStats {
            fandoms: self.fandoms.len(),
            aliases,
            characters,
        }
    }

    pub(crate) fn name(&self, fandom: usize) -> &str {
        self.fandoms.get(fandom).map_or("", |f| f.name.as_str())
    }

    /// The fandom a whole fandom-field value names (`BtVS`, `Angel`, `hp`), any kind of name.
    pub(crate) fn whole(&self, value: &str) -> Option<&NameRef> {
        self.whole.get(&key(value))
    }

    /// Fandoms named in free text, leftmost-longest, in order.
    pub(crate) fn scan(&self, text: &str) -> Vec<Hit> {
        // Metadata fields are short; a runaway one is scanned only so far (linear either way).
        let cased: Vec<String> = tokens(text, false).into_iter().take(4000).collect();
        let lower: Vec<String> = cased.iter().map(|t| t.to_lowercase()).collect();
        let mut hits = Vec::new();
        let mut i = 0;
        while i < cased.len() {
            if !self.starts.contains(&lower[i]) && !self.starts.contains(&cased[i]) {
                i += 1;
                continue;
            }
            let mut found = None;
            for len in (1..=self.max_tokens.min(cased.len() - i)).rev() {
                let kl = lower[i..i + len].join(" ");
                let kc = cased[i..i + len].join(" ");
                let next = lower.get(i + len).map(String::as_str);
                let hit = self
                    .free
                    .get(&kl)
                    .or_else(|| self.cased.get(&kc))
                    .or_else(|| {
                        self.ambiguous
                            .get(&kc)
                            .filter(|_| next.is_some_and(media_word))
                    });
                if let Some(r) = hit {
                    found = Some((
                        len,
                        Hit {
                            fandom: r.fandom,
                            words: kc,
                        },
                    ));
                    break;
                }
            }
            match found {
                Some((len, hit)) => {
                    hits.push(hit);
                    i += len;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The characters of the table a name could be: (fandom, character) pairs.
    pub(crate) fn characters_named(&self, name: &str) -> Vec<(usize, usize)> {
        let idx = self.char_index();
        let k = key(name);
        let mut out: Vec<(usize, usize)> = idx.full.get(&k).cloned().unwrap_or_default();
        let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
        // `Spike` is both Spike (BtVS) and the first word of Spike Spiegel; `Willow R.` is
        // Willow. A full match of a longer name is not widened.
        if out.is_empty() || words.len() == 1 {
            let ends = match words.as_slice() {
                [] => Vec::new(),
                [one] => vec![*one],
                [first, .., last] => vec![*first, *last],
            };
            for w in ends {
                for fc in idx.short.get(w).into_iter().flatten() {
                    if !out.contains(fc) {
                        out.push(*fc);
                    }
                }
            }
        }
        out
    }
}

fn media_word(word: &str) -> bool {
    if MEDIA_WORDS.contains(&word) {
        return true;
    }
    // s2, s02e05, 2x05.
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if let Some(rest) = word.strip_prefix('s') {
        let season = rest.split('e').next().unwrap_or("");
        return digits(season.as_bytes());
    }
    match word.split_once('x') {
        Some((a, e)) => digits(a.as_bytes()) && digits(e.as_bytes()),
        None => false,
    }
}

#[cfg(test)]
mod tests;
