use super::*;

fn text(t: &str, style: Style) -> Inline {
    Inline::Text {
        text: t.into(),
        style,
        link: None,
    }
}

const PLAIN: Style = Style {
    em: false,
    strong: false,
    code: false,
};
const EM: Style = Style {
    em: true,
    strong: false,
    code: false,
};
const STRONG: Style = Style {
    em: false,
    strong: true,
    code: false,
};

#[test]
fn paragraphs_whitespace_and_entities() {
    let doc = parse("<p>  One\n  two&nbsp;&amp;amp;  </p>loose <p>Three</p>");
    assert_eq!(
        doc.blocks,
        [
            Block::Para(vec![text("One two &amp;", PLAIN)]),
            Block::Para(vec![text("loose", PLAIN)]),
            Block::Para(vec![text("Three", PLAIN)]),
        ]
    );
}

#[test]
fn styles_are_runs_and_carry_through_blocks() {
    let doc = parse("<p>a <em>b</em> <b>c <i>d</i></b></p><i><p>e</p><p>f</p></i>");
    let both = Style {
        em: true,
        strong: true,
        code: false,
    };
    assert_eq!(
        doc.blocks,
        [
            Block::Para(vec![
                text("a ", PLAIN),
                text("b", EM),
                text(" ", PLAIN),
                text("c ", STRONG),
                text("d", both)
            ]),
            Block::Para(vec![text("e", EM)]),
            Block::Para(vec![text("f", EM)]),
        ]
    );
}

#[test]
fn breaks_rules_headings_quotes_lists() {
    let doc = parse(
        "<p>a<br>b<br><br>c<br></p><hr><h2>Head</h2><blockquote><p>q</p></blockquote>\
         <ol start=\"4\"><li>x</li><li><p>y</p><p>z</p></li></ol><ul><li>u</li></ul>",
    );
    assert_eq!(
        doc.blocks,
        [
            Block::Para(vec![text("a", PLAIN), Inline::Break, text("b", PLAIN)]),
            Block::Para(vec![text("c", PLAIN)]),
            Block::Rule,
            Block::Heading(2, vec![text("Head", PLAIN)]),
            Block::Quote(vec![Block::Para(vec![text("q", PLAIN)])]),
            Block::List {
                ordered: true,
                start: 4,
                items: vec![
                    vec![Block::Para(vec![text("x", PLAIN)])],
                    vec![
                        Block::Para(vec![text("y", PLAIN)]),
                        Block::Para(vec![text("z", PLAIN)])
                    ],
                ],
            },
            Block::List {
                ordered: false,
                start: 1,
                items: vec![vec![Block::Para(vec![text("u", PLAIN)])]]
            },
        ]
    );
}

#[test]
fn links_images_pre_tables_and_dropped_content() {
    let doc = parse(
        "<p><a href=\"https://e.x/a\">link</a> <a href=\"rel.html\">rel</a> <img alt=\"pic\" src=\"p.png\"></p>\
         <pre>  two\n   lines\n</pre><table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td>b</td></tr></table>\
         <script>x()</script><style>p{}</style>",
    );
    assert_eq!(doc.links, ["https://e.x/a"]);
    assert_eq!(
        doc.blocks,
        [
            Block::Para(vec![
                Inline::Text {
                    text: "link".into(),
                    style: PLAIN,
                    link: Some(0)
                },
                text(" rel pic", PLAIN),
            ]),
            Block::Pre("  two\n   lines".into()),
            Block::Para(vec![text("h1 | h2", PLAIN)]),
            Block::Para(vec![text("a | b", PLAIN)]),
        ]
    );
}

#[test]
fn empty_and_hostile_input() {
    assert!(parse("").blocks.is_empty());
    assert!(parse("<p> &nbsp; </p><br><br><i> </i>").blocks.is_empty());
    let deep = "<blockquote>".repeat(3000) + "deep";
    let doc = parse(&deep);
    let mut found = false;
    let mut stack: Vec<&Block> = doc.blocks.iter().collect();
    while let Some(b) = stack.pop() {
        match b {
            Block::Para(inl) => {
                found |= inl
                    .iter()
                    .any(|i| matches!(i, Inline::Text { text, .. } if text.contains("deep")))
            }
            Block::Quote(inner) => stack.extend(inner),
            _ => {}
        }
    }
    assert!(found);
    assert_eq!(
        parse("<p>a\u{0}b\u{1b}c</p>").blocks,
        [Block::Para(vec![text("abc", PLAIN)])]
    );
}

#[test]
fn rendered_lines_put_spaces_outside_marks() {
    let marks = Marks {
        em: "_",
        strong: "**",
        links: true,
        text: |s, o| o.push_str(s),
        code: |s, o| o.push_str(s),
    };
    let inl = vec![
        text("a", PLAIN),
        text(" b ", EM),
        text("c", STRONG),
        Inline::Break,
        Inline::Text {
            text: "l".into(),
            style: PLAIN,
            link: Some(0),
        },
    ];
    assert_eq!(
        render_lines(&inl, &["https://e.x/(1)".into()], &marks),
        ["a _b_ **c**", "[l](<https://e.x/(1)>)"]
    );
    let no_links = Marks {
        links: false,
        ..marks
    };
    assert_eq!(
        render_lines(&inl, &["u".into()], &no_links),
        ["a _b_ **c**", "l"]
    );
}
