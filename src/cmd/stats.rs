//! `ficshelf stats`: what the library holds — works, chapters, words, source files, older
//! versions; works per format, rating, status and language — and its size on disk.

use std::fmt::Write as _;

use ficshelf_library::LibraryStats;

use crate::library_arg::{LibraryArg, fatal};
use crate::report::{self, Outcome};
use crate::summary::thousands;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open_for_reading() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let stats = match library.stats() {
        Ok(stats) => stats,
        Err(e) => return fatal(&library, &e),
    };
    match report::print_stdout(&render(&stats)) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            report::error("stdout", &e);
            Outcome::Environment
        }
    }
}

fn render(s: &LibraryStats) -> String {
    let t = &s.store;
    let mut out = String::new();
    let mut line = |label: &str, value: String| {
        let _ = writeln!(out, "{label:<11}{value}");
    };
    line("works", thousands(t.works));
    line("chapters", thousands(t.chapters));
    line("words", thousands(t.words));
    line(
        "sources",
        format!(
            "{} files, {} as imported",
            thousands(t.sources),
            size(t.source_bytes)
        ),
    );
    let versions = if t.history == 1 {
        "version"
    } else {
        "versions"
    };
    line(
        "history",
        format!("{} older {versions}", thousands(t.history)),
    );
    let group = |rows: &[(String, u64)]| -> String {
        rows.iter()
            .map(|(k, n)| format!("{} {}", if k.is_empty() { "?" } else { k }, thousands(*n)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    line("formats", group(&t.by_format));
    line("ratings", group(&t.by_rating));
    line("status", group(&t.by_status));
    let languages: Vec<(String, u64)> = t
        .by_language
        .iter()
        .map(|(l, n)| (l.clone().unwrap_or_else(|| "none".into()), *n))
        .collect();
    line("languages", group(&languages));
    let d = &s.disk;
    line(
        "on disk",
        format!(
            "{} (database {}, originals {}, search index {})",
            size(d.total()),
            size(d.database),
            size(d.originals),
            size(d.index)
        ),
    );
    out
}

/// Bytes for people: `532 B`, `12.3 KB`, `4.1 MB`, `1.2 GB`.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(size(532), "532 B");
        assert_eq!(size(12_300), "12.3 KB");
        assert_eq!(size(4_100_000), "4.1 MB");
        assert_eq!(size(1_200_000_000), "1.2 GB");
    }
}
