//! `ficshelf import PATH...`: files and folders into the library (`Library::import`), with a
//! progress bar on a terminal (works/s, errors so far; nothing when piped), one
//! `error: <path>: <reason>` line per file refused, and one summary line
//! `imported N, updated N, unchanged N, failed N`. Exit 0 when every file was taken, 1 when
//! some were refused, 2 when the library itself failed (what was written before stays).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use ficshelf_library::{Counts, FileOutcome, ImportOptions, Library, Progress};
use indicatif::{ProgressBar, ProgressStyle};

use crate::library_arg::{LibraryArg, fatal, print_notices};
use crate::read_options::ReadArgs;
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Fic files and folders (walked recursively, hidden files included; links leading out of
    /// a folder are not followed).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    batch: BatchArgs,
}

/// What `import` and `reparse` share: reading threads, how files are read, and the library.
#[derive(clap::Args)]
pub struct BatchArgs {
    /// Reading threads (default: four per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    library: LibraryArg,
}

impl BatchArgs {
    /// The library (as `open` opens it) and the options of a batch over it, with the
    /// allocator tuned for a long run.
    pub fn prepare(
        &self,
        open: impl FnOnce(&LibraryArg) -> Result<Library, Outcome>,
    ) -> Result<(Library, ImportOptions), Outcome> {
        let read = self.read.options_in(&self.library)?;
        let library = open(&self.library)?;
        tune_malloc();
        let opts = ImportOptions {
            read,
            threads: self.threads.filter(|n| *n > 0),
        };
        Ok((library, opts))
    }
}

pub fn run(args: Args) -> Outcome {
    let (library, opts) = match args.batch.prepare(LibraryArg::open_or_create) {
        Ok(prepared) => prepared,
        Err(outcome) => return outcome,
    };
    let bar = Bar::new("importing");
    let result = library.import(&args.paths, &opts, |p| bar.update(p));
    bar.finish();
    let report = match result {
        Ok(report) => report,
        Err(e) => return fatal(&library, &e),
    };
    print_notices(&library);
    for file in &report.files {
        if let FileOutcome::Failed(e) = &file.outcome {
            report::error(file.path.display(), e);
        }
    }
    let c = report.counts;
    let line = format!(
        "imported {}, updated {}, unchanged {}, failed {}\n",
        c.imported, c.updated, c.unchanged, c.failed
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

/// The progress bar of `import` and `reparse`: drawn on stderr only when it is a terminal.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new(verb: &str) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(ProgressBar::hidden());
        }
        let bar = ProgressBar::new(0);
        let template = format!("{verb} {{bar:30}} {{pos}}/{{len}} {{msg}} ({{elapsed}})");
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(Duration::from_millis(250));
        Bar(bar)
    }

    pub fn update(&self, p: &Progress) {
        self.0.set_length(p.total);
        self.0.set_position(p.done);
        let secs = p.elapsed.as_secs_f64().max(0.001);
        self.0.set_message(message(&p.counts, p.done as f64 / secs));
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn message(c: &Counts, per_second: f64) -> String {
    let errors = match c.failed {
        0 => "no errors".to_string(),
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    format!("{per_second:.0} works/s, {errors}")
}

/// glibc's allocator tuned for a long import or reparse, for the rest of this process:
///
/// - at most two malloc arenas. By default glibc gives each reading thread an arena of its
///   own, and each arena keeps the memory of the largest works it has seen (a 50,000-work
///   import into the 100k benchmark library peaked at 505 MB; with two arenas 10,000 works
///   peaked at 142 MB instead of 210 MB, at the same CPU time within noise);
/// - a fixed mmap threshold of 1 MiB and a trim threshold of 1 MiB. glibc raises its mmap
///   threshold each time a large block is freed, so after a few long works every large
///   buffer came from the arenas, which fragmented and grew with the number of works
///   imported: 40,000 works peaked at 297 MB (211 MB of it the heap), and 189 MB with these
///   settings (512 KiB: 183 MB; 2 MiB: 279 MB; 4 MiB: 249–273 MB), in the same CPU time
///   within noise.
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // glibc's parameter numbers (malloc.h).
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        const M_ARENA_MAX: i32 = -8;
        // SAFETY: mallopt only sets allocator tuning values; it is called before the reading
        // threads start, and a refusal (return 0) just leaves glibc's default.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
            mallopt(M_MMAP_THRESHOLD, 1 << 20);
            mallopt(M_TRIM_THRESHOLD, 1 << 20);
        }
    }
}
