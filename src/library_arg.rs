//! `--library DIR`, shared by every command that works on a library (`import`, `search`, `show`,
//! `export`, `remove`, `stats`, `tags`, `check`, `reindex`, `reparse`): which library, opening
//! it with one-line errors (exit 2) — read-only where the folder cannot be written and the
//! command only reads — and printing what the library repaired on its own as `note: …` lines.
//!
//! Which library: `--library DIR`; else `$FICSHELF_LIBRARY`; else the XDG data directory,
//! `$XDG_DATA_HOME/ficshelf` or `~/.local/share/ficshelf`.

use std::path::{Path, PathBuf};

use ficshelf_library::{Library, LibraryError};

use crate::report::{self, Outcome};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct LibraryArg {
    /// The library folder. Default: $FICSHELF_LIBRARY, else $XDG_DATA_HOME/ficshelf
    /// (~/.local/share/ficshelf).
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,
}

impl LibraryArg {
    /// The library directory this run uses.
    pub fn dir(&self) -> Result<PathBuf, String> {
        if let Some(dir) = &self.library {
            return Ok(dir.clone());
        }
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        if let Some(dir) = var("FICSHELF_LIBRARY") {
            return Ok(PathBuf::from(dir));
        }
        // The XDG spec ignores a relative XDG_DATA_HOME.
        if let Some(data) = var("XDG_DATA_HOME").map(PathBuf::from)
            && data.is_absolute()
        {
            return Ok(data.join("ficshelf"));
        }
        match var("HOME") {
            Some(home) => Ok(Path::new(&home).join(".local/share/ficshelf")),
            None => Err("no library given: use --library DIR or set FICSHELF_LIBRARY".into()),
        }
    }

    /// Open the library (it must exist), or print why not and give the outcome to stop with.
    pub fn open(&self) -> Result<Library, Outcome> {
        self.open_with(Library::open)
    }

    /// Open the library for a command that only reads (`search`, `show`, `export`, `stats`,
    /// `tags`, `check`, `serve` without uploads). Where the library folder cannot be written
    /// (read-only media or mount, no permission), it is opened read-only, with a note.
    pub fn open_for_reading(&self) -> Result<Library, Outcome> {
        self.open_with(|dir| match Library::open(dir) {
            Err(LibraryError::Unwritable { reason }) => {
                let library = Library::open_read_only(dir)?;
                eprintln!(
                    "note: {}: the folder cannot be written ({reason}); reading the library as \
                     it is",
                    dir.display()
                );
                Ok(library)
            }
            other => other,
        })
    }

    /// Open the library, creating it if there is none (`import`).
    pub fn open_or_create(&self) -> Result<Library, Outcome> {
        self.open_with(Library::open_or_create)
    }

    fn open_with(
        &self,
        open: impl FnOnce(&Path) -> Result<Library, LibraryError>,
    ) -> Result<Library, Outcome> {
        let dir = self.dir().map_err(|reason| {
            report::error_msg(reason);
            Outcome::Environment
        })?;
        match open(&dir) {
            Ok(library) => {
                print_notices(&library);
                Ok(library)
            }
            Err(e) => {
                report::error(dir.display(), &e);
                Err(Outcome::Environment)
            }
        }
    }
}

/// Print what the library did on its own (an index rebuilt, one left to another process).
pub fn print_notices(library: &Library) {
    for notice in library.take_notices() {
        eprintln!("note: {notice}");
    }
}

/// Print a library error that ends the command (`error: <library>: <reason>`): exit 2.
pub fn fatal(library: &Library, e: &LibraryError) -> Outcome {
    print_notices(library);
    // SQLite's and tantivy's words for a full disk or a read-only folder do not say what to
    // fix; the operating system's do.
    let refusal = match e {
        LibraryError::Store(_) | LibraryError::Search(_) => library.write_refusal(),
        _ => None,
    };
    match refusal {
        Some(refusal) => report::error(library.dir().display(), &refusal),
        None => report::error(library.dir().display(), e),
    }
    Outcome::Environment
}
