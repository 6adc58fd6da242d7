//! Recognizing the same work twice: keys for finding candidates, a text fingerprint for deciding.
//!
//! The library's rule (issue 6): the same bytes are unchanged; the same work in another format or
//! a newer download — same source URL, or same title + authors *and nearly the same text* — is
//! one work, updated when the new copy is newer. The store finds candidates by the keys here
//! (indexed columns); the library compares their fingerprints with [`Fingerprint::similarity`]
//! and calls them the same text at [`SAME_TEXT`] or above.
//!
//! The fingerprint is two bottom-k MinHash sketches over word 4-shingles: one of the whole text
//! (k = 64) and one of its first 1,000 words (k = 32). Similarity is the estimated *containment*
//! of the shorter text in the longer, not Jaccard: a download with more chapters contains the old
//! one, and Jaccard would punish it for growing. When one text is so much longer that the whole-
//! text sketches share too few samples to say (fewer than 16 hashes in their common range), the
//! opening 1,000 words decide: a newer download starts the way the old one did.

use ficshelf_model::{Date, Work};

use crate::text::{for_each_word_hash, normalize_key};

/// Similarity at or above which two texts are "nearly the same" (see module docs). Two copies
/// of one work score above 0.8 (format noise, a changed note); two different stories score
/// below 0.1, since they share almost no 4-word sequences. 0.5 sits far from both.
pub const SAME_TEXT: f64 = 0.5;

const SHINGLE: usize = 4;
const FULL_K: usize = 64;
const HEAD_K: usize = 32;
const HEAD_WORDS: usize = 1_000;
const MIN_SHARED_SAMPLES: usize = 16;
const FORMAT_VERSION: u8 = 1;

/// A compact summary of a work's text for near-duplicate detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Words seen (same word rule as the shingles, so close to but not exactly AO3's count).
    pub words: u64,
    full: Vec<u32>,
    head: Vec<u32>,
}

impl Fingerprint {
    /// The fingerprint of the work's chapter text.
    pub fn of(work: &Work) -> Fingerprint {
        let mut full = Sketch::new(FULL_K);
        let mut head = Sketch::new(HEAD_K);
        let mut window = [0u64; SHINGLE];
        let mut words = 0usize;
        for chapter in &work.chapters {
            for_each_word_hash(&chapter.html, |hash| {
                window.rotate_left(1);
                window[SHINGLE - 1] = hash;
                words += 1;
                if words >= SHINGLE {
                    let h = shingle_hash(&window);
                    full.offer(h);
                    if words <= HEAD_WORDS {
                        head.offer(h);
                    }
                }
            });
        }
        if (1..SHINGLE).contains(&words) {
            // Too short for one shingle: the few words themselves are the shingle.
            let h = shingle_hash(&window[SHINGLE - words..]);
            full.offer(h);
            head.offer(h);
        }
        Fingerprint {
            words: words as u64,
            full: full.finish(),
            head: head.finish(),
        }
    }

    /// Estimated share of the shorter text's 4-word sequences found in the longer: 1.0 for the
    /// same text, near 0.0 for unrelated texts. Two empty texts are the same (1.0).
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.full.is_empty() || other.full.is_empty() {
            return if self.full.is_empty() && other.full.is_empty() {
                1.0
            } else {
                0.0
            };
        }
        let (full, shared) = containment(&self.full, FULL_K, &other.full, FULL_K);
        if shared >= MIN_SHARED_SAMPLES {
            return full;
        }
        let (head, _) = containment(&self.head, HEAD_K, &other.head, HEAD_K);
        head.max(full)
    }

    /// The stored form: a version byte, the word count, the two sketch lengths, the hashes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(11 + 4 * (self.full.len() + self.head.len()));
        out.push(FORMAT_VERSION);
        out.extend_from_slice(&self.words.to_le_bytes());
        out.push(self.full.len() as u8);
        out.push(self.head.len() as u8);
        for h in self.full.iter().chain(&self.head) {
            out.extend_from_slice(&h.to_le_bytes());
        }
        out
    }

    /// Parse [`Fingerprint::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        let (&version, rest) = bytes.split_first()?;
        if version != FORMAT_VERSION || rest.len() < 10 {
            return None;
        }
        let words = u64::from_le_bytes(rest[..8].try_into().ok()?);
        let (n_full, n_head) = (usize::from(rest[8]), usize::from(rest[9]));
        let hashes = &rest[10..];
        if n_full > FULL_K || n_head > HEAD_K || hashes.len() != 4 * (n_full + n_head) {
            return None;
        }
        let mut all = hashes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let full: Vec<u32> = all.by_ref().take(n_full).collect();
        let head: Vec<u32> = all.collect();
        if !full.is_sorted() || !head.is_sorted() {
            return None;
        }
        Some(Fingerprint { words, full, head })
    }
}

