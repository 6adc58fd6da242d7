//! Label/value metadata in markup: the shapes HTML pages write `Label: value` in, and the
//! fields they hold. Every producer-specific reader (ficshelf, AO3, FanFicFare, eFiction) and
//! the generic one use these; they differ only in *where* they look.
//!
//! - a line of inline content with label elements: `<b>Rating:</b> R<br>`, `<b>Rating</b>: R`
//!   (the colon inside or outside), `<strong>`, `<span class="label">Rated:</span> PG-13`,
//!   several on one line (`<span class="label">Chapters:</span> 3 <span class="label">Completed:
//!   </span> Yes`);
//! - a line of plain text `Rating: R` (in a `<p>`, a `<div>`, between `<br>`s);
//! - definition lists (`<dt>Rating</dt><dd>R</dd>`);
//! - tables of `<td><b>Label:</b></td><td>value</td>` rows (or `<th>`).
//!
//! Values are text (entities decoded once by the parser; scripts and styles contribute
//! nothing), and keep their nodes so that prose values (a summary, notes) also carry markup.

use ficshelf_model::{FieldKey, RawField, canonical_label};
use scraper::Node;

use super::dom::{self, NodeRef, Skip};

/// A labelled value as found.
#[derive(Debug, Clone)]
pub(crate) struct Found<'a> {
    /// The label as written, without its colon.
    pub label: String,
    /// `None` for a label ficshelf does not know.
    pub key: Option<FieldKey>,
    /// The value's nodes after the label, line by line.
    pub parts: Vec<Part<'a>>,
    /// The value's text begins with the colon that was written outside the label element.
    pub colon_outside: bool,
    /// The value as plain text, when it did not come from nodes (a `Label: value` text line).
    pub text: Option<String>,
}

/// One line of a value: its nodes, and whether it starts a new block (a paragraph) rather
/// than following a `<br>`.
#[derive(Debug, Clone)]
pub(crate) struct Part<'a> {
    pub nodes: Vec<NodeRef<'a>>,
    pub new_block: bool,
}

impl<'a> Found<'a> {
    pub fn new(label: String, key: Option<FieldKey>, nodes: Vec<NodeRef<'a>>) -> Self {
        Found {
            label,
            key,
            parts: vec![Part {
                nodes,
                new_block: false,
            }],
            colon_outside: false,
            text: None,
        }
    }

    /// The value as text: lines joined (list items with `, `, other lines with a space).
    pub fn value(&self) -> String {
        if let Some(t) = &self.text {
            return t.clone();
        }
        let mut lines: Vec<String> = Vec::new();
        for part in &self.parts {
            let text = dom::text_of(part.nodes.iter().copied(), &Skip::new());
            let listy = part
                .nodes
                .iter()
                .any(|n| n.descendants().any(|d| dom::is_element(&d, "li")));
            let sep = if listy { ", " } else { " " };
            let joined = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(sep);
            if !joined.is_empty() {
                lines.push(joined);
            }
        }
        let text = lines.join(" ");
        if self.colon_outside {
            text.trim_start_matches(':').trim_start().to_string()
        } else {
            text
        }
    }

