//! YAML front matter: the `---` block at the top of a Markdown file, as `RawField`s.
//!
//! ficshelf's own `.md` (docs/ficshelf-formats.md) writes every Work field there; pandoc,
//! Jekyll and Hugo files carry `title`, `author`, `date`, `tags`, `description` and the like.
//! Values are kept as written, one field per list item; the normalizer interprets them.

use ficshelf_model::{FieldKey, RawField, canonical_label};
use serde_norway::Value;

/// Front matter larger than this is not front matter but a text that happens to start with a
/// rule; it also bounds the YAML parser's work on hostile input.
const MAX_FRONT_MATTER: usize = 256 * 1024;

/// The keys every ficshelf Markdown front matter has.
const FICSHELF_KEYS: &[&str] = &["title", "authors", "rating", "warnings", "words", "source"];

pub struct FrontMatter {
    pub fields: Vec<RawField>,
    /// Values that fed nothing: (origin, text).
    pub unused: Vec<(String, String)>,
    /// Lines the block takes, fences included.
    pub lines: usize,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// Written by ficshelf (all of its schema keys are present).
    pub ficshelf: bool,
}

/// The front matter at the top of `text`, if it has one that parses as a YAML mapping.
pub fn parse(text: &str) -> Option<FrontMatter> {
    let rest = text.strip_prefix("---\n")?;
    let window = &rest[..floor_char_boundary(rest, MAX_FRONT_MATTER.min(rest.len()))];
    let (yaml_len, fence_len) = closing_fence(window)?;
    let yaml = &rest[..yaml_len];
    let Ok(Value::Mapping(map)) = serde_norway::from_str::<Value>(yaml) else {
        return None;
    };
    let mut front = FrontMatter {
        fields: Vec::new(),
        unused: Vec::new(),
        lines: 2 + yaml.lines().count(),
        body_start: 4 + yaml_len + fence_len,
        ficshelf: FICSHELF_KEYS
            .iter()
            .all(|k| map.contains_key(Value::String((*k).to_string()))),
    };
    for (key, value) in &map {
        let Some(key) = key.as_str() else { continue };
        front.field(key, value);
    }
    Some(front)
}

