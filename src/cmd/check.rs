//! `ficshelf check`: is the library whole? The database (SQLite's own checks, every work
//! decodes and agrees with its columns, every original is there and hashes right) and the
//! search index (checksums, and it holds exactly the library's works). One line per problem
//! on stdout and exit 1; harmless leftovers are `note:` lines on stderr.

use crate::library_arg::{LibraryArg, fatal, print_notices};
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open_for_reading() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let report = match library.check() {
        Ok(report) => report,
        Err(e) => return fatal(&library, &e),
    };
    print_notices(&library);
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    let works = library.ids().map_or(0, |ids| ids.len());
    let text = if report.is_clean() {
        format!("ok: {works} works; the database and the search index agree\n")
    } else {
        let mut text: String = report.problems.iter().map(|p| format!("{p}\n")).collect();
        text.push_str(&format!(
            "{} problem{} found (`ficshelf reindex` rebuilds the search index)\n",
            report.problems.len(),
            if report.problems.len() == 1 { "" } else { "s" }
        ));
        text
    };
    if let Err(e) = report::print_stdout(&text) {
        report::error("stdout", &e);
        return Outcome::Environment;
    }
    if report.is_clean() {
        Outcome::Ok
    } else {
        Outcome::Problems
    }
}
