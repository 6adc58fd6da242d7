//! Print the `RawWork` a file reads to (before normalization) as JSON: a debugging aid for
//! reader work. `cargo run -p ficshelf-ingest --example raw -- <file>...`

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in std::env::args().skip(1) {
        let opts = ficshelf_ingest::Options::default();
        let result = std::fs::read(&path)
            .map_err(ficshelf_ingest::IngestError::from)
            .and_then(|bytes| ficshelf_ingest::read_raw(&path, &bytes, &opts));
        match result {
            Ok(raw) => match serde_json::to_string_pretty(&raw) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("error: {path}: {e}"),
            },
            Err(e) => {
                eprintln!("error: {path}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
