//! `ficshelf reparse`: read every work's kept original again with this version of ficshelf
//! (and `--tag-map`, if given) and update the works whose reading changed; the previous
//! reading is kept as history. A progress bar on a terminal, one `error:` line per work that
//! cannot be read again (it is kept as it was), and a summary line. Exit as for `import`.

use ficshelf_library::{FileOutcome, ImportOptions};

use crate::cmd::import::Bar;
use crate::library_arg::{LibraryArg, fatal, print_notices};
use crate::read_options::ReadArgs;
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Reading threads (default: four).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let read = match args.read.options_in(&args.library) {
        Ok(read) => read,
        Err(outcome) => return outcome,
    };
    let library = match args.library.open() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let opts = ImportOptions {
        read,
        threads: args.threads.filter(|n| *n > 0),
    };
    super::import::tune_malloc();
    let bar = Bar::new("reparsing");
    let result = library.reparse(&opts, |p| bar.update(p));
    bar.finish();
    let report = match result {
        Ok(report) => report,
        Err(e) => return fatal(&library, &e),
    };
    print_notices(&library);
    for (id, path, outcome) in &report.works {
        if let FileOutcome::Failed(e) = outcome {
            report::error(format!("work {id} ({path})"), e);
        }
    }
    let c = report.counts;
    let line = format!(
        "updated {}, unchanged {}, failed {}\n",
        c.updated, c.unchanged, c.failed
    );
    if let Err(e) = report::print_stdout(&line) {
        report::error("stdout", &e);
        return Outcome::Environment;
    }
    if c.failed > 0 {
        Outcome::InputRefused
    } else {
        Outcome::Ok
    }
}
