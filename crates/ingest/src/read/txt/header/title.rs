//! Title lines and bylines at the top of a plain-text file: `The Long Way Home` / `by Jane`,
//! `"Quiet" by Someone`, or a bare first line followed by a header block. Part of the header
//! parser (`Zone`), split out because the rules for "is this line a title" are their own.

use ficshelf_model::{FieldKey, RawField};

use super::super::lines::{end_marker, is_scene_break, parse_byline, parse_label};
use super::super::markers::chapter_marker;
use super::{Flow, Zone};

impl Zone<'_, '_> {
    /// A bare title line and/or a `by Name` byline at the top of the file.
    pub(super) fn title_block(&mut self, start: usize, end: usize) -> Option<Flow> {
        let lines = self.lines;
        let first = &lines[start];
        if end - start == 1 {
            if let Some((title, author)) = quoted_title_by(first.text) {
                self.push(FieldKey::Title, "title line", title, first);
                self.push(FieldKey::Author, "byline", author, first);
                return Some(Flow::Continue(end));
            }
            if let Some(name) = parse_byline(first.text) {
                if !self.header_follows(end) {
                    return None;
                }
                self.push(FieldKey::Author, "byline", name, first);
                return Some(Flow::Continue(end));
            }
        }
        if !title_shaped(first.text) || parse_label(first.text).is_some() {
            return None;
        }
        let title = RawField::new(FieldKey::Title, "title line", first.text, first.origin());
        if let Some(second) = lines.get(start + 1).filter(|_| end - start >= 2) {
            if let Some(name) = parse_byline(second.text) {
                self.header.fields.push(title);
                self.push(FieldKey::Author, "byline", name, second);
                return Some(self.block_or_done(start + 2, end));
            }
            if parse_label(second.text).is_some_and(|l| l.key.is_some()) {
                self.title_line = Some(title);
                return Some(self.block(start + 1, end));
            }
            return None;
        }
        // A title alone on its line: its byline or header may follow after blank lines, or
        // after the rule that underlines it.
        let Some(next) = self.next_content(end, true) else {
            // Nothing else in the file: a title and no story.
            self.header.fields.push(title);
            return Some(Flow::Continue(end));
        };
        let next_line = &lines[next];
        let alone = self.block_end(next) == next + 1;
        if let (Some(name), true) = (parse_byline(next_line.text), alone && next - end <= 4) {
            self.header.fields.push(title);
            self.push(FieldKey::Author, "byline", name, next_line);
            return Some(Flow::Continue(next + 1));
        }
        if self.header_follows(end) {
            self.title_line = Some(title);
            return Some(Flow::Continue(end));
        }
        None
    }

    fn block_or_done(&mut self, start: usize, end: usize) -> Flow {
        if start >= end {
            Flow::Continue(end)
        } else {
            self.block(start, end)
        }
    }
}

/// A line that can be a title: short, not a sentence, not a marker.
fn title_shaped(text: &str) -> bool {
    let sentence_end = text.ends_with(['.', ',', ';', ':']) && !text.ends_with("...");
    text.len() <= 200
        && text.chars().count() <= 120
        && !sentence_end
        && chapter_marker(text).is_none()
        && end_marker(text).is_none()
        && !is_scene_break(text)
}

/// `"The Title" by Name` on one line.
fn quoted_title_by(text: &str) -> Option<(&str, &str)> {
    if text.len() > 200 {
        return None;
    }
    let rest = text.strip_prefix(['"', '“'])?;
    let close = rest.find(['"', '”'])?;
    let title = rest[..close].trim();
    let after = rest[close..].get(close_len(&rest[close..])..)?.trim_start();
    let name = parse_byline(after)?;
    (!title.is_empty()).then_some((title, name))
}

fn close_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::super::super::lines::split;
    use super::super::{Header, read};
    use ficshelf_model::FieldKey;

    fn parse(text: &str) -> (Header, Vec<String>) {
        let lines = split(text);
        let h = read(&lines, 0);
        let rest = lines[h.end..].iter().map(|l| l.text.to_string()).collect();
        (h, rest)
    }

    fn kv(h: &Header) -> Vec<(FieldKey, &str, &str)> {
        h.fields
            .iter()
            .map(|f| (f.key.clone(), f.label.as_str(), f.value.as_str()))
            .collect()
    }

    #[test]
    fn bare_title_and_byline() {
        let (h, rest) = parse("\nThe Long Way Home\n\nby Jane Q. Writer\n\nIt was late.");
        assert_eq!(
            kv(&h),
            vec![
                (FieldKey::Title, "title line", "The Long Way Home"),
                (FieldKey::Author, "byline", "Jane Q. Writer")
            ]
        );
        assert_eq!(rest[0], "It was late.");
        let (h, _) = parse("\"Quiet\" by Someone Else\n\nText.");
        assert_eq!(h.fields.len(), 2);
        assert_eq!(h.fields[0].value, "Quiet");
    }

    #[test]
    fn title_line_before_a_header_and_alone() {
        let (h, rest) = parse(
            "Midnight Oil

Rating: PG
Pairing: A/B

Text.",
        );
        assert_eq!(kv(&h)[0], (FieldKey::Title, "title line", "Midnight Oil"));
        assert_eq!(rest[0], "Text.");
        let (h, rest) = parse(
            "Only This
",
        );
        assert_eq!(kv(&h), vec![(FieldKey::Title, "title line", "Only This")]);
        assert!(rest.iter().all(String::is_empty));
        let (h, rest) = parse("THE LONG NIGHT\n==============\nby Jane Hollow\n\nIt was.\n");
        assert_eq!(
            kv(&h),
            vec![
                (FieldKey::Title, "title line", "THE LONG NIGHT"),
                (FieldKey::Author, "byline", "Jane Hollow")
            ]
        );
        assert_eq!(rest[0], "It was.");
        // A one-line story is not a title: it ends like a sentence.
        let (h, _) = parse(
            "She never came back.
",
        );
        assert!(h.fields.is_empty());
    }
}
