//! Writes a Work the way a 1990s/2000s archive file looked: a hand-typed header in varying
//! case and framing, legacy rating words, chapter markers in words or roman numerals, `~*~`
//! scene breaks, "The End" or "TBC", hard-wrapped paragraphs, sometimes in windows-1252 with
//! CRLF line endings. Used for benchmark and soak corpora, not as ficshelf's own TXT format.

use ficshelf_markup::text_content;
use ficshelf_model::{Status, Work};

use crate::rng::Rng;

const NUMBER_WORDS: &[&str] = &[
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
    "Twelve",
];
const ROMAN: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// A legacy text rendering of `work`, as bytes (UTF-8, or windows-1252 with CRLF).
/// `rating_as_written` is the legacy rating word to put in the header.
pub fn render(
    work: &Work,
    rating_as_written: &str,
    warning_as_written: &str,
    rng: &mut Rng,
) -> Vec<u8> {
    let shout = rng.chance(0.4);
    let abbreviate = rng.chance(0.5);
    let key = |k: &str| {
        if shout {
            k.to_uppercase()
        } else {
            k.to_string()
        }
    };
    let rule = [
        "*".repeat(60),
        "=".repeat(60),
        "~".repeat(40),
        String::new(),
    ][rng.range(0, 3) as usize]
        .clone();
    let mut out = String::new();
    if !rule.is_empty() {
        out.push_str(&rule);
        out.push('\n');
    }
    let mut header = |k: &str, v: &str| {
        if !v.is_empty() {
            out.push_str(&format!("{}: {}\n", key(k), wrap_value(v)));
        }
    };
    header("Title", &work.title);
    let authors: Vec<String> = work
        .authors
        .iter()
        .map(|a| match &a.email {
            Some(e) => format!("{} ({e})", a.name),
            None => a.name.clone(),
        })
        .collect();
    header("Author", &authors.join(" & "));
    let fandoms: Vec<&str> = work
        .fandoms
        .iter()
        .map(|f| {
            if abbreviate {
                crate::catalog::legacy_name(f)
            } else {
                f.as_str()
            }
        })
        .collect();
    header("Fandom", &fandoms.join(", "));
    header("Rating", rating_as_written);
    header("Pairing", &work.relationships.join(", "));
    header("Characters", &work.characters.join(", "));
    header("Warnings", warning_as_written);
    header("Genre", &work.tags.join(", "));
    if let Some(s) = work.series.first() {
        let idx = s.index.map(|i| format!(" [{i}]")).unwrap_or_default();
        header("Series", &format!("{}{idx}", s.name));
    }
    if let Some(d) = work.published {
        header(
            "Date",
            &format!("{:02}/{:02}/{}", d.month(), d.day(), d.year()),
        );
    }
    if let Some(summary) = &work.summary {
        header("Summary", &text_content(summary).replace('\n', " "));
    }
    header("Disclaimer", "Not mine, no money made.");
    let out_rule = rule.clone();
    if !out_rule.is_empty() {
        out.push_str(&out_rule);
        out.push('\n');
    }
    out.push('\n');

    let style = rng.range(0, 3);
    for (i, chapter) in work.chapters.iter().enumerate() {
        if work.chapters.len() > 1 {
            let n = i + 1;
            let marker = match style {
                0 => format!("Chapter {n}"),
                1 => format!("Chapter {}", NUMBER_WORDS.get(i).copied().unwrap_or("Many")),
                2 => format!(
                    "CHAPTER {}",
                    ROMAN.get(i).map(|r| r.to_string()).unwrap_or(n.to_string())
                ),
                _ => format!("Part {n}/{}", work.chapters.len()),
            };
            match &chapter.title {
                Some(t) => out.push_str(&format!("{marker}: {t}\n\n")),
                None => out.push_str(&format!("{marker}\n\n")),
            }
        }
        for (b, block) in chapter.html.split("<hr>").enumerate() {
            if b > 0 {
                out.push_str("~*~\n\n");
            }
            for para in text_content(block).lines() {
                out.push_str(&hard_wrap(para, 76));
                out.push_str("\n\n");
            }
        }
    }
    out.push_str(if work.status == Status::InProgress {
        "TBC\n"
    } else {
        "The End\n"
    });

    if rng.chance(0.3) {
        let crlf = out.replace('\n', "\r\n");
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&crlf);
        // Greek, Cyrillic or Japanese text was never typed in windows-1252 (the encoder would
        // write `&#927;` for each letter): such a file stays UTF-8.
        if !unmappable {
            return bytes.into_owned();
        }
    }
    out.into_bytes()
}

/// Header values wrap onto indented continuation lines past 70 columns.
fn wrap_value(v: &str) -> String {
    hard_wrap(v, 70).replace('\n', "\n  ")
}

fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut col = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_width_without_losing_words() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let wrapped = hard_wrap(text, 20);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 20));
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>().join(" "),
            text
        );
    }
}
