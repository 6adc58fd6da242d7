//! One module per subcommand. Each parses its own arguments (clap `Args`), calls a library
//! facade, prints, and returns an `Outcome`; none holds logic a library crate should own.

pub mod audit;
pub mod check;
pub mod convert;
pub mod explain;
pub mod export;
pub mod import;
pub mod inspect;
pub mod reindex;
pub mod remove;
pub mod reparse;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod tags;
