//! The library's search index: full text and AO3-style filters and facets over every Work,
//! kept in tantivy beside the store and always rebuildable from it.
//!
//! ```text
//! … normalize ─► Work ─┬─ store (ficshelf-store: SQLite, the truth)
//!                      └─ search (this crate: tantivy in <library>/index, a cache of the store)
//! ```
//!
//! The library facade keeps the index in step with the store's change log:
//!
//! ```no_run
//! # use ficshelf_search::*;
//! # fn f(index: &Index, changes: Vec<(u64, Option<ficshelf_model::Work>, u64)>) -> Result<(), SearchError> {
//! // after writing to the store: apply every change after index.applied_seq()
//! for (id, work, _seq) in &changes {
//!     match work {
//!         Some(w) => index.index_work(*id, w)?, // the work as the store has it now
//!         None => index.remove(*id)?,           // removed since
//!     }
//! }
//! let last_seq = changes.last().map_or(0, |c| c.2);
//! index.commit(last_seq)?;
//!
//! let mut query = Query::default();
//! query.words = "\"dark magic\" willow".into();
//! query.fandoms = vec!["buffy the vampire slayer".into()];
//! let (page, sidebar) = index.search_with_facets(&query, 10)?;
//! # Ok(()) }
//! ```
//!
//! See `docs/storage.md` for the fields and the rules of each filter.

mod error;
mod facets;
mod guard;
mod index;
mod merge;
mod query;
mod read_only;
mod schema;
mod search;
mod tokenize;
mod words;

pub use error::SearchError;
pub use facets::{FacetCount, Facets};
pub use index::{Index, IndexOptions};
pub use query::{Order, Query, Sort};
pub use search::{Hit, MAX_LIMIT, Results};
