//! The limits checked on text and on the normalized `Work`, after the readers' own (file size,
//! EPUB archive, HTML page and tree, chapters), which they check as they go.
//!
//! - `txt_max_line_bytes`, on decoded plain text, before the reader splits it into lines: one
//!   linear scan, so a 50 MB line costs no more than reading it;
//! - `max_tag_chars` and `max_tags`, on the `Work` the normalizer made, because only it knows
//!   what a tag is (a header value becomes several tags, or none).

use ficshelf_model::{Limits, Work};

use crate::IngestError;

/// Refuse text with a line longer than `limits.txt_max_line_bytes`.
pub(crate) fn check_lines(text: &str, limits: &Limits) -> Result<(), IngestError> {
    let limit = limits.txt_max_line_bytes;
    if (text.len() as u64) <= limit {
        return Ok(());
    }
    for (n, line) in text.split('\n').enumerate() {
        if line.len() as u64 > limit {
            return Err(IngestError::LineTooLong {
                line: n + 1,
                bytes: line.len() as u64,
                limit,
            });
        }
    }
    Ok(())
}

/// Refuse a work with a tag longer than `limits.max_tag_chars` or more than `limits.max_tags`.
pub(crate) fn check_tags(work: &Work, limits: &Limits) -> Result<(), IngestError> {
    let kinds: [(&'static str, &[String]); 4] = [
        ("fandom", &work.fandoms),
        ("relationship", &work.relationships),
        ("character", &work.characters),
        ("tag", &work.tags),
    ];
    let found: usize = kinds.iter().map(|(_, list)| list.len()).sum();
    if found > limits.max_tags {
        return Err(IngestError::TooManyTags {
            found,
            limit: limits.max_tags,
        });
    }
    for (kind, list) in kinds {
        for tag in list {
            // Bytes bound characters from above: most tags need no count.
            if tag.len() <= limits.max_tag_chars {
                continue;
            }
            let chars = tag.chars().count();
            if chars > limits.max_tag_chars {
                return Err(IngestError::TagTooLong {
                    kind,
                    chars,
                    limit: limits.max_tag_chars,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Options, read_bytes};

    fn opts(set: &[(&str, u64)]) -> Options {
        let mut o = Options::default();
        for (k, v) in set {
            assert!(o.limits.set(k, *v));
        }
        o
    }

    #[test]
    fn a_line_over_the_limit_is_refused_with_its_number() {
        let text = "Title: Lines\n\nshort\nthis line is thirty-one bytes..\nok\n";
        let e = read_bytes(
            "l.txt",
            text.as_bytes(),
            &opts(&[("txt_max_line_bytes", 30)]),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 4 is 31 bytes, over the 30 bytes limit (txt_max_line_bytes)"
        );
        assert!(
            read_bytes(
                "l.txt",
                text.as_bytes(),
                &opts(&[("txt_max_line_bytes", 31)])
            )
            .is_ok()
        );
    }

    #[test]
    fn a_tag_over_the_limit_is_refused_by_kind_counting_characters() {
        let text =
            "Title: Tags\nFandom: Émilie Dürer\nTags: fluff, angst\n\nSome story text here.\n";
        // 12 characters in 14 bytes: the limit counts characters.
        assert!(read_bytes("t.txt", text.as_bytes(), &opts(&[("max_tag_chars", 12)])).is_ok());
        let e = read_bytes("t.txt", text.as_bytes(), &opts(&[("max_tag_chars", 11)])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a fandom of 12 characters, over the 11 limit (max_tag_chars)"
        );
    }

    #[test]
    fn more_tags_than_the_limit_are_refused() {
        let text =
            "Title: Tags\nFandom: Émilie Dürer\nTags: fluff, angst\n\nSome story text here.\n";
        assert!(read_bytes("t.txt", text.as_bytes(), &opts(&[("max_tags", 3)])).is_ok());
        let e = read_bytes("t.txt", text.as_bytes(), &opts(&[("max_tags", 2)])).unwrap_err();
        assert_eq!(e.to_string(), "3 tags, over the 2 limit (max_tags)");
    }
}
