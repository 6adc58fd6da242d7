//! What `ficshelf inspect --explain` prints for one file: how it was read (format, encoding,
//! repairs), the file itself annotated line by line (`explain_lines`, plain text and Markdown)
//! or, for HTML and EPUB, what each origin fed grouped by field, then every normalizer decision
//! and what came out. Presentation only: the facts come from `ficshelf_ingest::explain`.

use std::collections::HashMap;
use std::fmt::Write as _;

use ficshelf_ingest::Explained;
use ficshelf_normalize::Decision;

use crate::color::Palette;
use crate::explain_lines;
use crate::summary::thousands;

/// The whole explanation of one file.
pub fn render(e: &Explained, p: Palette) -> String {
    let mut out = String::new();
    header(&mut out, e, p);
    match &e.text {
        Some(text) => {
            section(&mut out, p, "The file, line by line");
            out.push_str(&explain_lines::render(e, text, p));
            out.push('\n');
            section(&mut out, p, "Every decision, by field");
            decisions_by_field(&mut out, &e.decisions, p);
        }
        None => {
            section(&mut out, p, "What each part of the file fed, by field");
            decisions_by_field(&mut out, &e.decisions, p);
            undecided_fields(&mut out, e, p);
            unused(&mut out, e, p);
        }
    }
    footer(&mut out, e, p);
    out
}

fn section(out: &mut String, p: Palette, title: &str) {
    let _ = writeln!(out, "{}", p.bold(&format!("── {title} ──")));
}

/// The file's facts, and what the reader noticed while decoding and reading it.
fn header(out: &mut String, e: &Explained, p: Palette) {
    let src = &e.work.source;
    let _ = writeln!(out, "{}", p.bold(&src.path));
    let _ = writeln!(
        out,
        "Read as:   {} ({}), {} bytes",
        src.format.as_str(),
        src.producer.as_str(),
        thousands(src.bytes)
    );
    let _ = writeln!(out, "Encoding:  {}", e.raw.encoding);
    if e.raw.diagnostics.is_empty() {
        let _ = writeln!(out, "Reader:    nothing repaired or guessed");
    } else {
        let _ = writeln!(out, "Reader:");
        for d in &e.raw.diagnostics {
            let _ = writeln!(out, "  {}", diagnostic(d, p));
        }
    }
    out.push('\n');
}

pub fn diagnostic(d: &ficshelf_model::Diagnostic, p: Palette) -> String {
    match d.level {
        ficshelf_model::Level::Info => d.to_string(),
        ficshelf_model::Level::Warning => p.yellow(&d.to_string()),
    }
}

/// One decision on one line: `rating: "PG-13" → Teen And Up Audiences (classic scale: "PG-13")`.
pub fn decision(d: &Decision, p: Palette, with_field: bool, max_input: usize) -> String {
    let mut s = String::new();
    if with_field {
        let _ = write!(s, "{}: ", p.cyan(&d.field));
    }
    if !d.input.is_empty() {
        let _ = write!(s, "\"{}\" → ", shorten(&one_line(&d.input), max_input));
    }
    s.push_str(&p.green(&shorten(&one_line(&d.outcome), 100)));
    if !d.rule.is_empty() {
        let _ = write!(s, " {}", p.dim(&format!("({})", one_line(&d.rule))));
    }
    s
}

/// Every decision, grouped by the field it fed (fields in order of first decision), each with
/// where its value came from.
fn decisions_by_field(out: &mut String, decisions: &[Decision], p: Palette) {
    if decisions.is_empty() {
        let _ = writeln!(out, "  (none)");
        out.push('\n');
        return;
    }
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<&Decision>> = HashMap::new();
    for d in decisions {
        let group = groups.entry(d.field.as_str()).or_default();
        if group.is_empty() {
            order.push(&d.field);
        }
        group.push(d);
    }
    for field in order {
        let _ = writeln!(out, "{}", p.cyan(field));
        for d in &groups[field] {
            let _ = writeln!(
                out,
                "  {} {}",
                p.dim(&format!("{}:", shorten(&d.origin, 60))),
                decision(d, p, false, 80)
            );
        }
    }
    out.push('\n');
}

