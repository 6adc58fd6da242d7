//! `ficshelf export ID...|--all|--search [WORDS] [filters] -o DIR [--format FORMAT]`: works
//! from the library into files named `Title - Author.epub` (`Library::export`: names safe on
//! every OS; an existing file is never replaced — the new one gets ` (2)`, ` (3)`, …). Prints
//! each file written; an id not in the library is one `error:` line (exit 1).

use std::path::PathBuf;

use ficshelf_library::{ExportFormat, Library, LibraryError, MAX_LIMIT, WorkId};

use crate::cmd::search::Filters;
use crate::library_arg::{LibraryArg, fatal};
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Ids of the works to export.
    #[arg(value_name = "ID")]
    ids: Vec<WorkId>,
    /// Export every work in the library.
    #[arg(long, conflicts_with_all = ["ids", "search"])]
    all: bool,
    /// Export every work a search finds: its words (may be left out) and the filters below,
    /// as for `ficshelf search`. Filters alone also select works.
    #[arg(long, value_name = "WORDS", num_args = 0..=1, default_missing_value = "", conflicts_with = "ids")]
    search: Option<String>,
    #[command(flatten)]
    filters: Filters,
    /// The folder to write into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// epub, html, txt, md or json.
    #[arg(short, long, value_name = "FORMAT", default_value = "epub")]
    format: ExportFormat,
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let searching = args.search.is_some() || args.filters.any();
    if args.ids.is_empty() && !args.all && !searching {
        report::error_msg("say which works to export: IDs, --all, or --search [WORDS] and filters");
        return Outcome::Environment;
    }
    if !args.ids.is_empty() && args.filters.any() {
        report::error_msg("give either IDs or search filters, not both");
        return Outcome::Environment;
    }
    let library = match args.library.open_for_reading() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let ids = if args.all {
        library.ids()
    } else if searching {
        let words: Vec<String> = args.search.iter().cloned().collect();
        matching(&library, &args.filters, &words)
    } else {
        Ok(args.ids.clone())
    };
    let ids = match ids {
        Ok(ids) => ids,
        Err(e) => return fatal(&library, &e),
    };
    let exported = match library.export(&ids, &args.output, args.format) {
        Ok(exported) => exported,
        Err(e) => {
            report::error(args.output.display(), &e);
            return Outcome::Environment;
        }
    };
    let mut outcome = Outcome::Ok;
    let mut out = String::new();
    for e in exported {
        match e.result {
            Ok(path) => out.push_str(&format!("{}\n", path.display())),
            Err(err) => {
                report::error_msg(format!("work {}: {err}", e.id));
                outcome = Outcome::InputRefused;
            }
        }
    }
    if let Err(e) = report::print_stdout(&out) {
        report::error("stdout", &e);
        return Outcome::Environment;
    }
    outcome
}

/// Every work the search finds, page by page.
fn matching(
    library: &Library,
    filters: &Filters,
    words: &[String],
) -> Result<Vec<WorkId>, LibraryError> {
    let mut query = filters.query(words);
    query.limit = MAX_LIMIT;
    let mut ids = Vec::new();
    loop {
        let page = library.search(&query)?;
        let n = page.hits.len();
        ids.extend(page.hits.into_iter().map(|h| h.id));
        query.offset += MAX_LIMIT;
        if n == 0 || query.offset as u64 >= page.total {
            return Ok(ids);
        }
    }
}
