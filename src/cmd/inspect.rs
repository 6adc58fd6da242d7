//! `ficshelf inspect FILE...`: read each file into a Work and show it, as an AO3-like summary,
//! as schema-1 JSON, or (`--explain`, in `cmd::explain`) line by line with what each part fed.
//! One unreadable file is reported and the others are still shown.

use std::path::PathBuf;

use ficshelf_ingest::read_path;
use ficshelf_model::Work;

use crate::color::{Palette, When};
use crate::read_options::ReadArgs;
use crate::report::{self, Outcome};
use crate::summary;

#[derive(clap::Args)]
pub struct Args {
    /// Fic files to read (plain text, HTML or EPUB).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the Work as JSON (schema 1): an object for one file, an array for several.
    #[arg(long, conflicts_with = "explain")]
    json: bool,
    /// Show the file itself with what each line fed, by which rule, and every mapping decision.
    #[arg(long)]
    explain: bool,
    /// Colour the --explain output: auto (on a terminal, unless NO_COLOR is set), always, never.
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
    if args.explain {
        return crate::cmd::explain::run(&args.files, &opts, Palette::for_stdout(args.color));
    }
    let mut outcome = Outcome::Ok;
    let mut works: Vec<Work> = Vec::new();
    for path in &args.files {
        match read_path(path, &opts) {
            Ok(work) => {
                if !args.json {
                    let mut text = summary::render(&work);
                    if args.files.len() > 1 && !works.is_empty() {
                        text.insert(0, '\n');
                    }
                    if let Err(e) = report::print_stdout(&text) {
                        report::error("stdout", &e);
                        return Outcome::Environment;
                    }
                }
                works.push(work);
            }
            Err(e) => {
                report::error(path.display(), &e);
                outcome = outcome.max(Outcome::InputRefused);
            }
        }
    }
    if args.json {
        let json = match (args.files.len(), works.as_slice()) {
            (1, [work]) => serde_json::to_string_pretty(work),
            (1, []) => return outcome,
            _ => serde_json::to_string_pretty(&works),
        };
        let printed = json
            .map_err(std::io::Error::other)
            .and_then(|text| report::print_stdout(&(text + "\n")));
        if let Err(e) = printed {
            report::error("stdout", &e);
            return Outcome::Environment;
        }
    }
    outcome
}
