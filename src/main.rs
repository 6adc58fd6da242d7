//! The `ficshelf` command line: a thin layer that parses arguments, calls the library crates'
//! facades (one file per subcommand under `cmd/`), prints results and maps outcomes to exit
//! codes: 0 all good, 1 some input refused, 2 usage or environment error.

mod audit_view;
mod cmd;
mod color;
mod explain_lines;
mod explain_view;
mod library_arg;
mod limits_arg;
mod read_options;
mod report;
mod summary;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ficshelf",
    version,
    about = "Read fan-fiction files into clean, structured works; convert them to EPUB, HTML, text, Markdown or JSON.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show what ficshelf makes of one or more fic files (txt, html, epub).
    Inspect(cmd::inspect::Args),
    /// Convert a fic file to EPUB, HTML, TXT, Markdown or JSON.
    Convert(cmd::convert::Args),
    /// Check fic files (or whole directories) for what AO3 would refuse or show badly.
    Audit(cmd::audit::Args),
    /// Import fic files and folders into the library (deduplicated, searchable).
    Import(cmd::import::Args),
    /// Search the library: words and AO3-style filters.
    Search(cmd::search::Args),
    /// Show one work of the library.
    Show(cmd::show::Args),
    /// Export works from the library as EPUB, HTML, TXT, Markdown or JSON files.
    Export(cmd::export::Args),
    /// Remove works from the library.
    Remove(cmd::remove::Args),
    /// What the library holds, and its size on disk.
    Stats(cmd::stats::Args),
    /// Every tag in the library with its type and count (CSV for tag wranglers).
    Tags(cmd::tags::Args),
    /// Check that the library database and its search index are whole and agree.
    Check(cmd::check::Args),
    /// Browse, filter and read the library in a web browser, with a JSON API.
    Serve(cmd::serve::Args),
    /// Rebuild the search index from the library database.
    Reindex(cmd::reindex::Args),
    /// Read every kept original again with this ficshelf and update what changed.
    Reparse(cmd::reparse::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version on stdout with exit 0, usage errors with exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Inspect(args) => cmd::inspect::run(args),
        Command::Convert(args) => cmd::convert::run(args),
        Command::Audit(args) => cmd::audit::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Remove(args) => cmd::remove::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Tags(args) => cmd::tags::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Reindex(args) => cmd::reindex::run(args),
        Command::Reparse(args) => cmd::reparse::run(args),
    };
    outcome.exit_code()
}
