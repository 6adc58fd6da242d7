//! `ficshelf remove ID...`: take works out of the library — with their older versions, their
//! sources and the originals only they used — and out of the search index. An id that is not
//! in the library is one `error:` line (exit 1); the others are still removed.

use ficshelf_library::WorkId;

use crate::library_arg::{LibraryArg, fatal, print_notices};
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Ids of the works to remove.
    #[arg(required = true, value_name = "ID")]
    ids: Vec<WorkId>,
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let removed = match library.remove(&args.ids) {
        Ok(removed) => removed,
        Err(e) => return fatal(&library, &e),
    };
    print_notices(&library);
    let mut outcome = Outcome::Ok;
    let mut out = String::new();
    for (id, was_there) in removed {
        if was_there {
            out.push_str(&format!("removed {id}\n"));
        } else {
            report::error_msg(format!("there is no work {id}"));
            outcome = Outcome::InputRefused;
        }
    }
    if let Err(e) = report::print_stdout(&out) {
        report::error("stdout", &e);
        return Outcome::Environment;
    }
    outcome
}
