//! File names for exported works: `Title - Author.epub`, safe on every operating system.
//!
//! A title is whatever a fic's author typed ("Spike/Willow: A Love Story?", "CON", "...",
//! a 400-character run-on, an emoji): the name must be legal on Linux, macOS and Windows alike,
//! because an export folder is often copied to an e-reader or another machine. So: no
//! `/ \ : * ? " < > |` and no control characters (each becomes `_`), whitespace runs become
//! one space, no leading dots (hidden files) or spaces, no trailing dots or spaces (Windows
//! drops them), none of Windows' reserved device names (`CON`, `PRN`, `AUX`, `NUL`, `COM1`–
//! `COM9`, `LPT1`–`LPT9`, with any extension), and at most [`MAX_STEM_BYTES`] bytes before the
//! extension, cut on a character boundary (file systems allow 255 bytes, and room is left for a
//! ` (2)` and the extension).

use ficshelf_model::Work;

/// Longest name before the extension and any ` (n)`.
pub const MAX_STEM_BYTES: usize = 150;

const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The file name stem for a work: `Title - Author` (`Title - A & B` for two authors,
/// `Title - A et al` for more; the title alone when nobody is named).
pub fn stem_for(work: &Work) -> String {
    let names: Vec<&str> = work
        .authors
        .iter()
        .map(|a| a.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    let byline = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("{a} & {b}"),
        [a, ..] => format!("{a} et al"),
    };
    let raw = if byline.is_empty() {
        work.title.clone()
    } else {
        format!("{} - {byline}", work.title)
    };
    safe_stem(&raw)
}

/// `raw` made into a name stem every OS accepts (see the module docs); never empty.
pub fn safe_stem(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(MAX_STEM_BYTES + 4));
    let mut space = false;
    for c in raw.chars() {
        // Tabs and line breaks are spacing (before control characters become `_`).
        let c = if c.is_whitespace() {
            ' '
        } else if FORBIDDEN.contains(&c) || c.is_control() {
            '_'
        } else {
            c
        };
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            push_capped(&mut out, ' ');
            space = false;
        }
        if !push_capped(&mut out, c) {
            break;
        }
    }
    let trimmed = out
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let mut stem = trimmed.to_string();
    if stem.is_empty() {
        stem = "untitled".into();
    }
    let device = stem.split('.').next().unwrap_or("").trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        stem.insert(0, '_');
    }
    stem
}

/// Push `c` unless the stem would go over the cap; false when it is full.
fn push_capped(out: &mut String, c: char) -> bool {
    if out.len() + c.len_utf8() > MAX_STEM_BYTES {
        return false;
    }
    out.push(c);
    true
}

/// The `n`-th candidate name: `stem.ext`, then `stem (2).ext`, `stem (3).ext`, …
pub fn numbered(stem: &str, n: u32, ext: &str) -> String {
    if n <= 1 {
        format!("{stem}.{ext}")
    } else {
        format!("{stem} ({n}).{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ficshelf_model::{Author, Format, Producer, Source};

    fn work(title: &str, authors: &[&str]) -> Work {
        let mut w = Work::new(
            title,
            Source {
                path: String::new(),
                format: Format::Txt,
                producer: Producer::Plain,
                url: None,
                site: None,
                encoding: "utf-8".into(),
                sha256: String::new(),
                bytes: 0,
            },
        );
        w.authors = authors.iter().map(|a| Author::named(*a)).collect();
        w
    }

    #[test]
    fn title_and_authors() {
        assert_eq!(stem_for(&work("Salt", &["Quill"])), "Salt - Quill");
        assert_eq!(stem_for(&work("Salt", &["A", "B"])), "Salt - A & B");
        assert_eq!(stem_for(&work("Salt", &["A", "B", "C"])), "Salt - A et al");
        assert_eq!(stem_for(&work("Salt", &[])), "Salt");
    }

    #[test]
    fn forbidden_characters_and_controls_become_underscores() {
        assert_eq!(
            safe_stem("Spike/Willow: Why? \"Yes\" <3 | a\\b *"),
            "Spike_Willow_ Why_ _Yes_ _3 _ a_b _"
        );
        assert_eq!(safe_stem("a\u{0}b\u{1b}c\u{7f}"), "a_b_c_");
        assert_eq!(safe_stem("line\nbreak\ttab"), "line break tab");
    }

    #[test]
    fn dots_spaces_and_empty_names() {
        assert_eq!(safe_stem("...hidden"), "hidden");
        assert_eq!(safe_stem("  Trailing dots...  "), "Trailing dots");
        assert_eq!(safe_stem("..."), "untitled");
        assert_eq!(safe_stem(""), "untitled");
        assert_eq!(safe_stem("   "), "untitled");
        assert_eq!(safe_stem(".."), "untitled");
    }

    #[test]
    fn reserved_device_names_are_escaped() {
        for name in ["CON", "con", "Aux", "NUL.txt", "com1", "LPT9", "PRN .x"] {
            let s = safe_stem(name);
            assert!(s.starts_with('_'), "{name} -> {s}");
        }
        assert_eq!(safe_stem("CONSOLE"), "CONSOLE");
        assert_eq!(safe_stem("Nullify"), "Nullify");
    }

    #[test]
    fn long_names_are_cut_on_a_character_boundary() {
        let s = safe_stem(&"灯".repeat(200));
        assert!(s.len() <= MAX_STEM_BYTES);
        assert_eq!(s.chars().count(), MAX_STEM_BYTES / 3);
        let s = safe_stem(&format!("{} end", "a".repeat(149)));
        assert_eq!(s, "a".repeat(149));
        // Cut right after a space: no trailing space survives.
        let s = safe_stem(&format!("{} {}", "a".repeat(149), "b".repeat(10)));
        assert_eq!(s, "a".repeat(149));
    }

    #[test]
    fn numbering() {
        assert_eq!(numbered("Salt", 1, "epub"), "Salt.epub");
        assert_eq!(numbered("Salt", 2, "epub"), "Salt (2).epub");
    }
}
