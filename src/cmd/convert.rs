//! `ficshelf convert FILE -o OUT`: read one fic file and write it in another format, chosen by
//! `--format` or by the output's extension. The output appears whole or not at all.

use std::path::PathBuf;

use ficshelf_export::{ExportFormat, write_file};
use ficshelf_ingest::read_path;

use crate::read_options::ReadArgs;
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// The fic file to read (plain text, HTML or EPUB).
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// Where to write the result; an existing file is replaced.
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// Output format: epub, html, txt, md or json. Default: from the output's extension.
    #[arg(short, long, value_name = "FORMAT")]
    format: Option<ExportFormat>,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(args: Args) -> Outcome {
    let Some(format) = args
        .format
        .or_else(|| ExportFormat::from_path(&args.output))
    else {
        report::error_msg(format!(
            "{}: cannot tell the output format from the extension; use --format epub|html|txt|md|json",
            args.output.display()
        ));
        return Outcome::Environment;
    };
    let opts = match args.read.options() {
        Ok(opts) => opts,
        Err(outcome) => return outcome,
    };
    let work = match read_path(&args.input, &opts) {
        Ok(work) => work,
        Err(e) => {
            report::error(args.input.display(), &e);
            return Outcome::InputRefused;
        }
    };
    match write_file(&work, format, &args.output) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            report::error(args.output.display(), &e);
            Outcome::Environment
        }
    }
}
