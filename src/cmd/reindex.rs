//! `ficshelf reindex`: rebuild the search index from the library database (the index is a
//! cache; the database is the truth). Searches keep seeing the old index until the new one is
//! committed, in one step.

use crate::library_arg::{LibraryArg, fatal, print_notices};
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    match library.reindex() {
        Ok(n) => {
            print_notices(&library);
            let line = format!("indexed {n} work{}\n", if n == 1 { "" } else { "s" });
            match report::print_stdout(&line) {
                Ok(()) => Outcome::Ok,
                Err(e) => {
                    report::error("stdout", &e);
                    Outcome::Environment
                }
            }
        }
        Err(e) => fatal(&library, &e),
    }
}
