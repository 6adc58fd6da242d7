//! `Query`: what `ficshelf search` flags and the web's filter sidebar ask for, and how it
//! becomes a tantivy query.
//!
//! Filters follow AO3's sidebar: included fandoms, relationships, characters, tags, warnings,
//! categories, authors and series must *all* be on the work; ratings, statuses and the language
//! accept *any* of those given; every exclusion removes works that carry *any* excluded value.
//! Filters match case-insensitively on the whole value (`buffy the vampire slayer` finds
//! "Buffy the Vampire Slayer"; `Buffy` does not). Filters never change relevance scores.

use std::ops::Bound;

use ficshelf_model::{Ao3Rating, ArchiveWarning, Category, Status};
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery,
    Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::guard::ForwardOnly;
use crate::schema::{Fields, canonical_relationship, exact_value};
use crate::tokenize::{exact_analyzer, fic_analyzer, tokens};
use crate::words::parse;

/// Most tokens of one phrase used.
const MAX_PHRASE_TOKENS: usize = 32;

/// A search: words, filters, order and page. `Query::default()` lists everything, most
/// recently updated first, 20 per page.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Full text over title, authors, summary, tags and chapter text (see the `words` module
    /// docs for `"phrases"`, `-exclusions` and `OR`).
    pub words: String,
    pub fandoms: Vec<String>,
    /// Order-insensitive: `Spike/Willow` finds `Willow/Spike` (but not `Spike & Willow`).
    pub relationships: Vec<String>,
    pub characters: Vec<String>,
    /// Tags of any kind (fandom, relationship, character, additional tag, archive warning).
    pub tags: Vec<String>,
    pub exclude_tags: Vec<String>,
    pub ratings: Vec<Ao3Rating>,
    pub exclude_ratings: Vec<Ao3Rating>,
    pub warnings: Vec<ArchiveWarning>,
    pub exclude_warnings: Vec<ArchiveWarning>,
    pub categories: Vec<Category>,
    pub exclude_categories: Vec<Category>,
    /// Any of these (`--complete` is `[Complete]`, `--in-progress` is `[InProgress]`).
    pub status: Vec<Status>,
    /// Inclusive word-count range.
    pub words_min: Option<u64>,
    pub words_max: Option<u64>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub series: Vec<String>,
    pub sort: Sort,
    /// `None`: the sort's natural order (newest, longest, A–Z, best match first).
    pub order: Option<Order>,
    pub limit: usize,
    pub offset: usize,
}

