//! Step 2 of turning `Work` HTML into XHTML: repair the content models that an HTML parser
//! tolerates but an XHTML validator (epubcheck) rejects.
//!
//! Fan fiction HTML is full of them: `<i><p>…</p><p>…</p></i>` (a block inside an inline),
//! `<h3>… <div>…</div></h3>`, stray `<li>` outside a list, a `<dl>` with `dd` but no `dt`, a
//! table caption after the rows. The repairs keep every word and as much formatting as
//! possible: an inline element around blocks is pushed down into them (as a browser shows it),
//! a paragraph around a block is split around it, misplaced list and table parts become
//! `div`s or get the parent they need.

use super::tree::{El, Node, push_text};

/// Elements whose content must be phrasing content, and which are phrasing content themselves.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "br", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "q", "rp", "rt",
    "ruby", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var",
];

/// Blocks whose content must be phrasing content.
const PHRASING_BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "summary"];

/// Containers whose children are structural parts, not text: an inline pushed into them goes
/// further down, into each part.
const STRUCTURAL: &[&str] = &["ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr"];

fn is_phrasing(node: &Node) -> bool {
    match node {
        Node::Text(_) => true,
        Node::El(el) => INLINE.contains(&el.name),
    }
}

fn is_blank(node: &Node) -> bool {
    matches!(node, Node::Text(t) if t.trim().is_empty())
}

/// Repair a fragment whose parent accepts flow content (a `section`, `div` or `body`).
pub(super) fn fix(nodes: Vec<Node>) -> Vec<Node> {
    fix_children("", nodes)
}

fn fix_children(parent: &str, kids: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::with_capacity(kids.len());
    for kid in kids {
        match kid {
            Node::Text(t) => push_text(&mut out, &t),
            Node::El(el) => {
                let Some(el) = adjust(parent, el) else {
                    continue;
                };
                for node in fix_el(el) {
                    match node {
                        Node::Text(t) => push_text(&mut out, &t),
                        el => out.push(el),
                    }
                }
            }
        }
    }
    arrange(parent, out)
}

/// Rename an element that is not allowed under `parent` to one that is (or drop an empty
/// table part that has no place).
fn adjust(parent: &str, mut el: El) -> Option<El> {
    let ok_under: &[&str] = match el.name {
        "li" => &["ul", "ol"],
        "dt" | "dd" => &["dl"],
        "rt" | "rp" => &["ruby"],
        "figcaption" => &["figure"],
        "summary" => &["details"],
        "caption" | "thead" | "tbody" | "tfoot" => &["table"],
        "tr" => &["table", "thead", "tbody", "tfoot"],
        "td" | "th" => &["tr"],
        "col" => &["colgroup", "table"],
        "colgroup" => &["table"],
        "address" => {
            return Some(if parent == "address" {
                rename(el, "div")
            } else {
                el
            });
        }
        _ => return Some(el),
    };
    if ok_under.contains(&parent) {
        if el.name == "li" && parent != "ol" {
            el.attrs.retain(|(k, _)| *k != "value");
        }
        return Some(el);
    }
    Some(match el.name {
        "col" | "colgroup" => return None,
        "rt" | "rp" => rename(el, "span"),
        _ => rename(el, "div"),
    })
}

/// `el` under another name, without the attributes only its old name allowed.
fn rename(mut el: El, name: &'static str) -> El {
    el.attrs
        .retain(|(k, _)| matches!(*k, "class" | "title" | "dir" | "lang"));
    el.name = name;
    el
}

/// Repair `el`'s subtree; the result may be several nodes when `el` had to be split.
fn fix_el(mut el: El) -> Vec<Node> {
    let kids = std::mem::take(&mut el.children);
    el.children = fix_children(el.name, kids);
    match el.name {
        "ruby" if !is_valid_ruby(&el.children) => {
            el = rename(el, "span");
            for kid in &mut el.children {
                if let Node::El(k) = kid
                    && matches!(k.name, "rt" | "rp")
                {
                    k.name = "span";
                }
            }
        }
        // A disclosure widget needs its `summary` first; without one its content is shown.
        "details"
            if !el
                .children
                .iter()
                .find(|n| !is_blank(n))
                .is_some_and(|n| el_named(n, &["summary"])) =>
        {
            el = rename(el, "div");
            for kid in &mut el.children {
                if let Node::El(k) = kid
                    && k.name == "summary"
                {
                    k.name = "div";
                }
            }
        }
        _ => {}
    }
    if el.children.iter().all(is_phrasing) {
        return vec![Node::El(el)];
    }
    if INLINE.contains(&el.name) {
        let shell = el.shell(Vec::new());
        return wrap_runs(el.children, &shell);
    }
    if PHRASING_BLOCKS.contains(&el.name) {
        return split_block(el);
    }
    vec![Node::El(el)]
}