    /// The value as markup (for prose: summaries and notes): lines after a `<br>` joined with
    /// one, paragraphs kept as paragraphs.
    pub fn html(&self) -> String {
        if let Some(t) = &self.text {
            return format!("<p>{}</p>", ficshelf_markup::escape_text(t));
        }
        let paragraphs = self.parts.iter().skip(1).any(|p| p.new_block);
        // Groups of parts that make one paragraph: (markup of each part, nodes).
        let mut groups: Vec<(Vec<String>, Vec<NodeRef<'a>>)> = Vec::new();
        for part in &self.parts {
            let mut html = dom::html_of(part.nodes.iter().copied(), &Skip::new());
            if self.colon_outside && groups.is_empty() {
                html = html
                    .trim_start()
                    .trim_start_matches(':')
                    .trim_start()
                    .to_string();
            }
            if html.is_empty() {
                continue;
            }
            match groups.last_mut() {
                Some(g) if !(part.new_block && paragraphs) => {
                    g.0.push(html);
                    g.1.extend(part.nodes.iter().copied());
                }
                _ => groups.push((vec![html], part.nodes.clone())),
            }
        }
        let out: Vec<String> = groups
            .into_iter()
            .map(|(htmls, nodes)| dom::as_blocks(nodes, htmls.join("<br>")))
            .collect();
        out.join("\n")
    }

    /// The address of the first `mailto:` link in the value.
    fn mailto(&self) -> Option<String> {
        dom::mailto(self.parts.iter().flat_map(|p| p.nodes.iter().copied()))
    }

    /// The key this value feeds: the label's, or `Extra` under the label's canonical name.
    pub fn field_key(&self) -> FieldKey {
        self.key
            .clone()
            .unwrap_or_else(|| FieldKey::Extra(canonical_label(&self.label)))
    }

    /// The line as a reader sees it: `Label: value`.
    pub fn line(&self) -> String {
        format!("{}: {}", self.label, self.value())
    }

    /// The field, with `place` (where on the page) in its origin. An author whose name links
    /// to an e-mail address gets it as `Name <address>`, the shape the normalizer reads.
    pub fn to_field(&self, prefix: &str, place: &str) -> RawField {
        let mut value = self.value();
        if self.key == Some(FieldKey::Author)
            && !value.contains('@')
            && let Some(address) = self.mailto()
        {
            value = format!("{value} <{address}>");
        }
        let origin = dom::origin(prefix, place, &format!("{}: {value}", self.label));
        let key = self.field_key();
        let field = RawField::new(key.clone(), self.label.clone(), value, origin);
        if is_prose(&key) && self.text.is_none() {
            field.with_html(self.html())
        } else {
            field
        }
    }
}

/// Keys whose values are prose, kept with their markup.
pub(crate) fn is_prose(key: &FieldKey) -> bool {
    matches!(
        key,
        FieldKey::Summary | FieldKey::Notes | FieldKey::EndNotes
    ) || matches!(key, FieldKey::Extra(n) if matches!(n.as_str(), "Disclaimer" | "Dedication" | "Thanks"))
}

/// A label as written (`Rating:`, ` *Pairing(s)* :`) without its colon and emphasis, if it is
/// shaped like one: starts with a letter, at most 4 words and 32 characters, no sentence
/// punctuation.
pub(crate) fn clean_label(raw: &str) -> Option<String> {
    let t = raw
        .trim()
        .trim_end_matches(':')
        .trim()
        .trim_matches(['*', '_'])
        .trim();
    let first = t.chars().next()?;
    let shaped = first.is_alphabetic()
        && t.chars().count() <= 32
        && t.split_whitespace().count() <= 4
        && t.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '(' | ')' | '&' | '-' | '/' | '.')
        });
    shaped.then(|| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `Label: value` in plain text: the label and the value. The label must be shaped like one
/// and, unless `any_label`, known to ficshelf.
pub(crate) fn text_label(
    line: &str,
    any_label: bool,
) -> Option<(String, Option<FieldKey>, String)> {
    let head = line.get(..line.len().min(48)).unwrap_or(line);
    let colon = head.find(':')?;
    let label = clean_label(&line[..colon])?;
    let after = &line[colon + 1..];
    // `//` is a URL's rest, a digit a time (`10:30`).
    if after.starts_with("//") || after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let key = FieldKey::from_label(&label);
    if key.is_none() && !any_label {
        return None;
    }
    Some((label, key, after.trim().to_string()))
}

/// Elements that carry a label in markup.
fn label_element(node: &NodeRef<'_>) -> bool {
    match dom::name(node) {
        Some("b" | "strong" | "em" | "i" | "u" | "label" | "dt" | "th") => true,
        Some("span" | "div" | "font" | "td") => dom::has_class(node, "label"),
        _ => false,
    }
}

/// Whether `node` (an element at `nodes[i]`) is a label: label-shaped text ending in a colon,
/// or followed by text starting with one. Returns the label and where the colon is.
fn label_at(nodes: &[NodeRef<'_>], i: usize) -> Option<(String, bool)> {
    let node = nodes.get(i)?;
    if !label_element(node) {
        return None;
    }
    let text = dom::one_line(&dom::text(*node));
    if text.ends_with(':') {
        return clean_label(&text).map(|l| (l, false));
    }
    let next_text = nodes[i + 1..]
        .iter()
        .find(|n| !dom::is_blank(n))
        .and_then(|n| match n.value() {
            Node::Text(t) => Some(t.trim_start().starts_with(':')),
            _ => None,
        })
        .unwrap_or(false);
    if next_text || dom::has_class(node, "label") {
        return clean_label(&text).map(|l| (l, next_text));
    }
    None
}

/// The labelled values on one line of inline nodes, or nothing when the line does not start
/// with a label. A line that is one inline wrapper (`<font><b>Title:</b> X</font>`) is looked
/// into. Unless `any_label`, a label written in plain text must be one ficshelf knows.
pub(crate) fn inline_labels<'a>(line: &[NodeRef<'a>], any_label: bool) -> Vec<Found<'a>> {
    let mut nodes: Vec<NodeRef<'a>> = line
        .iter()
        .copied()
        .filter(|n| !dom::is_blank(n) && !dom::is_element(n, "br"))
        .collect();
    while let [only] = nodes.as_slice() {
        let wrapper = matches!(
            dom::name(only),
            Some("font" | "span" | "small" | "big" | "p" | "div" | "center")
        ) && !label_element(only);
        if !wrapper {
            break;
        }
        nodes = only.children().filter(|n| !dom::is_blank(n)).collect();
    }
    // Images and empty elements before the first label (an eFiction "featured" ribbon).
    let start = nodes
        .iter()
        .position(|n| !(dom::is_element(n, "img") || dom::text(*n).is_empty()))
        .unwrap_or(nodes.len());
    let nodes = &nodes[start..];
    if label_at(nodes, 0).is_none() {
        let text = dom::one_line(&dom::text_of(nodes.iter().copied(), &Skip::new()));
        return match text_label(&text, any_label) {
            Some((label, key, value)) => {
                let mut f = Found::new(label, key, nodes.to_vec());
                f.text = Some(value);
                vec![f]
            }
            None => Vec::new(),
        };
    }
    let mut out: Vec<Found<'a>> = Vec::new();
    for i in 0..nodes.len() {
        if let Some((label, colon_outside)) = label_at(nodes, i) {
            let mut f = Found::new(label.clone(), FieldKey::from_label(&label), Vec::new());
            f.colon_outside = colon_outside;
            out.push(f);
        } else if let Some(part) = out.last_mut().and_then(|f| f.parts.last_mut()) {
            part.nodes.push(nodes[i]);
        }
    }
    out
}

