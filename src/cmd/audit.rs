//! `ficshelf audit FILE|DIR...`: read every fic file named or found under the directories
//! (`walk`), check each work with `ficshelf_audit`, and list what would stop or spoil an AO3
//! import. Exit 0 when nothing is wrong, 1 when a work has a problem or a file cannot be read
//! (each `error: <path>: <reason>`, the others still audited), 2 on usage errors.

use std::path::PathBuf;

use ficshelf_ingest::read_path;

use crate::audit_view::{self, Audited};
use crate::color::{Palette, When};
use crate::read_options::ReadArgs;
use crate::report::{self, Outcome};
use crate::walk;

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
    let found = walk::files(&args.paths);
    let mut outcome = Outcome::Ok;
    for (path, reason) in &found.errors {
        report::error_msg(format!("{}: {reason}", path.display()));
        outcome = outcome.max(Outcome::InputRefused);
    }
    let mut audited = Vec::new();
    let mut unreadable = found.errors.len();
    for path in &found.files {
        let work = match read_path(path, &opts) {
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
        audit_view::summary(&audited, unreadable, found.links_out.len(), palette)
    };
    if let Err(e) = report::print_stdout(&text) {
        report::error("stdout", &e);
        return Outcome::Environment;
    }
    outcome
}