/// Fields the reader found that no decision names (HTML/EPUB view), by field.
fn undecided_fields(out: &mut String, e: &Explained, p: Palette) {
    let decided: std::collections::HashSet<&str> =
        e.decisions.iter().map(|d| d.origin.as_str()).collect();
    let rest: Vec<_> = e
        .raw
        .fields
        .iter()
        .filter(|f| !decided.contains(f.origin.as_str()))
        .collect();
    if rest.is_empty() {
        return;
    }
    section(out, p, "Fields read with no decision recorded");
    for f in rest {
        let _ = writeln!(
            out,
            "  {} {}: \"{}\"",
            p.dim(&format!("{}:", shorten(&f.origin, 60))),
            p.cyan(f.key.field_name()),
            shorten(&one_line(&f.value), 80)
        );
    }
    out.push('\n');
}

/// Parts that looked like metadata but fed nothing (HTML/EPUB view).
fn unused(out: &mut String, e: &Explained, p: Palette) {
    if e.raw.unused.is_empty() {
        return;
    }
    section(out, p, "Looked like metadata, fed nothing");
    for (origin, text) in &e.raw.unused {
        let _ = writeln!(
            out,
            "  {} {}",
            p.dim(&format!("{}:", shorten(origin, 60))),
            p.yellow(&format!("\"{}\"", shorten(&one_line(text), 80)))
        );
    }
    out.push('\n');
}

/// What came out, and what the normalizer guessed or doubted.
fn footer(out: &mut String, e: &Explained, p: Palette) {
    section(out, p, "Result");
    let w = &e.work;
    let _ = writeln!(
        out,
        "{} — {} chapter{}, {} words, {}, status {}",
        w.title,
        w.chapters.len(),
        if w.chapters.len() == 1 { "" } else { "s" },
        thousands(w.words),
        w.rating.ao3,
        w.status
    );
    // The reader's diagnostics come first in the Work; they were shown at the top.
    let own = w
        .diagnostics
        .strip_prefix(e.raw.diagnostics.as_slice())
        .unwrap_or(&w.diagnostics);
    for d in own {
        let _ = writeln!(out, "  {}", diagnostic(d, p));
    }
}

/// Newlines and tabs as spaces, so that every annotation stays on one line.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// At most `max` characters, with `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(input: &str, outcome: &str, rule: &str) -> Decision {
        Decision {
            field: "rating".into(),
            input: input.into(),
            origin: "line 4: \"RATING: R\"".into(),
            outcome: outcome.into(),
            rule: rule.into(),
        }
    }

    #[test]
    fn a_decision_reads_as_input_outcome_rule() {
        let p = Palette::plain();
        assert_eq!(
            decision(&d("R", "Mature", "classic scale: \"R\""), p, true, 80),
            "rating: \"R\" → Mature (classic scale: \"R\")"
        );
        assert_eq!(decision(&d("", "kept", ""), p, false, 80), "kept");
        assert_eq!(decision(&d("a\nb", "x", ""), p, false, 80), "\"a b\" → x");
        assert_eq!(decision(&d("abcdef", "x", ""), p, false, 3), "\"abc…\" → x");
    }

    #[test]
    fn grouped_by_field_in_order_of_first_decision() {
        let mut a = d("R", "Mature", "");
        a.field = "rating".into();
        let mut b = d("Angst", "Angst", "");
        b.field = "tags".into();
        let mut out = String::new();
        decisions_by_field(&mut out, &[a.clone(), b, a], Palette::plain());
        assert_eq!(
            out,
            "rating\n  line 4: \"RATING: R\": \"R\" → Mature\n  line 4: \"RATING: R\": \"R\" → \
             Mature\ntags\n  line 4: \"RATING: R\": \"Angst\" → Angst\n\n"
        );
    }
}
