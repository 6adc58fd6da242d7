use ficshelf_model::Chapter;
use serde_norway::Value;

use super::*;
use crate::testutil::{bare_work, full_work};

/// The front matter of `md`, parsed by a real YAML parser.
fn front(md: &str) -> Value {
    let rest = md
        .strip_prefix("---\n")
        .expect("front matter starts the file");
    let end = rest.find("\n---\n").expect("front matter is closed");
    serde_norway::from_str(&rest[..end + 1]).unwrap_or_else(|e| panic!("invalid YAML: {e}\n{md}"))
}

fn body(md: &str) -> &str {
    let rest = md.strip_prefix("---\n").unwrap();
    &rest[rest.find("\n---\n").unwrap() + 5..]
}

fn chapter_md(html: &str) -> String {
    let mut w = bare_work();
    w.chapters = vec![Chapter::new(None, html.into(), 0)];
    let out = render(&w);
    out.split("## Chapter 1\n\n")
        .nth(1)
        .unwrap_or("")
        .to_string()
}

#[test]
fn front_matter_is_valid_yaml_with_every_field() {
    let out = render(&full_work());
    let v = front(&out);
    assert_eq!(v["title"], "The Storm Over Sunnydale");
    assert_eq!(v["authors"][0], "Jane Doe <jane@example.org>");
    assert_eq!(v["authors"][1], "R. Second (https://example.org/r)");
    assert_eq!(v["fandoms"][0], "Buffy the Vampire Slayer");
    assert_eq!(v["rating"], "Teen And Up Audiences");
    assert_eq!(v["warnings"][0], "No Archive Warnings Apply");
    assert_eq!(v["categories"][0], "F/M");
    assert_eq!(v["relationships"][0], "Buffy Summers/Spike");
    assert_eq!(v["characters"][2], "Willow Rosenberg");
    assert_eq!(v["tags"][1], "Hurt/Comfort");
    assert_eq!(v["series"][0]["name"], "Hellmouth Nights");
    assert_eq!(v["series"][0]["index"], 2);
    assert!(v["series"][0]["url"].is_null());
    assert_eq!(v["published"], "2004-03-14");
    assert_eq!(v["updated"], "2004-05-01");
    assert_eq!(v["status"], "complete");
    assert_eq!(v["language"], "en");
    assert_eq!(v["words"], 13);
    assert_eq!(v["source"], "https://archive.example.org/story/17");
}

#[test]
fn hostile_strings_stay_valid_yaml() {
    let mut w = bare_work();
    w.title = "Title: with \"quotes\" and 'apostrophes' # not a comment".into();
    w.authors = vec![ficshelf_model::Author::named("- dash\u{1}")];
    w.tags = vec![
        "[not, a list]".into(),
        "{not: a map}".into(),
        "*anchor".into(),
        "yes".into(),
        "null".into(),
    ];
    w.series = vec![ficshelf_model::SeriesRef {
        name: "S: x".into(),
        index: Some(0.5),
        url: Some("u\"".into()),
    }];
    w.language = Some("en\nfr".into());
    let v = front(&render(&w));
    assert_eq!(
        v["title"],
        "Title: with \"quotes\" and 'apostrophes' # not a comment"
    );
    assert_eq!(v["authors"][0], "- dash");
    assert_eq!(v["tags"][0], "[not, a list]");
    assert_eq!(v["tags"][1], "{not: a map}");
    assert_eq!(v["tags"][2], "*anchor");
    assert_eq!(v["tags"][3], "yes");
    assert_eq!(v["tags"][4], "null");
    assert_eq!(v["series"][0]["name"], "S: x");
    assert_eq!(v["series"][0]["index"], 0.5);
    assert_eq!(v["series"][0]["url"], "u\"");
    assert_eq!(v["language"], "en\nfr");
    assert!(v["published"].is_null());
    assert_eq!(v["rating"], "Not Rated");
    assert_eq!(v["fandoms"], Value::Sequence(vec![]));
}

#[test]
fn body_layout() {
    let out = render(&full_work());
    let expected = "
# The Storm Over Sunnydale

by Jane Doe, R. Second

> First paragraph of the summary.
>
> Second *paragraph*.

**Notes:**

> Author's notes.

## Chapter 1: Into the Dark

The night was *cold* and **still**.

---

Later, the storm.

## Chapter 2

Second chapter text.

## End Notes

Thanks for reading!
";
    assert_eq!(body(&out), expected);
}

#[test]
fn text_never_becomes_markdown_by_accident() {
    assert_eq!(
        chapter_md("<p>*stars* _under_ `tick` [link](x) a|b ~~s~~ \\ &lt;div&gt;</p>"),
        "\\*stars\\* \\_under\\_ \\`tick\\` \\[link\\](x) a\\|b \\~\\~s\\~\\~ \\\\ \\<div>\n"
    );
    assert_eq!(chapter_md("<p># not a heading</p>"), "\\# not a heading\n");
    assert_eq!(
        chapter_md("<p>- not a list</p><p>+ nor this</p><p>&gt; nor a quote</p>"),
        "\\- not a list\n\n\\+ nor this\n\n\\> nor a quote\n"
    );
    assert_eq!(
        chapter_md("<p>1. not a list</p><p>2004) nor this</p><p>1984 is a year.</p>"),
        "1\\. not a list\n\n2004\\) nor this\n\n1984 is a year.\n"
    );
    assert_eq!(
        chapter_md("<p>line<br>---<br>===</p>"),
        "line\\\n\\---\\\n\\===\n"
    );
    assert_eq!(
        chapter_md("<p>Tom &amp; Jerry &amp;amp; &amp;#39;</p>"),
        "Tom & Jerry \\&amp; \\&#39;\n"
    );
    assert_eq!(chapter_md("<p>Issue #5</p>"), "Issue #5\n");
}

#[test]
fn headings_escape_every_hash() {
    let mut w = bare_work();
    w.title = "C# #1 #".into();
    w.chapters[0].title = Some("Take #2 #".into());
    let out = render(&w);
    assert!(out.contains("\n# C\\# \\#1 \\#\n"), "{out}");
    assert!(out.contains("\n## Chapter 1: Take \\#2 \\#\n"), "{out}");
}

#[test]
fn markup_becomes_markdown() {
    assert_eq!(
        chapter_md(
            "<p>a <em>b</em> <strong>c</strong> <a href=\"https://e.x/p\">d</a> <code>x`y</code></p>"
        ),
        "a *b* **c** [d](https://e.x/p) ``x`y``\n"
    );
    assert_eq!(
        chapter_md("<blockquote><p>q1</p><p>q2</p></blockquote>"),
        "> q1\n>\n> q2\n"
    );
    assert_eq!(
        chapter_md("<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>"),
        "- a\n\n- b\n\n  1. c\n"
    );
    assert_eq!(chapter_md("<h1>Inner</h1><hr>"), "### Inner\n\n---\n");
    assert_eq!(
        chapter_md("<pre>code ```here```</pre>"),
        "````\ncode ```here```\n````\n"
    );
}
