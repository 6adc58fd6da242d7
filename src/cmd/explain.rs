//! `ficshelf inspect --explain FILE...`: each file shown with what ficshelf made of it (see
//! `explain_view`). One unreadable file is reported and the others are still explained.

use std::path::PathBuf;

use ficshelf_ingest::Options;

use crate::color::Palette;
use crate::explain_view;
use crate::report::{self, Outcome};

pub fn run(files: &[PathBuf], opts: &Options, palette: Palette) -> Outcome {
    let mut outcome = Outcome::Ok;
    let mut shown = 0;
    for path in files {
        match ficshelf_ingest::explain(path, opts) {
            Ok(explained) => {
                let mut text = explain_view::render(&explained, palette);
                if shown > 0 {
                    text.insert(0, '\n');
                }
                shown += 1;
                if let Err(e) = report::print_stdout(&text) {
                    report::error("stdout", &e);
                    return Outcome::Environment;
                }
            }
            Err(e) => {
                report::error(path.display(), &e);
                outcome = outcome.max(Outcome::InputRefused);
            }
        }
    }
    outcome
}