/// One line of inline content.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    pub nodes: Vec<NodeRef<'a>>,
    /// The first line of a block element (not a line after a `<br>`).
    pub new_block: bool,
}

/// The lines of inline content under `node`: runs of inline nodes split at `<br>` and at block
/// elements (whose own lines follow in order).
pub(crate) fn lines<'a>(node: NodeRef<'a>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut current = Line {
        nodes: Vec::new(),
        new_block: true,
    };
    let flush = |current: &mut Line<'a>, out: &mut Vec<Line<'a>>, new_block: bool| {
        let line = std::mem::replace(
            current,
            Line {
                nodes: Vec::new(),
                new_block,
            },
        );
        if line.nodes.iter().any(|n| !dom::is_blank(n)) {
            out.push(line);
        } else {
            // An empty line keeps the paragraph break it stood for.
            current.new_block |= line.new_block;
        }
    };
    let mut stack: Vec<Option<NodeRef<'a>>> = node.children().rev().map(Some).collect();
    while let Some(item) = stack.pop() {
        let Some(child) = item else {
            flush(&mut current, &mut out, true);
            continue;
        };
        match dom::name(&child) {
            Some("br") => flush(&mut current, &mut out, false),
            Some(n) if dom::is_block(n) && !matches!(n, "dt" | "dd" | "td" | "th") => {
                flush(&mut current, &mut out, true);
                stack.push(None);
                stack.extend(child.children().rev().map(Some));
            }
            _ => current.nodes.push(child),
        }
    }
    flush(&mut current, &mut out, true);
    out
}

