//! Facet counts for the whole result of a query, like AO3's filter sidebar.
//!
//! Counting reads only the fast columns (term ordinals per document, fetched a block of
//! documents at a time), never a stored document. Each segment's facet values are read from its
//! dictionaries once and cached by segment id (segments never change; merged-away ones are
//! dropped from the cache), so a query only counts ordinals and merges segments by name. The
//! counts are exact.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::query::Weight;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The fields facets are counted for, in the order of [`Facets`]' fields.
pub(crate) const FACET_FIELDS: [&str; 9] = [
    "fandom",
    "relationship",
    "character",
    "tag",
    "rating",
    "warning",
    "category",
    "language",
    "status",
];

/// One value of a facet and how many works of the result carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub name: String,
    pub count: u64,
}

/// Counts per facet, most frequent first (ties by name), each cut to the requested limit.
/// Relationships are shown in their canonical order (`Spike/Willow` for `Willow/Spike`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub fandoms: Vec<FacetCount>,
    pub relationships: Vec<FacetCount>,
    pub characters: Vec<FacetCount>,
    /// Additional tags (freeform).
    pub tags: Vec<FacetCount>,
    pub ratings: Vec<FacetCount>,
    pub warnings: Vec<FacetCount>,
    pub categories: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
    pub status: Vec<FacetCount>,
}

/// The values of one facet column of one segment, by ordinal, in one buffer.
#[derive(Default)]
struct Terms {
    text: String,
    ends: Vec<usize>,
}

impl Terms {
    fn read(column: &StrColumn) -> Terms {
        let mut terms = Terms::default();
        // An unreadable dictionary (a damaged index) gives no names, never a panic.
        if let Ok(mut stream) = column.dictionary().stream() {
            while stream.advance() {
                terms.text.push_str(&String::from_utf8_lossy(stream.key()));
                terms.ends.push(terms.text.len());
            }
        }
        terms
    }

    fn get(&self, ord: usize) -> Option<&str> {
        let end = *self.ends.get(ord)?;
        let start = if ord == 0 { 0 } else { self.ends[ord - 1] };
        self.text.get(start..end)
    }
}

type SegmentTerms = Arc<Vec<Terms>>;

/// Facet values per segment, shared by all queries of an `Index`.
#[derive(Default)]
pub(crate) struct TermCache(Mutex<HashMap<SegmentId, SegmentTerms>>);

impl TermCache {
    fn get(&self, segment: &SegmentReader, columns: &[Option<StrColumn>]) -> SegmentTerms {
        let id = segment.segment_id();
        if let Some(terms) = self.lock().get(&id) {
            return terms.clone();
        }
        let terms: SegmentTerms = Arc::new(
            columns
                .iter()
                .map(|c| c.as_ref().map(Terms::read).unwrap_or_default())
                .collect(),
        );
        self.lock().insert(id, terms.clone());
        terms
    }

    /// Forget segments the searcher no longer has (merged away).
    fn retain(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        self.lock().retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, SegmentTerms>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub(crate) struct FacetCollector<'a> {
    limit: usize,
    cache: &'a TermCache,
}

impl<'a> FacetCollector<'a> {
    pub(crate) fn new(
        limit: usize,
        cache: &'a TermCache,
        searcher: &Searcher,
    ) -> FacetCollector<'a> {
        cache.retain(searcher);
        FacetCollector { limit, cache }
    }
}

/// Counts of one facet field in one segment: ordinals gathered sparsely while few, then counted
/// in a dense array once there are many (so a small result never pays for a column of 100,000
/// distinct tags, and the whole library never sorts a million ordinals).
struct FieldCounter {
    column: StrColumn,
    dense: Option<Vec<u32>>,
    sparse: Vec<u64>,
    docs_out: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
}

impl FieldCounter {
    fn count(&mut self, docs: &[DocId]) {
        let ords_column = self.column.ords();
        self.docs_out.clear();
        self.rows.clear();
        ords_column.row_ids_for_docs(docs, &mut self.docs_out, &mut self.rows);
        self.ords.resize(self.rows.len(), 0);
        ords_column.values.get_vals(&self.rows, &mut self.ords);
        let terms = self.column.num_terms();
        if self.dense.is_none() && self.sparse.len() + self.ords.len() > terms / 4 + 1024 {
            let mut dense = vec![0u32; terms];
            for &ord in &self.sparse {
                bump(&mut dense, ord);
            }
            self.sparse = Vec::new();
            self.dense = Some(dense);
        }
        match &mut self.dense {
            Some(dense) => self.ords.iter().for_each(|&ord| bump(dense, ord)),
            None => self.sparse.extend_from_slice(&self.ords),
        }
    }

