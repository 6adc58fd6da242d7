//! The human-readable view of a Work that `inspect` prints: laid out like an AO3 work header
//! (tags block, stats line, summary, chapters), then where it came from and what was guessed.

use std::fmt::Write as _;

use ficshelf_markup::text_content;
use ficshelf_model::{ArchiveWarning, Status, Work};

const LABEL_WIDTH: usize = 17;

pub fn render(work: &Work) -> String {
    let mut out = String::new();
    out.push_str(&work.title);
    out.push('\n');
    if !work.authors.is_empty() {
        let names: Vec<String> = work
            .authors
            .iter()
            .map(|a| match (&a.email, &a.url) {
                (Some(email), _) => format!("{} <{email}>", a.name),
                (None, Some(url)) => format!("{} ({url})", a.name),
                (None, None) => a.name.clone(),
            })
            .collect();
        let _ = writeln!(out, "by {}", names.join(", "));
    }
    out.push('\n');

    let rating = match &work.rating.raw {
        Some(raw) if raw != work.rating.ao3.as_str() => {
            format!("{} (as written: {raw})", work.rating.ao3)
        }
        _ => work.rating.ao3.to_string(),
    };
    line(&mut out, "Rating", &rating);
    let warnings: Vec<&str> = work
        .warnings
        .ao3
        .iter()
        .map(|w| ArchiveWarning::display_name(*w))
        .collect();
    line(&mut out, "Archive Warning", &warnings.join(", "));
    let categories: Vec<&str> = work.categories.iter().map(|c| c.as_str()).collect();
    line(&mut out, "Category", &categories.join(", "));
    line(&mut out, "Fandom", &work.fandoms.join(", "));
    line(&mut out, "Relationship", &work.relationships.join(", "));
    line(&mut out, "Characters", &work.characters.join(", "));
    line(&mut out, "Additional Tags", &work.tags.join(", "));
    line(&mut out, "Language", work.language.as_deref().unwrap_or(""));
    for series in &work.series {
        let text = match series.index {
            Some(i) => format!("Part {} of {}", trim_number(i), series.name),
            None => series.name.clone(),
        };
        line(&mut out, "Series", &text);
    }
    line(&mut out, "Stats", &stats(work));
    out.push('\n');

    block(&mut out, "Summary", work.summary.as_deref());
    block(&mut out, "Notes", work.notes.as_deref());

    if !work.chapters.is_empty() {
        out.push_str("Chapters:\n");
        let width = work.chapters.len().to_string().len();
        for (i, chapter) in work.chapters.iter().enumerate() {
            let title = chapter.title.as_deref().unwrap_or("(untitled)");
            let _ = writeln!(
                out,
                "  {:>width$}. {title} ({} words)",
                i + 1,
                thousands(chapter.words)
            );
        }
        out.push('\n');
    }
    block(&mut out, "End Notes", work.end_notes.as_deref());

    if !work.extra.is_empty() {
        out.push_str("Other fields:\n");
        for (label, value) in &work.extra {
            let _ = writeln!(out, "  {label}: {value}");
        }
        out.push('\n');
    }
    let src = &work.source;
    let _ = writeln!(
        out,
        "Source: {} ({}, {}, {}, {} bytes)",
        src.path,
        src.format.as_str(),
        src.producer.as_str(),
        src.encoding,
        thousands(src.bytes)
    );
    if let Some(url) = &src.url {
        let _ = writeln!(out, "URL: {url}");
    }
    if !work.diagnostics.is_empty() {
        out.push_str("Diagnostics:\n");
        for d in &work.diagnostics {
            let _ = writeln!(out, "  {d}");
        }
    }
    out
}

fn stats(work: &Work) -> String {
    let mut parts = Vec::new();
    if let Some(d) = work.published {
        parts.push(format!("Published: {d}"));
    }
    if let Some(d) = work.updated {
        parts.push(format!("Updated: {d}"));
    }
    parts.push(format!("Words: {}", thousands(work.words)));
    let total = match work.status {
        Status::Complete => work.chapters.len().to_string(),
        _ => "?".to_string(),
    };
    parts.push(format!("Chapters: {}/{total}", work.chapters.len()));
    parts.push(format!("Status: {}", work.status));
    parts.join("  ")
}

fn line(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "{:<LABEL_WIDTH$}{value}", format!("{label}:"));
    }
}

fn block(out: &mut String, label: &str, html: Option<&str>) {
    let Some(html) = html else { return };
    let text = text_content(html);
    if text.is_empty() {
        return;
    }
    let _ = writeln!(out, "{label}:");
    for l in text.lines() {
        let _ = writeln!(out, "  {l}");
    }
    out.push('\n');
}

pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn trim_number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        x.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn series_index_prints_without_needless_decimals() {
        assert_eq!(trim_number(2.0), "2");
        assert_eq!(trim_number(1.5), "1.5");
    }
}
