//! `ficshelf show ID [--json]`: one work from the library — laid out like `inspect` (an AO3
//! work header, `summary::render`) under a line saying when it was added and what the library
//! keeps of it (sources, older versions); `--json` prints the whole Work (schema 1).

use ficshelf_library::{LibraryError, WorkId};

use crate::library_arg::{LibraryArg, fatal};
use crate::report::{self, Outcome};
use crate::summary;

#[derive(clap::Args)]
pub struct Args {
    /// The work's id (as `ficshelf search` shows it).
    #[arg(value_name = "ID")]
    id: WorkId,
    /// Print the Work as JSON (schema 1).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open_for_reading() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let stored = match library.get(args.id) {
        Ok(stored) => stored,
        Err(e @ LibraryError::NoSuchWork(_)) => {
            report::error_msg(e);
            return Outcome::InputRefused;
        }
        Err(e) => return fatal(&library, &e),
    };
    let text = if args.json {
        stored.work.to_json_pretty() + "\n"
    } else {
        let sources = library.sources(args.id).map_or(0, |s| s.len());
        let history = library.history(args.id).map_or(0, |h| h.len());
        let added = stored
            .added
            .date()
            .map_or_else(String::new, |d| format!(", added {d}"));
        let mut head = format!(
            "Work {}{added} · {sources} source file{}",
            stored.id,
            if sources == 1 { "" } else { "s" }
        );
        if history > 0 {
            head.push_str(&format!(
                " · {history} older version{} kept",
                if history == 1 { "" } else { "s" }
            ));
        }
        format!("{head}\n\n{}", summary::render(&stored.work))
    };
    match report::print_stdout(&text) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            report::error("stdout", &e);
            Outcome::Environment
        }
    }
}
