use super::*;

const FICSHELF_MD: &str = r#"---
title: "The Storm: Over Sunnydale"
authors:
  - "Jane Doe <jane@example.org>"
  - "R. Second (https://example.org/r)"
fandoms:
  - "Buffy the Vampire Slayer"
rating: "Teen And Up Audiences"
warnings:
  - "No Archive Warnings Apply"
categories: []
relationships:
  - "Buffy Summers/Spike"
characters: []
tags:
  - "Angst"
series:
  - name: "Hellmouth Nights"
    index: 2
    url: null
published: "2004-03-14"
updated: null
status: "in-progress"
language: "en"
words: 12
source: "https://archive.example.org/story/17"
---

# The Storm: Over Sunnydale

by Jane Doe, R. Second

> First paragraph of the *summary*.
>
> Second paragraph.

**Notes:**

> Author's notes.

## Chapter 1: Into the Dark

**Summary:**

> A chapter summary.

The night was *cold* and **still**.

---

Later, the storm \# 2.

**End Notes:**

> Chapter end notes.

## Chapter 2

```
## inside a fence
```

Second chapter text.

## End Notes

Thanks for reading!
"#;

fn read_md(text: &str) -> RawWork {
    let front = front_matter(text).expect("front matter");
    read(text, front, "utf-8".into(), Vec::new(), &Limits::default()).unwrap()
}

fn values(raw: &RawWork, key: FieldKey) -> Vec<&str> {
    raw.fields
        .iter()
        .filter(|f| f.key == key)
        .map(|f| f.value.as_str())
        .collect()
}

#[test]
fn ficshelf_layout_is_read_back() {
    let raw = read_md(FICSHELF_MD);
    assert_eq!(raw.producer, Producer::Ficshelf);
    assert_eq!(values(&raw, FieldKey::Title), ["The Storm: Over Sunnydale"]);
    assert_eq!(
        values(&raw, FieldKey::Author),
        [
            "Jane Doe <jane@example.org>",
            "R. Second (https://example.org/r)"
        ]
    );
    assert_eq!(
        values(&raw, FieldKey::Summary),
        ["First paragraph of the summary.\nSecond paragraph."]
    );
    assert_eq!(values(&raw, FieldKey::Notes), ["Author's notes."]);
    assert_eq!(values(&raw, FieldKey::EndNotes), ["Thanks for reading!"]);
    assert_eq!(values(&raw, FieldKey::Series), ["Hellmouth Nights [2]"]);
    assert!(values(&raw, FieldKey::Words).is_empty());
    // The byline repeats the front matter's authors: it feeds nothing.
    assert!(
        raw.unused
            .iter()
            .any(|(_, t)| t == "by Jane Doe, R. Second")
    );

    assert_eq!(raw.chapters.len(), 2);
    let one = &raw.chapters[0];
    assert_eq!(one.title.as_deref(), Some("Chapter 1: Into the Dark"));
    assert_eq!(one.summary.as_deref(), Some("<p>A chapter summary.</p>"));
    assert_eq!(one.end_notes.as_deref(), Some("<p>Chapter end notes.</p>"));
    assert!(
        one.html.contains("<em>cold</em>") && one.html.contains("<hr />"),
        "{}",
        one.html
    );
    assert!(one.html.contains("the storm # 2"), "{}", one.html);
    assert!(
        !one.html.contains("Summary") && !one.html.contains("End Notes"),
        "{}",
        one.html
    );
    let two = &raw.chapters[1];
    assert_eq!(two.title.as_deref(), Some("Chapter 2"));
    assert!(two.html.contains("## inside a fence"), "{}", two.html);
    assert!(!two.html.contains("Thanks for reading"));
    assert_eq!(one.origin, "line 41: \"## Chapter 1: Into the Dark\"");
}

#[test]
fn plain_markdown_with_front_matter_and_h1_chapters() {
    let text = "---\ntitle: Salt\nauthor: Wren\n---\n\nIntro words.\n\n# One\n\nFirst.\n\n# Two\n\nSecond.\n";
    let raw = read_md(text);
    assert_eq!(raw.producer, Producer::Plain);
    let titles: Vec<_> = raw.chapters.iter().map(|c| c.title.clone()).collect();
    assert_eq!(titles, [None, Some("One".into()), Some("Two".into())]);
    assert!(raw.chapters[0].html.contains("Intro words."));
}

#[test]
fn heading_title_and_byline_when_the_front_matter_lacks_them() {
    let text = "---\nrating: R\n---\n# The Title\n\nby Someone\n\nOne paragraph of story.\n";
    let raw = read_md(text);
    assert_eq!(values(&raw, FieldKey::Title), ["The Title"]);
    assert_eq!(values(&raw, FieldKey::Author), ["Someone"]);
    assert_eq!(raw.chapters.len(), 1);
    assert!(raw.chapters[0].html.contains("One paragraph"));
}

#[test]
fn front_matter_only() {
    let raw = read_md("---\ntitle: Nothing else\n---\n");
    assert!(raw.chapters.is_empty());
    assert!(
        raw.diagnostics
            .iter()
            .any(|d| d.message.contains("no story text"))
    );
}

#[test]
fn block_newlines_are_dropped_but_text_newlines_kept() {
    assert_eq!(
        markdown_html("a\nb\n\n> q\n\n---\n"),
        "<p>a\nb</p><blockquote><p>q</p></blockquote><hr />"
    );
    assert_eq!(
        markdown_html("```\nx\ny\n```\n"),
        "<pre><code>x\ny\n</code></pre>"
    );
}

#[test]
fn quotes_nested_beyond_any_reason_are_flattened_with_a_warning() {
    let text = format!(
        "---\ntitle: Deep\n---\n\n## One\n\n{} At the bottom, a sentence.\n",
        ">".repeat(100_000)
    );
    let raw = read_md(&text);
    let html = &raw.chapters[0].html;
    assert!(
        html.contains("At the bottom, a sentence."),
        "{}",
        &html[html.len() - 200..]
    );
    assert!(ficshelf_markup::nesting_depth(html) <= ficshelf_markup::SANITIZE_MAX_DEPTH + 1);
    assert!(
        raw.diagnostics
            .iter()
            .any(|d| d.message.contains("block quotes nested 100000 deep")),
        "{:?}",
        raw.diagnostics
    );
    assert_eq!(quote_depth("> a\n> > b\n>>> > c\ntext > not a quote"), 4);
}
