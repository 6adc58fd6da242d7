//! A query wrapper for excluded words (`-"a phrase"`, `NOT word`): the same documents, but
//! skipped through only with plain forward seeks.
//!
//! tantivy 0.27 tests an exclusion with `seek_danger(candidate)`, and its phrase scorer
//! `debug_assert!`s that the candidate is not behind the scorer's current document, which is
//! routine for an exclusion (the phrase's first match can come after the first candidate).
//! Release builds answer correctly; debug builds (every test run) panic, and the panic becomes
//! "the search index is damaged". Found by the `search_query` fuzz target
//! (`fuzz/regressions/search_query/`). The wrapper's scorer keeps `DocSet`'s default
//! `seek_danger`, which never seeks backwards, so the phrase scorer only sees forward seeks.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader};

/// `inner`, with forward-only seeks.
#[derive(Debug)]
pub(crate) struct ForwardOnly(pub Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl Query for ForwardOnly {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(scoring)?)))
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnlyScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnlyScorer(Box<dyn Scorer>);

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
