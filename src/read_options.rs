//! The options every command that reads fic files shares (`inspect`, `convert`, `audit`,
//! `import`, `reparse`): the limits (the library's `ficshelf.toml`, then `--limit KEY=VALUE`
//! flags) and the archivist's tag map. Loaded once, before any input is read; a setting that
//! cannot be used is a usage error (`error: <file>: <reason>`, exit 2).

use std::path::{Path, PathBuf};

use ficshelf_ingest::Options;
use ficshelf_model::Limits;
use ficshelf_normalize::TagMap;

use crate::library_arg::LibraryArg;
use crate::limits_arg::LimitArgs;
use crate::report::{self, Outcome};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReadArgs {
    /// Apply an archivist's tag map (CSV in Open Doors' tag-wrangling shape: Original Tag,
    /// Original Tag Type, Recommended AO3 Tag, Recommended AO3 Type; see docs/mapping.md).
    #[arg(long, value_name = "FILE.csv")]
    pub tag_map: Option<PathBuf>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

impl ReadArgs {
    /// The ingest options these arguments ask for, with the limits of the default library's
    /// `ficshelf.toml` (commands that read files outside a library: inspect, convert, audit),
    /// or the outcome to stop with (the error is already printed).
    pub fn options(&self) -> Result<Options, Outcome> {
        self.options_in(&LibraryArg::default())
    }

    /// The same, with the limits of `library`'s `ficshelf.toml`.
    pub fn options_in(&self, library: &LibraryArg) -> Result<Options, Outcome> {
        let mut opts = Options {
            limits: self.limits.resolve(library)?,
            ..Options::default()
        };
        if let Some(path) = &self.tag_map {
            match load_tag_map(path, &opts.limits) {
                Ok(map) => opts.normalize.tag_map = Some(map),
                Err(reason) => {
                    report::error_msg(format!("{}: {reason}", path.display()));
                    return Err(Outcome::Environment);
                }
            }
        }
        Ok(opts)
    }
}

/// Read and parse a tag map. Spreadsheets save CSV in many encodings (UTF-8 with or without a
/// BOM, UTF-16, windows-1252): the text goes through ingest's decoder like any fic file.
pub fn load_tag_map(path: &Path, limits: &Limits) -> Result<TagMap, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    // A wrangling sheet of a whole archive is a few MB; more is not a tag map.
    let limit = limits.max_tag_map_bytes;
    if meta.len() > limit {
        return Err(format!(
            "tag map is {} bytes, over the {limit} bytes limit (max_tag_map_bytes)",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let text = ficshelf_ingest::decode::decode(&bytes, None).text;
    TagMap::from_csv(&text).map_err(|e| e.to_string())
}
