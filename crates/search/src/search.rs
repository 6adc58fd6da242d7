//! Running a [`Query`]: a page of hits in the requested order, the total, and facet counts.
//!
//! A panic inside tantivy on a damaged index file becomes `SearchError::Damaged`.
//! Nothing here loads a stored document: hits are ranked on BM25 or fast columns, and each hit's
//! work id comes from the `id` fast column; the caller reads the works from the store.

use tantivy::collector::TopDocs;
use tantivy::query::Query as TQuery;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

use crate::facets::FacetCollector;
use crate::index::shielded;
use crate::query::{Compiler, Order, Sort};
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

impl Index {
    /// The page of works `query` asks for, and the total.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        shielded(|| {
            let searcher = self.reader.searcher();
            let (compiled, has_words) = Compiler::new(self.fields).compile(query);
            self.run(&searcher, &*compiled, has_words, query)
        })
    }

    /// Counts per fandom, relationship, character, tag, rating, warning, category, language and
    /// status over *all* works matching `query` (its sort and page do not matter), at most
    /// `per_field_limit` values per field.
    pub fn facets(&self, query: &Query, per_field_limit: usize) -> Result<Facets, SearchError> {
        shielded(|| {
            let searcher = self.reader.searcher();
            let (compiled, _) = Compiler::new(self.fields).compile(query);
            Ok(searcher.search(
                &*compiled,
                &FacetCollector::new(per_field_limit, &self.term_cache, &searcher),
            )?)
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
            let (compiled, has_words) = Compiler::new(self.fields).compile(query);
            let results = self.run(&searcher, &*compiled, has_words, query)?;
            let facets = searcher.search(
                &*compiled,
                &FacetCollector::new(per_field_limit, &self.term_cache, &searcher),
            )?;
            Ok((results, facets))
        })
    }

    fn run(
        &self,
        searcher: &Searcher,
        compiled: &dyn TQuery,
        has_words: bool,
        query: &Query,
    ) -> Result<Results, SearchError> {
        let total = compiled.count(searcher)? as u64;
        let limit = query.limit.min(MAX_LIMIT);
        // Past the end there is nothing to rank; and an absurd offset must not size a heap.
        let offset = query
            .offset
            .min(usize::try_from(total).unwrap_or(usize::MAX));
        if limit == 0 || offset as u64 >= total {
            return Ok(Results {
                total,
                hits: Vec::new(),
            });
        }
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let sort = match query.sort {
            Sort::Relevance if !has_words => Sort::Updated,
            other => other,
        };
        let order = query.order.unwrap_or(sort.default_order());
        let scored: Vec<(f32, DocAddress)> = match sort {
            Sort::Relevance => searcher.search(compiled, &top.order_by_score())?,
            Sort::Title => {
                let order = match order {
                    Order::Ascending => tantivy::Order::Asc,
                    Order::Descending => tantivy::Order::Desc,
                };
                let found = searcher.search(
                    compiled,
                    &top.order_by_string_fast_field("title_sort", order),
                )?;
                found.into_iter().map(|(_, addr)| (0.0, addr)).collect()
            }
            Sort::Updated | Sort::Published | Sort::Words => {
                let column = match sort {
                    Sort::Updated => "updated",
                    Sort::Published => "published",
                    _ => "words",
                };
                let ascending = order == Order::Ascending;
                let key = move |segment: &SegmentReader| numeric_key(segment, column, ascending);
                let found = searcher.search(compiled, &top.order_by(key))?;
                found.into_iter().map(|(_, addr)| (0.0, addr)).collect()
            }
        };
        let mut hits = Vec::with_capacity(scored.len());
        for (score, addr) in scored {
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
        Ok(Results { total, hits })
    }
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