impl Default for Query {
    fn default() -> Query {
        Query {
            words: String::new(),
            fandoms: Vec::new(),
            relationships: Vec::new(),
            characters: Vec::new(),
            tags: Vec::new(),
            exclude_tags: Vec::new(),
            ratings: Vec::new(),
            exclude_ratings: Vec::new(),
            warnings: Vec::new(),
            exclude_warnings: Vec::new(),
            categories: Vec::new(),
            exclude_categories: Vec::new(),
            status: Vec::new(),
            words_min: None,
            words_max: None,
            authors: Vec::new(),
            language: None,
            series: Vec::new(),
            sort: Sort::Relevance,
            order: None,
            limit: 20,
            offset: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first; with no words (nothing to rank by) the same as `Updated`.
    #[default]
    Relevance,
    /// Last update (or publication, for a work never updated), newest first.
    Updated,
    Published,
    /// Longest first.
    Words,
    /// A–Z by title, leading "The"/"A"/"An" ignored.
    Title,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Ascending,
    Descending,
}

impl Sort {
    pub(crate) fn default_order(self) -> Order {
        match self {
            Sort::Title => Order::Ascending,
            _ => Order::Descending,
        }
    }
}

type Clauses = Vec<(Occur, Box<dyn TQuery>)>;

/// A compiled query.
pub(crate) struct Compiled {
    pub query: Box<dyn TQuery>,
    /// There are words to rank by.
    pub has_words: bool,
    /// Some word is a phrase (positions must be checked: costly to evaluate twice).
    pub has_phrase: bool,
    /// It matches every work (no words, no filters).
    pub unconstrained: bool,
}

/// Builds tantivy queries for one index's fields.
pub(crate) struct Compiler {
    fields: Fields,
    fic: TextAnalyzer,
    exact: TextAnalyzer,
}

impl Compiler {
    pub(crate) fn new(fields: Fields) -> Compiler {
        Compiler {
            fields,
            fic: fic_analyzer(),
            exact: exact_analyzer(),
        }
    }

    /// The tantivy query and what the search needs to know about it.
    pub(crate) fn compile(&mut self, q: &Query) -> Compiled {
        let f = self.fields;
        let mut clauses: Clauses = Vec::new();
        let mut has_words = false;
        let mut has_phrase = false;
        for clause in parse(&q.words) {
            let mut alternatives: Vec<Box<dyn TQuery>> = Vec::new();
            for text in &clause.alternatives {
                if let Some((query, phrase)) = self.text_query(text) {
                    alternatives.push(query);
                    has_phrase |= phrase;
                }
            }
            if alternatives.is_empty() {
                continue;
            }
            let query = one_or_union(alternatives);
            if clause.negated {
                clauses.push((Occur::MustNot, Box::new(ForwardOnly(query))));
            } else {
                has_words = true;
                clauses.push((Occur::Must, query));
            }
        }

        let c = &mut clauses;
        self.all_of(c, f.fandom, &q.fandoms);
        let relationships: Vec<String> = q
            .relationships
            .iter()
            .map(|r| canonical_relationship(r))
            .collect();
        self.all_of(c, f.relationship, &relationships);
        self.all_of(c, f.character, &q.characters);
        for t in &q.tags {
            // A relationship is indexed in its canonical order; other tags as written.
            let mut alts = vec![self.exact_query(f.any_tag, t)];
            let canonical = canonical_relationship(t);
            if canonical != t.trim() {
                alts.push(self.exact_query(f.any_tag, &canonical));
            }
            c.push((Occur::Must, filter(one_or_union(alts))));
        }
        self.all_of(c, f.author, &q.authors);
        self.all_of(c, f.series, &q.series);
        self.all_of(c, f.warning, &names(&q.warnings));
        self.all_of(c, f.category, &names(&q.categories));

        self.any_of(c, f.rating, &names(&q.ratings));
        self.any_of(c, f.status, &names(&q.status));
        self.any_of(
            c,
            f.language,
            &q.language.iter().cloned().collect::<Vec<_>>(),
        );

        let excluded_tags: Vec<String> = q
            .exclude_tags
            .iter()
            .flat_map(|t| [t.clone(), canonical_relationship(t)])
            .collect();
        self.none_of(c, f.any_tag, &excluded_tags);
        self.none_of(c, f.warning, &names(&q.exclude_warnings));
        self.none_of(c, f.rating, &names(&q.exclude_ratings));
        self.none_of(c, f.category, &names(&q.exclude_categories));

        if q.words_min.is_some() || q.words_max.is_some() {
            let term = |n: u64| Term::from_field_u64(f.words, n);
            let lower = q
                .words_min
                .map_or(Bound::Unbounded, |n| Bound::Included(term(n)));
            let upper = q
                .words_max
                .map_or(Bound::Unbounded, |n| Bound::Included(term(n)));
            clauses.push((Occur::Must, filter(Box::new(RangeQuery::new(lower, upper)))));
        }

        // Nothing required: everything, minus what is excluded.
        let mut unconstrained = false;
        if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
            unconstrained = clauses.is_empty();
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Compiled {
            query: Box::new(BooleanQuery::new(clauses)),
            has_words,
            has_phrase,
            unconstrained,
        }
    }

    /// Every value must be on the work.
    fn all_of(&mut self, clauses: &mut Clauses, field: Field, values: &[String]) {
        for v in values {
            let q = self.exact_query(field, v);
            clauses.push((Occur::Must, filter(q)));
        }
    }

    /// At least one of the values must be on the work (no values: no constraint).
    fn any_of(&mut self, clauses: &mut Clauses, field: Field, values: &[String]) {
        if !values.is_empty() {
            let alts = values.iter().map(|v| self.exact_query(field, v)).collect();
            clauses.push((Occur::Must, filter(one_or_union(alts))));
        }
    }

    /// None of the values may be on the work.
    fn none_of(&mut self, clauses: &mut Clauses, field: Field, values: &[String]) {
        for v in values {
            clauses.push((Occur::MustNot, self.exact_query(field, v)));
        }
    }

    /// One word or phrase over every full-text field, each with its weight; and whether it is a
    /// phrase (several tokens).
    fn text_query(&mut self, text: &str) -> Option<(Box<dyn TQuery>, bool)> {
        let mut toks = tokens(&mut self.fic, text);
        toks.truncate(MAX_PHRASE_TOKENS);
        if toks.is_empty() {
            return None;
        }
        let f = self.fields;
        let weighted = [
            (f.title, 3.0),
            (f.author_text, 2.0),
            (f.tags_text, 1.5),
            (f.summary, 1.2),
            (f.body, 1.0),
        ];
        let per_field = weighted
            .iter()
            .map(|&(field, boost)| {
                let q: Box<dyn TQuery> = if toks.len() == 1 {
                    let term = Term::from_field_text(field, &toks[0]);
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                } else {
                    let terms = toks
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect();
                    Box::new(PhraseQuery::new(terms))
                };
                Box::new(BoostQuery::new(q, boost)) as Box<dyn TQuery>
            })
            .collect();
        Some((Box::new(BooleanQuery::union(per_field)), toks.len() > 1))
    }

    /// Works whose `field` holds `value` (case-insensitive, whole value).
    fn exact_query(&mut self, field: Field, value: &str) -> Box<dyn TQuery> {
        let term = exact_value(value).and_then(|v| tokens(&mut self.exact, &v).into_iter().next());
        match term {
            Some(t) => Box::new(TermQuery::new(
                Term::from_field_text(field, &t),
                IndexRecordOption::Basic,
            )),
            // A filter on an empty value matches nothing rather than everything.
            None => Box::new(EmptyQuery),
        }
    }
}

/// A filter narrows the result without touching the score.
fn filter(q: Box<dyn TQuery>) -> Box<dyn TQuery> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn one_or_union(mut queries: Vec<Box<dyn TQuery>>) -> Box<dyn TQuery> {
    if queries.len() == 1 {
        queries.remove(0)
    } else {
        Box::new(BooleanQuery::union(queries))
    }
}

fn names<T: ToString>(values: &[T]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}
