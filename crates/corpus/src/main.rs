//! `ficshelf-corpus`: write a synthetic fan-fiction library for benchmarks and soak tests.
//!
//! ```text
//! ficshelf-corpus OUT_DIR [--works N] [--seed S] [--mix TXT,HTML,EPUB]
//! ficshelf-corpus --story OUT_FILE --words N --chapters N [--seed S]   # one legacy txt story
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use ficshelf_corpus::{Generator, Mix, legacy_text, write_corpus};

fn usage() -> ExitCode {
    eprintln!(
        "usage: ficshelf-corpus OUT_DIR [--works N] [--seed S] [--mix TXT,HTML,EPUB]\n       \
         ficshelf-corpus --story OUT_FILE --words N --chapters N [--seed S]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out: Option<PathBuf> = None;
    let mut story: Option<PathBuf> = None;
    let (mut works, mut seed, mut words, mut chapters) = (1_000u64, 1u64, 12_000u64, 7usize);
    let mut mix = Mix::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned();
        let parsed = match arg.as_str() {
            "--works" => value().and_then(|v| v.parse().ok()).map(|v| works = v),
            "--seed" => value().and_then(|v| v.parse().ok()).map(|v| seed = v),
            "--words" => value().and_then(|v| v.parse().ok()).map(|v| words = v),
            "--chapters" => value().and_then(|v| v.parse().ok()).map(|v| chapters = v),
            "--story" => value().map(|v| story = Some(PathBuf::from(v))),
            "--mix" => value().and_then(|v| parse_mix(&v)).map(|m| mix = m),
            s if !s.starts_with('-') && out.is_none() => {
                out = Some(PathBuf::from(s));
                Some(())
            }
            _ => None,
        };
        if parsed.is_none() {
            return usage();
        }
    }
    if let Some(path) = story {
        let mut generator = Generator::new(seed, 1);
        let g = generator.work(Some(words), Some(chapters));
        let bytes = legacy_text(&g, generator.rng());
        return match std::fs::write(&path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                ExitCode::from(2)
            }
        };
    }
    let Some(dir) = out else { return usage() };
    match write_corpus(&dir, works, seed, mix) {
        Ok(files) => {
            println!("wrote {} files under {}", files.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            ExitCode::from(2)
        }
    }
}

fn parse_mix(s: &str) -> Option<Mix> {
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [t, h, e] if t + h + e > 0.0 => Some(Mix {
            legacy_txt: *t,
            html: *h,
            epub: *e,
        }),
        _ => None,
    }
}
