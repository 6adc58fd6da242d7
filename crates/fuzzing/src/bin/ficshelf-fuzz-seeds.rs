//! `ficshelf-fuzz-seeds TARGET DIR`: write the seed corpus of one fuzz target into DIR (used
//! by `scripts/fuzz.sh` before each run; the same seeds the replay test runs in CI).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [target, dir] = args.as_slice() else {
        eprintln!("usage: ficshelf-fuzz-seeds TARGET DIR");
        return ExitCode::from(2);
    };
    if !ficshelf_fuzzing::TARGETS.iter().any(|(n, _)| n == target) {
        eprintln!("error: {target}: not a fuzz target");
        return ExitCode::from(2);
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {dir}: {e}");
        return ExitCode::from(2);
    }
    for (i, (_, bytes)) in ficshelf_fuzzing::seeds::seeds(target).iter().enumerate() {
        let path = std::path::Path::new(dir).join(format!("seed-{i:04}"));
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
