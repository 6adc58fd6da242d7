//! Every writer over every sample work (non-Latin and right-to-left text, every allowlisted
//! element, hostile strings, no chapters): output that parses back in its own format.

mod common;

use ficshelf_export::{ExportFormat, render};
use ficshelf_model::Work;

fn text(work: &Work, format: ExportFormat) -> String {
    String::from_utf8(render(work, format).unwrap()).unwrap()
}

#[test]
fn html_pages_parse_without_errors() {
    for (name, work) in common::all() {
        let page = text(&work, ExportFormat::Html);
        let doc = scraper::Html::parse_document(&page);
        assert!(doc.errors.is_empty(), "{name}: {:?}", doc.errors);
        assert!(
            !page.contains("<script") && !page.contains("<img"),
            "{name}"
        );
    }
}

#[test]
fn markdown_front_matter_parses_back() {
    for (name, work) in common::all() {
        let md = text(&work, ExportFormat::Md);
        let rest = md.strip_prefix("---\n").unwrap();
        let yaml = &rest[..rest.find("\n---\n").unwrap() + 1];
        let v: serde_norway::Value =
            serde_norway::from_str(yaml).unwrap_or_else(|e| panic!("{name}: {e}\n{yaml}"));
        let title = ficshelf_export_title(&work);
        assert_eq!(v["title"].as_str(), Some(title.as_str()), "{name}");
        assert_eq!(v["words"].as_u64(), Some(work.words), "{name}");
        assert_eq!(
            v["authors"].as_sequence().map(Vec::len),
            Some(
                work.authors
                    .iter()
                    .filter(|a| !a.name.trim().is_empty())
                    .count()
            ),
            "{name}"
        );
    }
}

/// The title as the writers show it: one line, never empty.
fn ficshelf_export_title(work: &Work) -> String {
    let t: String = work.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() { "Untitled".into() } else { t }
}

#[test]
fn text_lines_fit_78_columns_unless_one_word() {
    for (name, work) in common::all() {
        let txt = text(&work, ExportFormat::Txt);
        assert!(txt.ends_with('\n') && !txt.contains('\r'), "{name}");
        for line in txt.lines() {
            let words = line.split_whitespace().count();
            let label_only = line.split(": ").count() == 2 && words <= 3;
            assert!(
                line.chars().count() <= 78 || words <= 1 || label_only,
                "{name}: {line:?}"
            );
        }
        assert!(
            txt.contains(
                "\n========================================================================\n"
            ),
            "{name}"
        );
    }
}

#[test]
fn json_round_trips_and_every_format_is_deterministic() {
    for (name, work) in common::all() {
        let json = text(&work, ExportFormat::Json);
        let back: Work = serde_json::from_str(&json).unwrap();
        // NaN (in the hostile sample) is written as null by JSON.
        if name != "hostile" {
            assert_eq!(back, work, "{name}");
        }
        for &f in ExportFormat::ALL {
            assert_eq!(
                render(&work, f).unwrap(),
                render(&work, f).unwrap(),
                "{name} {f}"
            );
        }
    }
}

#[test]
fn chapter_headings_appear_in_every_format() {
    let work = common::thirty_chapters();
    for &f in &[ExportFormat::Html, ExportFormat::Txt, ExportFormat::Md] {
        let out = text(&work, f);
        for n in [1, 3, 29, 30] {
            let heading = match work.chapters[n - 1].title.as_deref() {
                Some(t) => format!("Chapter {n}: {t}"),
                None => format!("Chapter {n}"),
            };
            assert!(out.contains(&heading), "{f}: {heading}");
        }
    }
}