/// `nodes` with each run of phrasing content inside a copy of `shell`, and `shell` pushed down
/// into each block.
fn wrap_runs(nodes: Vec<Node>, shell: &El) -> Vec<Node> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for node in nodes {
        if is_phrasing(&node) {
            run.push(node);
        } else {
            flush_run(&mut run, &mut out, |run| shell.shell(run));
            out.push(push_into(node, shell));
        }
    }
    flush_run(&mut run, &mut out, |run| shell.shell(run));
    out
}

/// A phrasing-only block (`p`, `h1`…) around blocks: one copy of it around each run of
/// phrasing content, the blocks beside them.
fn split_block(el: El) -> Vec<Node> {
    let shell = el.shell(Vec::new());
    let mut out = Vec::new();
    let mut run = Vec::new();
    for node in el.children {
        if is_phrasing(&node) {
            run.push(node);
        } else {
            flush_run(&mut run, &mut out, |run| shell.shell(run));
            out.push(node);
        }
    }
    flush_run(&mut run, &mut out, |run| shell.shell(run));
    out
}

/// Emit a run: whitespace alone stays bare text, anything else goes inside `wrap`.
fn flush_run(run: &mut Vec<Node>, out: &mut Vec<Node>, wrap: impl Fn(Vec<Node>) -> El) {
    if run.is_empty() {
        return;
    }
    let run = std::mem::take(run);
    if run.iter().all(is_blank) {
        out.extend(run);
    } else {
        out.push(Node::El(wrap(run)));
    }
}

/// Put the inline `shell` around the content of the block `node`.
fn push_into(node: Node, shell: &El) -> Node {
    let Node::El(mut block) = node else {
        return node;
    };
    match block.name {
        "hr" | "br" | "col" | "colgroup" => {}
        name if STRUCTURAL.contains(&name) => {
            let kids = std::mem::take(&mut block.children);
            block.children = kids
                .into_iter()
                .map(|k| {
                    if matches!(k, Node::El(_)) {
                        push_into(k, shell)
                    } else {
                        k
                    }
                })
                .collect();
        }
        _ => {
            let kids = std::mem::take(&mut block.children);
            block.children = wrap_runs(kids, shell);
        }
    }
    Node::El(block)
}

/// Whether the children of a `ruby` fit its content model: base text first, at least one `rt`,
/// and an annotation (`rt` or `rp`) last.
fn is_valid_ruby(kids: &[Node]) -> bool {
    let mut content = kids.iter().filter(|n| !is_blank(n));
    let first_is_base = content.next().is_some_and(|n| !el_named(n, &["rt", "rp"]));
    let has_rt = kids.iter().any(|n| el_named(n, &["rt"]));
    let ends_with_annotation = kids
        .iter()
        .rev()
        .find(|n| !is_blank(n))
        .is_some_and(|n| el_named(n, &["rt", "rp"]));
    first_is_base && has_rt && ends_with_annotation
}

/// Give the children of structural parents the order and wrappers their content model needs.
fn arrange(parent: &str, nodes: Vec<Node>) -> Vec<Node> {
    match parent {
        "ul" | "ol" => wrap_strays(nodes, &["li"], "li"),
        "dl" => pair_terms(wrap_strays(nodes, &["dt", "dd"], "dd")),
        "table" => order_table(nodes),
        "figure" => place_figcaption(nodes),
        "details" => {
            let first = nodes.iter().position(|n| !is_blank(n));
            nodes
                .into_iter()
                .enumerate()
                .map(|(i, n)| match n {
                    Node::El(el) if el.name == "summary" && Some(i) != first => {
                        Node::El(rename(el, "div"))
                    }
                    n => n,
                })
                .collect()
        }
        _ => nodes,
    }
}

