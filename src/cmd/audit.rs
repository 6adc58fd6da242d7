//! `ficshelf audit FILE|DIR...`: read every fic file named or found under the directories
//! (`ficshelf_library::walk`, as `import` does), check each work with `ficshelf_audit`, and list what would stop or spoil an AO3
//! import. Exit 0 when nothing is wrong, 1 when a work has a problem or a file cannot be read
//! (each `error: <path>: <reason>`, the others still audited), 2 on usage errors.

use std::path::PathBuf;

use ficshelf_ingest::read_bytes;
use ficshelf_library::{FileError, walk};

use crate::audit_view::{self, Audited};
use crate::color::{Palette, When};
use crate::read_options::ReadArgs;
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Fic files, or directories to search recursively for .txt, .md, .html and .epub files.
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    /// Print a JSON array of {path, title, problems: [{code, message, ...}]} for scripts.
    #[arg(long)]
    json: bool,
    /// Colour the report: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: When,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(args: Args) -> Outcome {
    let opts = match args.read.options() {
        Ok(opts) => opts,
        Err(outcome) => return outcome,
    };
    let palette = Palette::for_stdout(args.color);
    // The same walk as `import`: the same files taken, the same links refused.
    let mut outcome = Outcome::Ok;
    let mut audited = Vec::new();
    let (mut unreadable, mut links_out) = (0, 0);
    for found in walk::files(&args.paths) {
        let (path, seen) = match found {
            walk::Found::File(path, seen) => (path, seen),
            walk::Found::Refused(_, FileError::LinkOutOfTree) => {
                links_out += 1;
                continue;
            }
            walk::Found::Refused(path, e) => {
                report::error(path.display(), &e);
                unreadable += 1;
                outcome = outcome.max(Outcome::InputRefused);
                continue;
            }
        };
        let read = walk::read_found(&path, seen, opts.limits.max_file_bytes)
            .and_then(|bytes| Ok(read_bytes(&path.display().to_string(), &bytes, &opts)?));
        let work = match read {
            Ok(work) => work,
            Err(e) => {
                report::error(path.display(), &e);
                unreadable += 1;
                outcome = outcome.max(Outcome::InputRefused);
                continue;
            }
        };
        let problems = ficshelf_audit::audit(&work);
        if !problems.is_empty() {
            outcome = outcome.max(Outcome::Problems);
        }
        let one = Audited {
            path: path.display().to_string(),
            title: work.title,
            problems,
        };
        if !args.json {
            // Printed as it goes: a large archive shows progress, and a closed pipe stops it.
            let text = audit_view::work(&one, palette);
            if !text.is_empty()
                && let Err(e) = report::print_stdout(&text)
            {
                report::error("stdout", &e);
                return Outcome::Environment;
            }
        }
        audited.push(one);
    }
    let text = if args.json {
        audit_view::json(&audited) + "\n"
    } else {
        audit_view::summary(&audited, unreadable, links_out, palette)
    };
    if let Err(e) = report::print_stdout(&text) {
        report::error("stdout", &e);
        return Outcome::Environment;
    }
    outcome
}
