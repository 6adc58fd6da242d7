//! `--limit KEY=VALUE` (repeatable) and the library's `ficshelf.toml`: the limits a command
//! runs with are the defaults (`ficshelf_model::Limits`), then the file's `[limits]` table,
//! then the flags, so that a flag always wins. An unusable file or flag is a usage error:
//! one line `error: <file or --limit>: <reason>`, exit 2, before any input is read.

use std::path::Path;

use ficshelf_model::{Limits, config};

use crate::library_arg::LibraryArg;
use crate::report::{self, Outcome};

/// The settings file a library may hold.
pub const CONFIG_FILE: &str = "ficshelf.toml";

#[derive(clap::Args, Debug, Clone, Default)]
pub struct LimitArgs {
    /// Change one limit for this run, over the library's ficshelf.toml (repeatable; keys and
    /// defaults in README.md "Limits"): --limit max_file_bytes=128MiB --limit max_chapters=500.
    #[arg(long = "limit", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

impl LimitArgs {
    /// The limits for a command on `library` (whose `ficshelf.toml` is read when the library
    /// can be named and the file exists), or the outcome to stop with, already reported.
    pub fn resolve(&self, library: &LibraryArg) -> Result<Limits, Outcome> {
        let mut limits = Limits::default();
        if let Ok(dir) = library.dir() {
            apply_file(&mut limits, &dir.join(CONFIG_FILE))?;
        }
        for flag in &self.set {
            if let Err(e) = config::apply_flag(&mut limits, flag) {
                report::error_msg(format!("--limit: {e}"));
                return Err(Outcome::Environment);
            }
        }
        Ok(limits)
    }
}

/// Apply `path` if it exists. A file that exists but cannot be read is an error too: limits
/// the user wrote must not be skipped quietly.
fn apply_file(limits: &mut Limits, path: &Path) -> Result<(), Outcome> {
    let fail = |reason: String| {
        report::error_msg(format!("{}: {reason}", path.display()));
        Outcome::Environment
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".into()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(fail(format!("cannot read: {e}"))),
    };
    config::apply_toml(limits, &text).map_err(|e| fail(e.to_string()))
}
