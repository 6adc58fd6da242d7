//! `Work` HTML → a small tree of text blocks, for the writers that are not HTML (plain text and
//! Markdown): paragraphs of styled runs, headings, scene breaks, quotes, lists, preformatted
//! text. Entities are decoded once (by the HTML parser), whitespace collapsed as a browser
//! would, and emphasis carried down through blocks (`<i><p>…</p></i>` is an italic paragraph).
//!
//! `render_lines` then turns a paragraph into lines of text with the writer's own marks.

use ficshelf_markup::flatten_deep;
use scraper::{ElementRef, Html};

use crate::xml::{clean_href, is_xml_char};

/// Deeper elements are reduced to their text (the sanitizer already flattened deeper nesting).
const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Style {
    pub em: bool,
    pub strong: bool,
    pub code: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Text with whitespace collapsed to single spaces; `link` indexes `Doc::links`.
    Text {
        text: String,
        style: Style,
        link: Option<usize>,
    },
    Break,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Para(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    /// A scene break (`<hr>`).
    Rule,
    Quote(Vec<Block>),
    List {
        ordered: bool,
        start: i64,
        items: Vec<Vec<Block>>,
    },
    /// Preformatted text, lines kept as they are.
    Pre(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Doc {
    pub blocks: Vec<Block>,
    /// Link targets (absolute http, https or mailto URLs).
    pub links: Vec<String>,
}

/// Parse an HTML fragment into blocks.
pub(crate) fn parse(html: &str) -> Doc {
    let (flat, _) = flatten_deep(html, MAX_DEPTH);
    let doc = Html::parse_fragment(&flat);
    let mut links = Vec::new();
    let blocks = sub(doc.root_element(), Ctx::default(), &mut links);
    Doc { blocks, links }
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    style: Style,
    link: Option<usize>,
    depth: usize,
}

/// Blocks being collected, with the paragraph in progress.
#[derive(Default)]
struct Acc {
    blocks: Vec<Block>,
    para: Vec<Inline>,
}

impl Acc {
    fn ends_with_space(&self) -> bool {
        match self.para.last() {
            None | Some(Inline::Break) => true,
            Some(Inline::Text { text, .. }) => text.ends_with(' '),
        }
    }

    fn text(&mut self, t: &str, ctx: Ctx) {
        let mut space = self.ends_with_space();
        let mut s = String::with_capacity(t.len());
        for c in t.chars() {
            if c.is_whitespace() {
                if !space {
                    s.push(' ');
                    space = true;
                }
            } else if is_xml_char(c) && c != '\u{feff}' {
                s.push(c);
                space = false;
            }
        }
        if s.is_empty() {
            return;
        }
        if let Some(Inline::Text { text, style, link }) = self.para.last_mut()
            && *style == ctx.style
            && *link == ctx.link
        {
            text.push_str(&s);
            return;
        }
        self.para.push(Inline::Text {
            text: s,
            style: ctx.style,
            link: ctx.link,
        });
    }

    /// A line break; two in a row end the paragraph, as they look like one.
    fn line_break(&mut self) {
        self.trim_end();
        match self.para.last() {
            Some(Inline::Break) => {
                self.para.pop();
                self.flush();
            }
            Some(_) => self.para.push(Inline::Break),
            None => {}
        }
    }

    fn trim_end(&mut self) {
        while let Some(Inline::Text { text, .. }) = self.para.last_mut() {
            let len = text.trim_end().len();
            text.truncate(len);
            if !text.is_empty() {
                return;
            }
            self.para.pop();
        }
    }

    fn take_para(&mut self) -> Option<Vec<Inline>> {
        self.trim_end();
        while matches!(self.para.last(), Some(Inline::Break)) {
            self.para.pop();
            self.trim_end();
        }
        let para = std::mem::take(&mut self.para);
        para.iter()
            .any(|i| matches!(i, Inline::Text { .. }))
            .then_some(para)
    }

    fn flush(&mut self) {
        if let Some(p) = self.take_para() {
            self.blocks.push(Block::Para(p));
        }
    }

    fn flush_heading(&mut self, level: u8) {
        if let Some(p) = self.take_para() {
            self.blocks.push(Block::Heading(level, p));
        }
    }

    fn block(&mut self, b: Block) {
        self.flush();
        self.blocks.push(b);
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

/// The blocks below `el`.
fn sub(el: ElementRef<'_>, ctx: Ctx, links: &mut Vec<String>) -> Vec<Block> {
    let mut acc = Acc::default();
    walk(el, ctx, links, &mut acc);
    acc.finish()
}

fn walk(el: ElementRef<'_>, ctx: Ctx, links: &mut Vec<String>, acc: &mut Acc) {
    for child in el.children() {
        if let Some(t) = child.value().as_text() {
            acc.text(t, ctx);
        } else if let Some(e) = ElementRef::wrap(child) {
            element(e, ctx, links, acc);
        }
    }
}

fn element(el: ElementRef<'_>, ctx: Ctx, links: &mut Vec<String>, acc: &mut Acc) {
    let name = el.value().name();
    if ctx.depth >= MAX_DEPTH {
        for t in el.text() {
            acc.text(t, ctx);
        }
        return;
    }
    let ctx = Ctx {
        depth: ctx.depth + 1,
        ..ctx
    };
    let styled = |f: fn(&mut Style)| {
        let mut c = ctx;
        f(&mut c.style);
        c
    };
    match name {
        "script" | "style" | "iframe" | "noscript" | "object" | "embed" | "template" | "svg"
        | "math" | "textarea" | "select" | "button" | "head" | "title" => {}
        "br" => acc.line_break(),
        "img" => {
            if let Some(alt) = el.value().attr("alt") {
                acc.text(alt, ctx);
            }
        }
        "em" | "i" | "cite" | "dfn" | "var" => walk(el, styled(|s| s.em = true), links, acc),
        "strong" | "b" => walk(el, styled(|s| s.strong = true), links, acc),
        "code" | "tt" | "kbd" | "samp" => walk(el, styled(|s| s.code = true), links, acc),
        "a" => {
            let link = el.value().attr("href").and_then(clean_href).map(|h| {
                links.push(h);
                links.len() - 1
            });
            walk(
                el,
                Ctx {
                    link: link.or(ctx.link),
                    ..ctx
                },
                links,
                acc,
            );
        }
        "q" => {
            acc.text("\"", ctx);
            walk(el, ctx, links, acc);
            acc.text("\"", ctx);
        }
        "hr" => acc.block(Block::Rule),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            acc.flush();
            walk(el, ctx, links, acc);
            acc.flush_heading(name.as_bytes()[1] - b'0');
        }
        "blockquote" => {
            let inner = sub(el, ctx, links);
            acc.flush();
            if !inner.is_empty() {
                acc.blocks.push(Block::Quote(inner));
            }
        }
        "ul" | "ol" => list(el, ctx, links, acc),
        "dl" => {
            acc.flush();
            for child in el.children() {
                match ElementRef::wrap(child) {
                    Some(e) if e.value().name() == "dt" => {
                        walk(e, styled(|s| s.strong = true), links, acc);
                        acc.flush();
                    }
                    Some(e) if e.value().name() == "dd" => {
                        let inner = sub(e, ctx, links);
                        if !inner.is_empty() {
                            acc.blocks.push(Block::Quote(inner));
                        }
                    }
                    Some(e) => element(e, ctx, links, acc),
                    None => acc.text(child.value().as_text().map_or("", |t| t), ctx),
                }
            }
            acc.flush();
        }
        "pre" => acc.block(Block::Pre(pre_text(el))),
        "table" => table(el, ctx, links, acc),
        "p" | "div" | "center" | "address" | "figure" | "figcaption" | "details" | "summary"
        | "li" | "dt" | "dd" | "caption" | "section" | "article" | "header" | "footer"
        | "aside" | "main" | "nav" | "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" => {
            acc.flush();
            walk(el, ctx, links, acc);
            acc.flush();
        }
        _ => walk(el, ctx, links, acc),
    }
}

fn list(el: ElementRef<'_>, ctx: Ctx, links: &mut Vec<String>, acc: &mut Acc) {
    acc.flush();
    let ordered = el.value().name() == "ol";
    let start = el
        .value()
        .attr("start")
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1);
    let mut items = Vec::new();
    let mut stray = Acc::default();
    for child in el.children() {
        match ElementRef::wrap(child) {
            Some(li) if li.value().name() == "li" => {
                let loose = std::mem::take(&mut stray).finish();
                if !loose.is_empty() {
                    items.push(loose);
                }
                items.push(sub(li, ctx, links));
            }
            Some(e) => element(e, ctx, links, &mut stray),
            None => stray.text(child.value().as_text().map_or("", |t| t), ctx),
        }
    }
    let loose = stray.finish();
    if !loose.is_empty() {
        items.push(loose);
    }
    if !items.is_empty() {
        acc.blocks.push(Block::List {
            ordered,
            start,
            items,
        });
    }
}

/// Each row of the table (not of tables inside it) as a paragraph, cells separated by ` | `.
fn table(el: ElementRef<'_>, ctx: Ctx, links: &mut Vec<String>, acc: &mut Acc) {
    acc.flush();
    for part in el.descendants().filter_map(ElementRef::wrap) {
        let name = part.value().name();
        if !matches!(name, "tr" | "caption") {
            continue;
        }
        let own = part
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "table");
        if own.map(|t| t.id()) != Some(el.id()) {
            continue;
        }
        if name == "caption" {
            walk(part, ctx, links, acc);
            acc.flush();
            continue;
        }
        let cells = part.children().filter_map(ElementRef::wrap);
        for (i, cell) in cells
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .enumerate()
        {
            if i > 0 {
                acc.text(
                    " | ",
                    Ctx {
                        style: Style::default(),
                        link: None,
                        ..ctx
                    },
                );
            }
            walk(cell, ctx, links, acc);
        }
        acc.flush();
    }
}

/// The text of a `pre`, lines kept, `<br>` as a newline.
fn pre_text(el: ElementRef<'_>) -> String {
    let mut s = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            s.extend(t.chars().filter(|&c| is_xml_char(c)));
        } else if node.value().as_element().is_some_and(|e| e.name() == "br") {
            s.push('\n');
        }
    }
    s.trim_end().to_string()
}

