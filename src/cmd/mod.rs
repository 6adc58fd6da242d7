//! One module per subcommand. Each parses its own arguments (clap `Args`), calls a library
//! facade, prints, and returns an `Outcome`; none holds logic a library crate should own.

pub mod audit;
pub mod convert;
pub mod explain;
pub mod inspect;