fn el_named(node: &Node, names: &[&str]) -> bool {
    matches!(node, Node::El(el) if names.contains(&el.name))
}

/// Children other than `allowed` (and whitespace) grouped into new `wrapper` elements.
fn wrap_strays(nodes: Vec<Node>, allowed: &[&str], wrapper: &'static str) -> Vec<Node> {
    if nodes.iter().all(|n| is_blank(n) || el_named(n, allowed)) {
        return nodes;
    }
    let wrap = |run| El {
        children: run,
        ..El::new(wrapper)
    };
    let mut out = Vec::new();
    let mut run: Vec<Node> = Vec::new();
    // Blank text between two strays belongs to the run (it may be the space between two words:
    // `<b>Author:</b> <span>Name</span>`); blank text after one is left between the parts.
    let mut blanks: Vec<Node> = Vec::new();
    for node in nodes {
        if is_blank(&node) {
            blanks.push(node);
        } else if el_named(&node, allowed) {
            flush_run(&mut run, &mut out, wrap);
            out.append(&mut blanks);
            out.push(node);
        } else {
            if run.is_empty() {
                out.append(&mut blanks);
            }
            run.append(&mut blanks);
            run.push(node);
        }
    }
    flush_run(&mut run, &mut out, wrap);
    out.append(&mut blanks);
    out
}

/// A `dl` must be groups of one or more `dt` followed by one or more `dd`: add an empty `dt`
/// before a leading `dd` and an empty `dd` after a trailing `dt`.
fn pair_terms(mut nodes: Vec<Node>) -> Vec<Node> {
    let first = nodes.iter().position(|n| matches!(n, Node::El(_)));
    let last = nodes.iter().rposition(|n| matches!(n, Node::El(_)));
    if let Some(last) = last
        && el_named(&nodes[last], &["dt"])
    {
        nodes.insert(last + 1, Node::El(El::new("dd")));
    }
    if let Some(first) = first
        && el_named(&nodes[first], &["dd"])
    {
        nodes.insert(first, Node::El(El::new("dt")));
    }
    nodes
}

/// Table parts in the order HTML requires (caption, colgroup, thead, body rows, tfoot), with one
/// caption, one thead and one tfoot at most; a parser keeps them in source order.
fn order_table(nodes: Vec<Node>) -> Vec<Node> {
    let mut caption: Option<El> = None;
    let mut parts: Vec<(u8, El)> = Vec::new();
    let (mut thead, mut tfoot) = (false, false);
    for node in nodes {
        let Node::El(el) = node else { continue };
        let rank = match el.name {
            "caption" => {
                match caption.as_mut() {
                    Some(first) => {
                        first.children.push(Node::Text(" ".into()));
                        first.children.extend(el.children);
                    }
                    None => caption = Some(el),
                }
                continue;
            }
            "colgroup" | "col" => 1,
            "thead" if !thead => {
                thead = true;
                2
            }
            "tfoot" if !tfoot => {
                tfoot = true;
                4
            }
            _ => 3,
        };
        let el = if matches!(el.name, "thead" | "tfoot") && rank == 3 {
            rename(el, "tbody")
        } else {
            el
        };
        parts.push((rank, el));
    }
    parts.sort_by_key(|(rank, _)| *rank);
    caption
        .into_iter()
        .chain(parts.into_iter().map(|(_, el)| el))
        .map(Node::El)
        .collect()
}

/// A `figcaption` must be the first or the last child of its `figure`, and there is one.
fn place_figcaption(mut nodes: Vec<Node>) -> Vec<Node> {
    let elements: Vec<usize> = nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n, Node::El(_)))
        .map(|(i, _)| i)
        .collect();
    let mut kept = false;
    for (k, &i) in elements.iter().enumerate() {
        if !el_named(&nodes[i], &["figcaption"]) {
            continue;
        }
        let at_edge = k == 0 || k + 1 == elements.len();
        if at_edge && !kept {
            kept = true;
        } else if let Node::El(el) = &mut nodes[i] {
            el.name = "div";
        }
    }
    nodes
}