/// The labelled values of a block of lines. A line that is not a label continues the value
/// above it; a block whose first line is not a label holds none. Lines labelled in plain text
/// may use any label once one label in the block is one ficshelf knows.
pub(crate) fn block_labels<'a>(node: NodeRef<'a>) -> Vec<Found<'a>> {
    labels_of_lines(&lines(node), false)
}

/// [`block_labels`] over lines already split; with `any_label`, a label written in plain text
/// need not be one ficshelf knows (a header has already begun above).
pub(crate) fn labels_of_lines<'a>(all: &[Line<'a>], any_label: bool) -> Vec<Found<'a>> {
    let known_somewhere = any_label
        || all.iter().any(|l| {
            inline_labels(&l.nodes, false)
                .iter()
                .any(|f| f.key.is_some())
        });
    let mut out: Vec<Found<'a>> = Vec::new();
    for line in all {
        let found = inline_labels(&line.nodes, known_somewhere);
        if !found.is_empty() {
            out.extend(found);
            continue;
        }
        let Some(last) = out.last_mut() else {
            return Vec::new();
        };
        match last.text.take() {
            None => last.parts.push(Part {
                nodes: line.nodes.clone(),
                new_block: line.new_block,
            }),
            Some(before) => {
                let more = dom::one_line(&dom::text_of(line.nodes.iter().copied(), &Skip::new()));
                last.text = Some(format!("{before} {more}").trim().to_string());
            }
        }
    }
    out
}

/// The rows of a label/value table: `<td>Label:</td><td>value</td>` (or `<th>`), or a row of
/// one cell with labels inside it.
pub(crate) fn table_labels<'a>(table: NodeRef<'a>) -> Vec<Found<'a>> {
    let mut out = Vec::new();
    let rows = table.descendants().filter(|n| {
        dom::is_element(n, "tr")
            && nearest_table(*n).map(|t| dom::key(&t)) == Some(dom::key(&table))
    });
    for row in rows {
        let cells: Vec<NodeRef<'a>> = dom::child_elements(row)
            .filter(|c| matches!(dom::name(c), Some("td" | "th")))
            .filter(|c| !dom::text(*c).is_empty())
            .collect();
        match cells.as_slice() {
            [label, value, ..] => {
                let text = dom::one_line(&dom::text(*label));
                let marked = text.ends_with(':') || dom::is_element(label, "th");
                let Some(clean) = clean_label(&text) else {
                    continue;
                };
                let key = FieldKey::from_label(&clean);
                if marked || key.is_some() {
                    out.push(Found::new(clean, key, value.children().collect()));
                }
            }
            [one] => out.extend(block_labels(*one)),
            [] => {}
        }
    }
    out
}

fn nearest_table<'a>(node: NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.ancestors().find(|a| dom::is_element(a, "table"))
}

/// The pairs of a definition list: each `dt` labels the `dd`s after it.
pub(crate) fn dl_labels<'a>(dl: NodeRef<'a>) -> Vec<Found<'a>> {
    let mut out: Vec<Found<'a>> = Vec::new();
    let mut label: Option<(String, Option<FieldKey>)> = None;
    for child in dom::child_elements(dl) {
        match dom::name(&child) {
            Some("dt") => {
                label = clean_label(&dom::one_line(&dom::text(child)))
                    .map(|l| (l.clone(), FieldKey::from_label(&l)));
            }
            Some("dd") => {
                if let Some((l, key)) = &label {
                    out.push(Found::new(
                        l.clone(),
                        key.clone(),
                        child.children().collect(),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