/// Similarity of two works' texts (see [`Fingerprint::similarity`]).
pub fn similarity(a: &Work, b: &Work) -> f64 {
    Fingerprint::of(a).similarity(&Fingerprint::of(b))
}

/// Whether `new` should replace `old` (the same work): it has more chapters, or both carry an
/// update date (or, lacking one, a publication date) and the new one is later.
pub fn is_newer(old: &Work, new: &Work) -> bool {
    let day = |w: &Work| -> Option<Date> { w.updated.or(w.published) };
    if new.chapters.len() != old.chapters.len() {
        return new.chapters.len() > old.chapters.len();
    }
    matches!((day(old), day(new)), (Some(o), Some(n)) if n > o)
}

/// The dedupe key of a title: lower-case words of letters and digits, single-spaced.
pub fn title_key(title: &str) -> String {
    normalize_key(title)
}

/// The dedupe key of a work's authors: each name's key, sorted, joined by ` | `.
pub fn authors_key(work: &Work) -> String {
    let mut names: Vec<String> = work
        .authors
        .iter()
        .map(|a| normalize_key(&a.name))
        .filter(|k| !k.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names.join(" | ")
}

/// The dedupe key of a story URL, or `None` when it is not an http(s) URL with a host.
///
/// Scheme, `www.`, letter case of the host, a trailing slash and the fragment do not matter;
/// the query does (eFiction's `viewstory.php?sid=12`). An AO3 chapter URL is its work
/// (`/works/12/chapters/34` → `/works/12`), and so is a FanFiction.Net chapter (`/s/12/3/T` →
/// `/s/12`), because the same download tool points at either.
pub fn url_key(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = strip_prefix_ci(url, "https://").or_else(|| strip_prefix_ci(url, "http://"))?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (host, path_query) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let (path, query) = match path_query.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_query, None),
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let segments = match segments.as_slice() {
        ["works", id, ..] if host.ends_with("archiveofourown.org") => vec!["works", id],
        ["s", id, ..] if host.ends_with("fanfiction.net") => vec!["s", id],
        _ => segments,
    };
    let mut key = format!("{host}/{}", segments.join("/"));
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        key.push('?');
        key.push_str(q);
    }
    Some(key)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The k smallest distinct hashes seen.
struct Sketch {
    k: usize,
    heap: std::collections::BinaryHeap<u32>,
}

impl Sketch {
    fn new(k: usize) -> Sketch {
        Sketch {
            k,
            heap: std::collections::BinaryHeap::with_capacity(k + 1),
        }
    }

    fn offer(&mut self, h: u32) {
        if self.heap.len() == self.k && self.heap.peek().is_some_and(|&max| h >= max) {
            return;
        }
        // Rarely reached once full (probability k/n), so the linear duplicate check is cheap.
        if self.heap.iter().any(|&x| x == h) {
            return;
        }
        self.heap.push(h);
        if self.heap.len() > self.k {
            self.heap.pop();
        }
    }

    fn finish(self) -> Vec<u32> {
        self.heap.into_sorted_vec()
    }
}

/// Containment of the smaller sample in the larger over the hash range both sketches cover,
/// and how many samples that estimate rests on.
fn containment(a: &[u32], ka: usize, b: &[u32], kb: usize) -> (f64, usize) {
    let bound = |s: &[u32], k: usize| {
        if s.len() >= k {
            s.last().copied()
        } else {
            None
        }
    };
    let tau = match (bound(a, ka), bound(b, kb)) {
        (Some(x), Some(y)) => x.min(y),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => u32::MAX,
    };
    let a: Vec<u32> = a.iter().copied().filter(|&h| h <= tau).collect();
    let b: Vec<u32> = b.iter().copied().filter(|&h| h <= tau).collect();
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0.0, 0);
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (shared as f64 / smaller as f64, smaller)
}

/// FNV-1a: stable across Rust releases and platforms (the fingerprints are stored).
fn shingle_hash(words: &[u64]) -> u32 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &w in words {
        h = (h ^ w).wrapping_mul(0xbf58_476d_1ce4_e5b9).rotate_left(31);
    }
    // splitmix64's finalizer spreads the bits before we keep the top 32.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h >> 32) as u32
}

#[cfg(test)]
#[path = "dedupe_tests.rs"]
mod tests;