/// How a writer marks styles and escapes text.
pub(crate) struct Marks {
    pub em: &'static str,
    pub strong: &'static str,
    /// Whether links are written (`[text](url)`) or only their text.
    pub links: bool,
    pub text: fn(&str, &mut String),
    pub code: fn(&str, &mut String),
}

/// A paragraph's runs as lines (one per `<br>`), with style marks. Spaces at the edges of a
/// styled run go outside its marks (`_a_ b`, not `_a _b`), which is what emphasis syntax needs.
pub(crate) fn render_lines(inlines: &[Inline], links: &[String], marks: &Marks) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut open = (Style::default(), None::<usize>);
    let mut space = false;
    for inline in inlines {
        let (text, style, link) = match inline {
            Inline::Break => {
                close(&mut line, &mut open, links, marks);
                lines.push(std::mem::take(&mut line));
                space = false;
                continue;
            }
            Inline::Text { text, style, link } => (text, *style, *link),
        };
        let core = text.trim_matches(' ');
        space |= text.starts_with(' ');
        if core.is_empty() {
            continue;
        }
        let want = (style, if marks.links { link } else { None });
        if want != open {
            close(&mut line, &mut open, links, marks);
        }
        if space && !line.is_empty() {
            line.push(' ');
        }
        if want != open {
            if want.1.is_some() {
                line.push('[');
            }
            if style.strong {
                line.push_str(marks.strong);
            }
            if style.em {
                line.push_str(marks.em);
            }
            open = want;
        }
        if style.code {
            (marks.code)(core, &mut line)
        } else {
            (marks.text)(core, &mut line)
        }
        space = text.ends_with(' ');
    }
    close(&mut line, &mut open, links, marks);
    lines.push(line);
    lines
}

fn close(line: &mut String, open: &mut (Style, Option<usize>), links: &[String], marks: &Marks) {
    let (style, link) = *open;
    if style.em {
        line.push_str(marks.em);
    }
    if style.strong {
        line.push_str(marks.strong);
    }
    if let Some(href) = link.and_then(|i| links.get(i)) {
        // Parentheses in a destination must be balanced unless it is written `<…>`
        // (`clean_href` has percent-encoded any `<`, `>` and space).
        if href.contains(['(', ')']) {
            line.push_str("](<");
            line.push_str(href);
            line.push_str(">)");
        } else {
            line.push_str("](");
            line.push_str(href);
            line.push(')');
        }
    }
    *open = (Style::default(), None);
}

#[cfg(test)]
mod tests;