    /// (ordinal, count) of every value counted.
    fn harvest(self) -> Vec<(u32, u32)> {
        match self.dense {
            Some(dense) => dense
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(o, n)| (o as u32, *n))
                .collect(),
            None => {
                let mut ords = self.sparse;
                ords.sort_unstable();
                let mut runs: Vec<(u32, u32)> = Vec::new();
                for ord in ords {
                    let ord = u32::try_from(ord).unwrap_or(u32::MAX);
                    match runs.last_mut() {
                        Some((last, n)) if *last == ord => *n += 1,
                        _ => runs.push((ord, 1)),
                    }
                }
                runs
            }
        }
    }
}

fn bump(counts: &mut [u32], ord: u64) {
    if let Some(n) = counts.get_mut(ord as usize) {
        *n += 1;
    }
}

pub(crate) struct FacetSegment {
    fields: Vec<Option<FieldCounter>>,
    terms: SegmentTerms,
    alive: Vec<DocId>,
}

/// A segment's counts, with the names they refer to.
pub(crate) struct SegmentCounts {
    terms: SegmentTerms,
    counts: Vec<Vec<(u32, u32)>>,
}

impl Collector for FacetCollector<'_> {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let mut columns = Vec::with_capacity(FACET_FIELDS.len());
        for name in FACET_FIELDS {
            columns.push(segment.fast_fields().str(name)?);
        }
        let terms = self.cache.get(segment, &columns);
        let fields = columns
            .into_iter()
            .map(|column| {
                column.map(|column| FieldCounter {
                    column,
                    dense: None,
                    sparse: Vec::new(),
                    docs_out: Vec::new(),
                    rows: Vec::new(),
                    ords: Vec::new(),
                })
            })
            .collect();
        Ok(FacetSegment {
            fields,
            terms,
            alive: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Always by blocks of documents (tantivy's default goes one document at a time when a
    /// segment has deletions).
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        let mut segment = self.for_segment(segment_ord, reader)?;
        let alive_bitset = reader.alive_bitset();
        weight.for_each_no_score(reader, &mut |docs| match alive_bitset {
            Some(bitset) => {
                let mut alive = std::mem::take(&mut segment.alive);
                alive.clear();
                alive.extend(docs.iter().copied().filter(|&d| bitset.is_alive(d)));
                segment.collect_block(&alive);
                segment.alive = alive;
            }
            None => segment.collect_block(docs),
        })?;
        Ok(segment.harvest())
    }

    fn merge_fruits(&self, segments: Vec<SegmentCounts>) -> tantivy::Result<Facets> {
        let mut fields = (0..FACET_FIELDS.len()).map(|field| {
            let mut merged: HashMap<&str, u64, BuildHasherDefault<Fnv>> = HashMap::default();
            for segment in &segments {
                let (Some(terms), Some(counts)) =
                    (segment.terms.get(field), segment.counts.get(field))
                else {
                    continue;
                };
                merged.reserve(counts.len());
                for &(ord, n) in counts {
                    if let Some(name) = terms.get(ord as usize) {
                        *merged.entry(name).or_default() += u64::from(n);
                    }
                }
            }
            top(merged.into_iter().collect(), self.limit)
        });
        let mut next = || fields.next().unwrap_or_default();
        Ok(Facets {
            fandoms: next(),
            relationships: next(),
            characters: next(),
            tags: next(),
            ratings: next(),
            warnings: next(),
            categories: next(),
            languages: next(),
            status: next(),
        })
    }
}

/// The `limit` most frequent values, ties by name.
fn top(mut all: Vec<(&str, u64)>, limit: usize) -> Vec<FacetCount> {
    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if limit == 0 {
        return Vec::new();
    }
    if all.len() > limit {
        all.select_nth_unstable_by(limit - 1, order);
        all.truncate(limit);
    }
    all.sort_unstable_by(order);
    all.into_iter()
        .map(|(name, count)| FacetCount {
            name: name.to_string(),
            count,
        })
        .collect()
}

impl SegmentCollector for FacetSegment {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for field in self.fields.iter_mut().flatten() {
            field.count(docs);
        }
    }

    fn harvest(self) -> SegmentCounts {
        let counts = self
            .fields
            .into_iter()
            .map(|f| f.map(FieldCounter::harvest).unwrap_or_default())
            .collect();
        SegmentCounts {
            terms: self.terms,
            counts,
        }
    }
}

/// FNV-1a: facet names are short, and SipHash's DoS resistance buys nothing for our own terms.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}
