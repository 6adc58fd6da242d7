//! `ficshelf tags [--json|--csv]`: every tag in the library with its type and how many works
//! carry it — the table an archivist hands to tag wranglers.
//!
//! `--csv` is in the shape of Open Doors' tag-wrangling sheet, which `--tag-map` reads back:
//! `Original Tag, Original Tag Type, Works, Recommended AO3 Tag, Recommended AO3 Type`, the
//! recommendations filled with the tag itself, so that the sheet maps nothing until a
//! wrangler edits a row (an empty recommendation would mean "drop this tag").

use ficshelf_library::TagCount;
use serde_json::json;

use crate::library_arg::{LibraryArg, fatal};
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Print a JSON array of {type, name, works}.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV for wranglers (a tag map once edited; see `--tag-map`).
    #[arg(long)]
    csv: bool,
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let library = match args.library.open_for_reading() {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let tags = match library.tags() {
        Ok(tags) => tags,
        Err(e) => return fatal(&library, &e),
    };
    let text = if args.json {
        let rows: Vec<_> = tags
            .iter()
            .map(|t| json!({ "type": t.kind.as_str(), "name": t.name, "works": t.works }))
            .collect();
        serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
    } else if args.csv {
        csv(&tags)
    } else {
        table(&tags)
    };
    match report::print_stdout(&text) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            report::error("stdout", &e);
            Outcome::Environment
        }
    }
}

fn table(tags: &[TagCount]) -> String {
    let width = tags
        .iter()
        .map(|t| t.works.to_string().len())
        .max()
        .unwrap_or(1);
    tags.iter()
        .map(|t| format!("{:<13}{:>width$}  {}\n", t.kind.as_str(), t.works, t.name))
        .collect()
}

fn csv(tags: &[TagCount]) -> String {
    let mut out = String::from(
        "Original Tag,Original Tag Type,Works,Recommended AO3 Tag,Recommended AO3 Type\r\n",
    );
    for t in tags {
        let kind = t.kind.as_str();
        let name = field(&t.name);
        out.push_str(&format!("{name},{kind},{},{name},{kind}\r\n", t.works));
    }
    out
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
/// doubled. A leading `=`, `+`, `-` or `@` is kept as written (these are tags, not formulas;
/// spreadsheets show them as text when the field is quoted).
fn field(value: &str) -> String {
    let needs = value.contains([',', '"', '\n', '\r'])
        || value.starts_with(['=', '+', '-', '@'])
        || value.trim() != value;
    if needs {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("Angst"), "Angst");
        assert_eq!(field("Angst, Hurt/Comfort"), "\"Angst, Hurt/Comfort\"");
        assert_eq!(field("the \"good\" one"), "\"the \"\"good\"\" one\"");
        assert_eq!(field("=cmd"), "\"=cmd\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
