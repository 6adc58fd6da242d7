//! `ficshelf reparse`: read every work's kept original again with this version of ficshelf
//! (and `--tag-map`, if given) and update the works whose reading changed; the previous
//! reading is kept as history. A progress bar on a terminal, one `error:` line per work that
//! cannot be read again (it is kept as it was), and a summary line. Exit as for `import`.

use ficshelf_library::FileOutcome;

use crate::cmd::import::{Bar, BatchArgs};
use crate::library_arg::{LibraryArg, fatal, print_notices};
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    batch: BatchArgs,
}

pub fn run(args: Args) -> Outcome {
    let (library, opts) = match args.batch.prepare(LibraryArg::open) {
        Ok(prepared) => prepared,
        Err(outcome) => return outcome,
    };
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
