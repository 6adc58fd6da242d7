//! Facet counts for the whole result of a query, like AO3's filter sidebar.
//!
//! Counting reads only the fast columns (term ordinals per document), never a stored document:
//! per segment, a counter per ordinal; at the end, the ordinals that were hit are turned into
//! their strings in one sorted pass over each column's dictionary, and segments are merged by
//! string. The counts are exact.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

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

impl Facets {
    fn from_counts(mut counts: Vec<HashMap<String, u64>>, limit: usize) -> Facets {
        let mut take = |i: usize| -> Vec<FacetCount> {
            let mut v: Vec<FacetCount> = std::mem::take(&mut counts[i])
                .into_iter()
                .map(|(name, count)| FacetCount { name, count })
                .collect();
            v.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            v.truncate(limit);
            v
        };
        Facets {
            fandoms: take(0),
            relationships: take(1),
            characters: take(2),
            tags: take(3),
            ratings: take(4),
            warnings: take(5),
            categories: take(6),
            languages: take(7),
            status: take(8),
        }
    }
}

pub(crate) struct FacetCollector {
    pub(crate) limit: usize,
}

pub(crate) struct FacetSegment {
    columns: Vec<Option<(StrColumn, Vec<u32>)>>,
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let mut columns = Vec::with_capacity(FACET_FIELDS.len());
        for name in FACET_FIELDS {
            let column = segment.fast_fields().str(name)?;
            columns.push(column.map(|c| {
                let terms = c.num_terms();
                (c, vec![0u32; terms])
            }));
        }
        Ok(FacetSegment { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<Vec<(String, u32)>>>) -> tantivy::Result<Facets> {
        let mut merged: Vec<HashMap<String, u64>> = vec![HashMap::new(); FACET_FIELDS.len()];
        for segment in segments {
            for (field, values) in segment.into_iter().enumerate() {
                for (name, n) in values {
                    *merged[field].entry(name).or_default() += u64::from(n);
                }
            }
        }
        Ok(Facets::from_counts(merged, self.limit))
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = Vec<Vec<(String, u32)>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts) in self.columns.iter_mut().flatten() {
            for ord in column.term_ords(doc) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for (column, counts) in self.columns.iter_mut().flatten() {
            for &doc in docs {
                for ord in column.term_ords(doc) {
                    if let Some(n) = counts.get_mut(ord as usize) {
                        *n += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.columns
            .into_iter()
            .map(|column| {
                let Some((column, counts)) = column else {
                    return Vec::new();
                };
                let hit: Vec<u64> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(ord, _)| ord as u64)
                    .collect();
                let mut out = Vec::with_capacity(hit.len());
                let mut i = 0;
                // One sorted pass over the dictionary; an unreadable dictionary (a damaged
                // index) yields fewer names, never a panic.
                let _ = column.dictionary().sorted_ords_to_term_cb(&hit, |bytes| {
                    if let Some(&ord) = hit.get(i) {
                        out.push((
                            String::from_utf8_lossy(bytes).into_owned(),
                            counts[ord as usize],
                        ));
                    }
                    i += 1;
                });
                out
            })
            .collect()
    }
}
