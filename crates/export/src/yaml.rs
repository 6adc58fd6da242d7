//! The YAML front matter of the Markdown writer. Every string is written double-quoted with
//! escapes, so a title holding `: `, `#`, quotes, a leading `-` or a control character stays a
//! string and the document stays valid YAML (1.1 and 1.2).

/// A YAML mapping being written, one `key: value` per line.
#[derive(Default)]
pub(crate) struct Front {
    out: String,
}

impl Front {
    pub fn string(&mut self, key: &str, value: Option<&str>) {
        self.out.push_str(key);
        self.out.push_str(": ");
        match value {
            Some(v) => quote(v, &mut self.out),
            None => self.out.push_str("null"),
        }
        self.out.push('\n');
    }

    /// A number or `null`, written as given (the caller formats it).
    pub fn number(&mut self, key: &str, value: Option<&str>) {
        self.out
            .push_str(&format!("{key}: {}\n", value.unwrap_or("null")));
    }

    pub fn strings(&mut self, key: &str, values: &[String]) {
        if values.is_empty() {
            self.out.push_str(&format!("{key}: []\n"));
            return;
        }
        self.out.push_str(&format!("{key}:\n"));
        for v in values {
            self.out.push_str("  - ");
            quote(v, &mut self.out);
            self.out.push('\n');
        }
    }

    /// A mapping of strings to strings (both quoted), in the given order.
    pub fn string_map<'a>(
        &mut self,
        key: &str,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        let mut body = String::new();
        for (k, v) in pairs {
            body.push_str("  ");
            quote(k, &mut body);
            body.push_str(": ");
            quote(v, &mut body);
            body.push('\n');
        }
        if body.is_empty() {
            self.out.push_str(&format!("{key}: {{}}\n"));
        } else {
            self.out.push_str(&format!("{key}:\n{body}"));
        }
    }

    /// A list of mappings; each item is `(key, value)` pairs, a value already written as YAML.
    pub fn maps(&mut self, key: &str, items: &[Vec<(&str, String)>]) {
        if items.is_empty() {
            self.out.push_str(&format!("{key}: []\n"));
            return;
        }
        self.out.push_str(&format!("{key}:\n"));
        for item in items {
            for (i, (k, v)) in item.iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                self.out.push_str(&format!("{lead}{k}: {v}\n"));
            }
        }
    }

    /// The front matter with its `---` fences.
    pub fn finish(self) -> String {
        format!("---\n{}---\n", self.out)
    }
}

/// `s` as a double-quoted YAML scalar.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote(s, &mut out);
    out
}

fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Outside YAML's printable set, or line breaks and marks a parser treats specially.
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_escaped() {
        assert_eq!(quoted("plain"), "\"plain\"");
        assert_eq!(quoted("a: b # c"), "\"a: b # c\"");
        assert_eq!(quoted("say \"hi\" \\ there"), r#""say \"hi\" \\ there""#);
        assert_eq!(quoted("line\nbreak\ttab"), r#""line\nbreak\ttab""#);
        assert_eq!(
            quoted("\u{0}\u{1b}\u{85}\u{2028}\u{feff}"),
            r#""\x00\x1B\x85\u2028\uFEFF""#
        );
        assert_eq!(quoted("日本語 ✓"), "\"日本語 ✓\"");
    }

    #[test]
    fn front_matter_layout() {
        let mut f = Front::default();
        f.string("title", Some("T"));
        f.string("rating", None);
        f.number("words", Some("12"));
        f.strings("tags", &[]);
        f.strings("fandoms", &["A".into(), "B".into()]);
        f.maps(
            "series",
            &[vec![("name", quoted("S")), ("index", "2".into())]],
        );
        assert_eq!(
            f.finish(),
            "---\ntitle: \"T\"\nrating: null\nwords: 12\ntags: []\nfandoms:\n  - \"A\"\n  - \"B\"\nseries:\n  - name: \"S\"\n    index: 2\n---\n"
        );
    }
}
