//! Running a [`Query`]: a page of hits in the requested order, the total, and facet counts.
//!
//! Nothing here loads a stored document: hits are ranked on BM25 or fast columns, and each hit's
//! work id comes from the `id` fast column; the caller reads the works from the store. A panic
//! inside tantivy on a damaged index file becomes `SearchError::Damaged`.
//!
//! Two ways to get a page and its total: word queries sorted by relevance count first (cheap)
//! and rank with block-WAND (which skips most documents); everything else — other sorts,
//! phrases, filters only — ranks and counts in one pass, so a costly match (a phrase checks
//! positions) is evaluated once. The facets of the whole library (no words, no filters: the
//! web's first page) are cached until the index changes.

use std::sync::Mutex;

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::Query as TQuery;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

use crate::facets::FacetCollector;
use crate::index::shielded;
use crate::query::{Compiled, Compiler, Order, Sort};
use crate::{Facets, Index, Query, SearchError};

/// Largest page a query may ask for.
pub const MAX_LIMIT: usize = 10_000;

/// One page of a search.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// How many works match in all.
    pub total: u64,
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The work's store id.
    pub id: u64,
    /// BM25 relevance when sorted by relevance with words; 0 otherwise.
    pub score: f32,
}

/// The whole library's facets, for one searcher generation and limit.
#[derive(Default)]
pub(crate) struct AllFacets(Mutex<Option<(u64, usize, Facets)>>);

impl Index {
    /// The page of works `query` asks for, and the total.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        shielded(|| {
            let searcher = self.reader.searcher();
            let compiled = Compiler::new(self.fields).compile(query);
            self.run(&searcher, &compiled, query)
        })
    }

    /// Counts per fandom, relationship, character, tag, rating, warning, category, language and
    /// status over *all* works matching `query` (its sort and page do not matter), at most
    /// `per_field_limit` values per field.
    pub fn facets(&self, query: &Query, per_field_limit: usize) -> Result<Facets, SearchError> {
        shielded(|| {
            let searcher = self.reader.searcher();
            let compiled = Compiler::new(self.fields).compile(query);
            self.count_facets(&searcher, &compiled, per_field_limit)
        })
    }

    /// [`Index::search`] and [`Index::facets`] on the same snapshot of the index (a results
    /// page with its sidebar).
    pub fn search_with_facets(
        &self,
        query: &Query,
        per_field_limit: usize,
    ) -> Result<(Results, Facets), SearchError> {
        shielded(|| {
            let searcher = self.reader.searcher();
            let compiled = Compiler::new(self.fields).compile(query);
            let results = self.run(&searcher, &compiled, query)?;
            let facets = self.count_facets(&searcher, &compiled, per_field_limit)?;
            Ok((results, facets))
        })
    }

    fn count_facets(
        &self,
        searcher: &Searcher,
        compiled: &Compiled,
        limit: usize,
    ) -> Result<Facets, SearchError> {
        let collector = FacetCollector::new(limit, &self.term_cache, searcher);
        if !compiled.unconstrained {
            return Ok(searcher.search(&*compiled.query, &collector)?);
        }
        let generation = searcher.generation().generation_id();
        let mut cached = self.all_facets.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, l, facets)) = &*cached
            && *g == generation
            && *l == limit
        {
            return Ok(facets.clone());
        }
        let facets = searcher.search(&*compiled.query, &collector)?;
        *cached = Some((generation, limit, facets.clone()));
        Ok(facets)
    }

    fn run(
        &self,
        searcher: &Searcher,
        compiled: &Compiled,
        query: &Query,
    ) -> Result<Results, SearchError> {
        let limit = query.limit.min(MAX_LIMIT);
        let sort = match query.sort {
            Sort::Relevance if !compiled.has_words => Sort::Updated,
            other => other,
        };
        let order = query.order.unwrap_or(sort.default_order());
        let q = &*compiled.query;
        if limit == 0 {
            return Ok(Results {
                total: q.count(searcher)? as u64,
                hits: Vec::new(),
            });
        }
        // An absurd offset must not size a heap: past the last work there is nothing anyway.
        let offset = query.offset.min(searcher.num_docs() as usize);
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (total, found): (usize, Vec<(f32, DocAddress)>) = match sort {
            Sort::Relevance if !compiled.has_phrase => {
                let total = q.count(searcher)?;
                (total, searcher.search(q, &top.order_by_score())?)
            }
            Sort::Relevance => one_pass(searcher, q, top.order_by_score(), |s| s)?,
            Sort::Title => {
                let order = match order {
                    Order::Ascending => tantivy::Order::Asc,
                    Order::Descending => tantivy::Order::Desc,
                };
                one_pass(
                    searcher,
                    q,
                    top.order_by_string_fast_field("title_sort", order),
                    |_| 0.0,
                )?
            }
            Sort::Updated | Sort::Published | Sort::Words => {
                let column = match sort {
                    Sort::Updated => "updated",
                    Sort::Published => "published",
                    _ => "words",
                };
                let ascending = order == Order::Ascending;
                let key = move |segment: &SegmentReader| numeric_key(segment, column, ascending);
                one_pass(searcher, q, top.order_by(key), |_| 0.0)?
            }
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let id = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("id")?
                .first(addr.doc_id);
            // A document without an id cannot have been written by us; skip it.
            if let Some(id) = id {
                hits.push(Hit { id, score });
            }
        }
        Ok(Results {
            total: total as u64,
            hits,
        })
    }
}

/// Rank and count in one pass over the matches.
fn one_pass<K, C>(
    searcher: &Searcher,
    q: &dyn TQuery,
    top: C,
    score: impl Fn(K) -> f32,
) -> tantivy::Result<(usize, Vec<(f32, DocAddress)>)>
where
    C: Collector<Fruit = Vec<(K, DocAddress)>>,
    K: 'static,
{
    let (found, total) = searcher.search(q, &(top, Count))?;
    Ok((
        total,
        found
            .into_iter()
            .map(|(k, addr)| (score(k), addr))
            .collect(),
    ))
}

/// The sort key of a document for a numeric sort: larger sorts first. Works without the value
/// (no date) come last in either order; ties go to the newer work (higher id) when descending,
/// the older when ascending, so pages are stable.
fn numeric_key(
    segment: &SegmentReader,
    column: &str,
    ascending: bool,
) -> impl FnMut(DocId) -> (u64, u64) + use<> {
    let values = segment
        .fast_fields()
        .column_opt::<u64>(column)
        .ok()
        .flatten();
    let ids = segment.fast_fields().column_opt::<u64>("id").ok().flatten();
    move |doc| {
        let id = ids.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        match values.as_ref().and_then(|c| c.first(doc)) {
            None => (0, if ascending { u64::MAX - id } else { id }),
            Some(v) if ascending => (u64::MAX - v, u64::MAX - id),
            Some(v) => (v.saturating_add(1), id),
        }
    }
}