/// Where the closing `---` (or `...`) line starts in `s`, and its length with its newline.
fn closing_fence(s: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    for line in s.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if bare == "---" || bare == "..." {
            return Some((at, line.len()));
        }
        at += line.len();
    }
    None
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl FrontMatter {
    fn field(&mut self, key: &str, value: &Value) {
        let origin = format!("front matter: {key}");
        let field_key = match key.to_ascii_lowercase().as_str() {
            "date" => FieldKey::Published,
            "subject" | "subjects" => FieldKey::Tags,
            "lang" => FieldKey::Language,
            "words" if self.ficshelf => {
                // ficshelf's own count, not one the author declared.
                self.unused.push((
                    origin,
                    format!("{key}: {}", scalar(value).unwrap_or_default()),
                ));
                return;
            }
            "series" => return self.series(key, value, &origin),
            "extra" if matches!(value, Value::Mapping(_)) => return self.extra(value, &origin),
            _ => FieldKey::from_label(key)
                .unwrap_or_else(|| FieldKey::Extra(capitalized(&canonical_label(key)))),
        };
        match value {
            Value::Null => {}
            Value::Sequence(items) => {
                for item in items {
                    match scalar(item) {
                        Some(v) if !v.trim().is_empty() => {
                            self.push(&field_key, key, v, &origin);
                            self.last_is_one_item();
                        }
                        Some(_) => {}
                        None => self
                            .unused
                            .push((origin.clone(), format!("{key}: (a nested value)"))),
                    }
                }
            }
            other => match scalar(other) {
                Some(v) if !v.trim().is_empty() => self.push(&field_key, key, v, &origin),
                Some(_) => {}
                None => self
                    .unused
                    .push((origin, format!("{key}: (a nested value)"))),
            },
        }
    }

    /// `series` is a name, a list of names, or a list of `{name, index, url}` maps; each becomes
    /// `Name [N]`, the shape the normalizer reads.
    fn series(&mut self, key: &str, value: &Value, origin: &str) {
        let listed = matches!(value, Value::Sequence(_));
        let items: Vec<&Value> = match value {
            Value::Sequence(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            other => vec![other],
        };
        for item in items {
            let text = match item {
                Value::Mapping(m) => {
                    let name = m.get("name").and_then(scalar).unwrap_or_default();
                    match m.get("index").and_then(scalar).filter(|i| !i.is_empty()) {
                        Some(index) if !name.is_empty() => format!("{name} [{index}]"),
                        _ => name,
                    }
                }
                other => scalar(other).unwrap_or_default(),
            };
            if !text.trim().is_empty() {
                self.push(&FieldKey::Series, key, text, origin);
                if listed {
                    self.last_is_one_item();
                }
            }
        }
    }

    /// `extra` is ficshelf's mapping of labels with no field of their own: each entry is an
    /// `Extra` field under its label exactly as written.
    fn extra(&mut self, value: &Value, origin: &str) {
        let Value::Mapping(map) = value else { return };
        for (k, v) in map {
            match (k.as_str(), scalar(v)) {
                (Some(label), Some(text))
                    if !label.trim().is_empty() && !text.trim().is_empty() =>
                {
                    let key = FieldKey::Extra(label.trim().to_string());
                    self.push(&key, label, text, &format!("{origin}.{label}"));
                }
                _ => self.unused.push((
                    origin.to_string(),
                    "extra: (an entry that is not text)".into(),
                )),
            }
        }
    }

    /// An entry of a YAML list is one item, taken whole by the normalizer (a tag or a
    /// character holding a comma, an author's name holding `&`): see `RawField::one_item`.
    fn last_is_one_item(&mut self) {
        if let Some(f) = self.fields.last_mut() {
            f.one_item = true;
        }
    }

    fn push(&mut self, key: &FieldKey, label: &str, value: String, origin: &str) {
        self.fields.push(RawField::new(
            key.clone(),
            label,
            value.trim().to_string(),
            origin,
        ));
    }
}

/// YAML keys are lower case by custom; labels in `extra` read better capitalized.
fn capitalized(label: &str) -> String {
    let mut cs = label.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// A scalar as text (`null` is none; numbers and booleans as YAML writes them).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Tagged(t) => scalar(&t.value),
        Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(front: &FrontMatter, key: FieldKey) -> Vec<String> {
        front
            .fields
            .iter()
            .filter(|f| f.key == key)
            .map(|f| f.value.clone())
            .collect()
    }

    #[test]
    fn ficshelf_front_matter() {
        let text = "---\ntitle: \"The Storm: Part 1\"\nauthors:\n  - \"Jane <j@x.org>\"\n  - \"Rob\"\n\
                    rating: \"Mature\"\nwarnings: []\nseries:\n  - name: \"Nights\"\n    index: 2\n    url: null\n\
                    words: 120\nsource: null\nstatus: \"in-progress\"\n---\n\n# The Storm\n";
        let front = parse(text).unwrap();
        assert!(front.ficshelf);
        assert_eq!(values(&front, FieldKey::Title), ["The Storm: Part 1"]);
        assert_eq!(values(&front, FieldKey::Author), ["Jane <j@x.org>", "Rob"]);
        assert_eq!(values(&front, FieldKey::Series), ["Nights [2]"]);
        assert!(
            front
                .fields
                .iter()
                .filter(|f| f.key == FieldKey::Series)
                .all(|f| f.one_item)
        );
        assert_eq!(values(&front, FieldKey::Status), ["in-progress"]);
        assert!(values(&front, FieldKey::Words).is_empty());
        assert_eq!(&text[front.body_start..], "\n# The Storm\n");
        assert_eq!(front.lines, 15);
    }

    #[test]
    fn pandoc_style_front_matter() {
        let text = "---\ntitle: Salt Letters\nauthor: [Wren Alder, Sam Ossory]\ndate: 2019-06-02\n\
                    tags: [Epistolary, Romance]\ndescription: A quiet story.\nmood: calm\n---\nText.\n";
        let front = parse(text).unwrap();
        assert!(!front.ficshelf);
        assert_eq!(
            values(&front, FieldKey::Author),
            ["Wren Alder", "Sam Ossory"]
        );
        assert_eq!(values(&front, FieldKey::Published), ["2019-06-02"]);
        assert_eq!(values(&front, FieldKey::Tags), ["Epistolary", "Romance"]);
        assert_eq!(values(&front, FieldKey::Summary), ["A quiet story."]);
        assert_eq!(values(&front, FieldKey::Extra("Mood".into())), ["calm"]);
        // List entries are items, to be taken whole; a plain value is not.
        let one_item = |key: FieldKey| -> Vec<bool> {
            front
                .fields
                .iter()
                .filter(|f| f.key == key)
                .map(|f| f.one_item)
                .collect()
        };
        assert_eq!(one_item(FieldKey::Tags), [true, true]);
        assert_eq!(one_item(FieldKey::Summary), [false]);
    }

    #[test]
    fn extra_mapping_keeps_its_labels() {
        let text = "---\ntitle: T\nextra:\n  \"Spoilers\": \"Season 6\"\n  \"Author URL\": \"http://x/a\"\n  \"Date\": \"not a date field\"\n---\n";
        let front = parse(text).unwrap();
        assert_eq!(
            values(&front, FieldKey::Extra("Spoilers".into())),
            ["Season 6"]
        );
        assert_eq!(
            values(&front, FieldKey::Extra("Author URL".into())),
            ["http://x/a"]
        );
        // A label that would name a field elsewhere stays an extra here.
        assert_eq!(
            values(&front, FieldKey::Extra("Date".into())),
            ["not a date field"]
        );
        assert!(values(&front, FieldKey::Published).is_empty());
    }

    #[test]
    fn not_front_matter() {
        assert!(parse("--- not a fence\ntitle: x\n---\n").is_none());
        assert!(parse("---\njust a sentence, not a mapping\n---\n").is_none());
        assert!(parse("---\ntitle: never closed\n").is_none());
        assert!(parse("---\n[unbalanced: \n---\n").is_none());
        assert!(parse("").is_none());
    }

    #[test]
    fn alias_bombs_do_not_explode() {
        let mut yaml = String::from("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .windows(2)
            .map(|w| (w[0], w[1]))
        {
            yaml.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        yaml.push_str("---\ntext\n");
        // Either refused by the YAML parser's expansion limit or read with nested values unused:
        // never a billion strings in memory.
        if let Some(front) = parse(&yaml) {
            assert!(front.fields.len() < 100);
        }
    }
}
