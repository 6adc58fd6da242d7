//! `ficshelf-corpus-hostile DIR`: write the hostile corpus (see `ficshelf_corpus::hostile`)
//! for trying an import against everything at once.
//!
//! ```text
//! ficshelf-corpus-hostile DIR [--line-mb N] [--bomb-mb N] [--depth N] [--entries N]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use ficshelf_corpus::hostile::{HostileOptions, write_hostile};

fn usage() -> ExitCode {
    eprintln!(
        "usage: ficshelf-corpus-hostile DIR [--line-mb N] [--bomb-mb N] [--depth N] [--entries N]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut opts = HostileOptions::default();
    let mut dir: Option<PathBuf> = None;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = || it.next().and_then(|v| v.parse::<usize>().ok());
        let parsed = match arg.as_str() {
            "--line-mb" => number().map(|n| opts.long_line_bytes = n << 20),
            "--bomb-mb" => number().map(|n| opts.bomb_bytes = n << 20),
            "--depth" => number().map(|n| opts.depth = n),
            "--entries" => number().map(|n| opts.many_entries = n),
            s if !s.starts_with('-') && dir.is_none() => {
                dir = Some(PathBuf::from(s));
                Some(())
            }
            _ => None,
        };
        if parsed.is_none() {
            return usage();
        }
    }
    let Some(dir) = dir else { return usage() };
    match write_hostile(&dir, &opts) {
        Ok(files) => {
            for f in &files {
                println!("{:<40} {:?}: {}", f.name, f.expect, f.what);
            }
            println!(
                "wrote {} hostile files under {}",
                files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}
