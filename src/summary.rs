//! The human-readable view of a Work that `inspect` prints: laid out like an AO3 work header
//! (tags block, stats line, summary, chapters), then where it came from and what was guessed.

use std::fmt::Write as _;

use ficshelf_markup::text_content;
use ficshelf_model::{ArchiveWarning, Status, Work};

const LABEL_WIDTH: usize = 17;
/// Lines are wrapped to fit a classic terminal; a word longer than the room stays whole.
const WIDTH: usize = 80;

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
            wrap_into(&mut out, &format!("{label}: {value}"), "  ", "    ");
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
        let first = format!("{:<LABEL_WIDTH$}", format!("{label}:"));
        wrap_into(out, value, &first, &" ".repeat(LABEL_WIDTH));
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
        wrap_into(out, l, "  ", "  ");
    }
    out.push('\n');
}

/// Writes `text` as lines of at most [`WIDTH`] characters, breaking between words: the first
/// line after `first`, the others after `rest`.
fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    let mut prefix = first;
    let mut used = 0;
    out.push_str(prefix);
    let mut line_start = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !line_start && prefix.chars().count() + used + 1 + len > WIDTH {
            out.push('\n');
            prefix = rest;
            out.push_str(prefix);
            used = 0;
            line_start = true;
        }
        if !line_start {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += len;
        line_start = false;
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
    fn long_values_wrap_under_their_label_and_short_ones_stay_on_one_line() {
        let mut out = String::new();
        let value = "Willow Rosenberg/Tara Maclay, Xander Harris/Anya Jenkins, Buffy Summers/Spike, Dawn Summers";
        line(&mut out, "Relationship", value);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert!(lines[0].starts_with("Relationship:    Willow"), "{out}");
        assert!(
            lines[1..]
                .iter()
                .all(|l| l.starts_with(&" ".repeat(LABEL_WIDTH))),
            "{out}"
        );
        let words: Vec<&str> = out.split_whitespace().skip(1).collect();
        assert_eq!(words.join(" "), value, "no word lost or split");

        let mut short = String::new();
        line(&mut short, "Rating", "Mature");
        assert_eq!(short, "Rating:          Mature\n");
    }

    #[test]
    fn a_word_longer_than_the_line_is_kept_whole() {
        let mut out = String::new();
        let url = format!("https://example.org/{}", "x".repeat(100));
        wrap_into(&mut out, &format!("see {url} now"), "  ", "  ");
        assert_eq!(out, format!("  see\n  {url}\n  now\n"));
    }

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
