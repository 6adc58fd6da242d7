//! Header lines left in the story text: `Rating: R` as the first line of a chapter means a
//! reader missed a header block (or a chapter carried its own header), and AO3 would show it
//! as prose. Part of the audit; it judges lines of a chapter's text, not the source file.

use ficshelf_model::FieldKey;

/// The most leading lines of a chapter looked at: a header block is short, and a story may
/// well quote a `Note: …` further down.
const LEADING_LINES: usize = 12;

/// The header-like lines a chapter's text starts with (`lines` are its paragraphs and line
/// breaks, in order): the run of such lines at the very start.
pub fn leading_header_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    lines
        .into_iter()
        .take(LEADING_LINES)
        .take_while(|l| is_header_line(l))
        .collect()
}

/// `Label: value` where the label is one ficshelf reads in headers (`Rating`, `Pairing`,
/// `Summary`, `Disclaimer`, …): short, starting with a letter, no sentence punctuation, with a
/// value after it that is not a URL's `//`.
pub fn is_header_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 300 {
        return false;
    }
    let Some(colon) = line.find(':').filter(|&c| c <= 40) else {
        return false;
    };
    let label = line[..colon]
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim();
    let value = line[colon + 1..]
        .trim()
        .trim_start_matches(['*', '_'])
        .trim();
    let shaped = label.chars().next().is_some_and(char::is_alphabetic)
        && label.split_whitespace().count() <= 4
        && !label.contains(['.', ',', '!', '?', '"', '“', '”']);
    shaped && !value.is_empty() && !value.starts_with("//") && FieldKey::from_label(label).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        for line in [
            "Rating: R",
            "PAIRING: Spike/Willow",
            "**Summary:** Willow asks a question.",
            "Author's Notes: thanks to my beta",
            "Disclaimer: not mine",
            "Time frame: after season 6",
        ] {
            assert!(is_header_line(line), "{line}");
        }
    }

    #[test]
    fn story_lines() {
        for line in [
            "She said: \"No.\"",
            "Rating:",
            "Chapter 3: The Storm",
            "Later that night, the rating: it was low.",
            "Source: //example.org",
            "Mood: cheerful",
            "The note said: meet me at noon",
            "",
        ] {
            assert!(!is_header_line(line), "{line}");
        }
        assert!(!is_header_line(&format!("Rating: {}", "R".repeat(400))));
    }

    #[test]
    fn only_the_leading_run_counts() {
        let lines = ["Rating: R", "Warnings: none", "She ran.", "Summary: no"];
        assert_eq!(leading_header_lines(lines), ["Rating: R", "Warnings: none"]);
        assert!(leading_header_lines(["She ran.", "Rating: R"]).is_empty());
    }
}
