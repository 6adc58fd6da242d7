//! The HTML writer: one standalone HTML5 page that reads offline (inline CSS, no scripts, no
//! external resources), laid out as docs/ficshelf-formats.md describes so that ficshelf's HTML
//! reader, or any label/value reader, gets the same `Work` back.

use ficshelf_model::Work;

use crate::fragment::{Flavor, has_content, push_text};
use crate::meta;
use crate::xml::{attr, is_language_tag, is_rtl_language, one_line};

pub(crate) fn render(work: &Work) -> String {
    let size: usize = work.chapters.iter().map(|c| c.html.len()).sum();
    let mut o = String::with_capacity(size + size / 8 + 4096);
    let lang = work
        .language
        .as_deref()
        .map(one_line)
        .filter(|l| is_language_tag(l));
    o.push_str("<!DOCTYPE html>\n<html");
    if let Some(lang) = &lang {
        o.push_str(&format!(" lang=\"{}\"", attr(lang)));
        if is_rtl_language(lang) {
            o.push_str(" dir=\"rtl\"");
        }
    }
    o.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"generator\" content=\"ficshelf\">\n");
    let authors: Vec<String> = work
        .authors
        .iter()
        .map(|a| one_line(&a.name))
        .filter(|n| !n.is_empty())
        .collect();
    if !authors.is_empty() {
        o.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            attr(&authors.join(", "))
        ));
    }
    if let Some(summary) = work.summary.as_deref().filter(|s| has_content(s)) {
        let text = one_line(&ficshelf_markup::text_content(summary));
        o.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            attr(&text)
        ));
    }
    o.push_str("<title>");
    push_text(&mut o, &meta::title(work));
    o.push_str("</title>\n<style>\n");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n");
    meta::write_preface(work, Flavor::Html, &mut o);
    if !work.chapters.is_empty() {
        o.push_str("<nav id=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
        for (i, ch) in work.chapters.iter().enumerate() {
            o.push_str(&format!("<li><a href=\"#chapter-{}\">", i + 1));
            push_text(&mut o, &meta::chapter_heading(i + 1, ch));
            o.push_str("</a></li>\n");
        }
        o.push_str("</ol>\n</nav>\n");
    }
    for (i, ch) in work.chapters.iter().enumerate() {
        o.push_str(&format!(
            "<section class=\"chapter\" id=\"chapter-{}\">\n",
            i + 1
        ));
        meta::write_chapter_body(i + 1, ch, Flavor::Html, &mut o);
        o.push_str("</section>\n");
    }
    meta::write_afterword(work, Flavor::Html, &mut o);
    o.push_str("</body>\n</html>\n");
    o
}

const CSS: &str = "\
body { max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.5;
  font-family: Georgia, 'Times New Roman', serif; color: #222; background: #fff; }
h1.title { text-align: center; margin-bottom: 0.2em; }
p.byline { text-align: center; font-style: italic; margin-top: 0; }
dl.meta { border: 1px solid #ccc; padding: 0.5em 1em; font-size: 0.9em; }
dl.meta dt { font-weight: bold; float: left; clear: left; margin-right: 0.5em; }
dl.meta dt::after { content: ':'; }
dl.meta dd { margin: 0 0 0.3em 0; }
dl.meta ul { display: inline; margin: 0; padding: 0; }
dl.meta li { display: inline; }
dl.meta li + li::before { content: ', '; }
nav#toc { margin: 2em 0; }
section.chapter { margin-top: 3em; }
hr { border: none; text-align: center; margin: 1.5em 0; }
hr::after { content: '* * *'; }
blockquote { margin: 1em 2em; }
.center { text-align: center; }
.big { font-size: larger; }
.tt { font-family: monospace; }
.summary, .notes, .end-notes, .chapter-summary, .chapter-notes, .chapter-end-notes {
  margin: 1em 0; }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{bare_work, full_work};

    /// html5ever's parse errors for a whole document: none means the page is well-formed HTML.
    fn parse_errors(html: &str) -> Vec<String> {
        scraper::Html::parse_document(html)
            .errors
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn standalone_page_with_preface_toc_chapters_afterword() {
        let out = render(&full_work());
        assert!(
            out.starts_with(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
            )
        );
        assert_eq!(parse_errors(&out), Vec::<String>::new());
        for needle in [
            "<meta name=\"generator\" content=\"ficshelf\">",
            "<meta name=\"author\" content=\"Jane Doe, R. Second\">",
            "<meta name=\"description\" content=\"First paragraph of the summary. Second paragraph.\">",
            "<title>The Storm Over Sunnydale</title>",
            "<header id=\"preface\">",
            "<dl class=\"meta\">",
            "<nav id=\"toc\">\n<h2>Contents</h2>\n<ol>\n<li><a href=\"#chapter-1\">Chapter 1: Into the Dark</a></li>\n<li><a href=\"#chapter-2\">Chapter 2</a></li>\n</ol>",
            "<section class=\"chapter\" id=\"chapter-1\">\n<h2>Chapter 1: Into the Dark</h2>\n<p>The night was <em>cold</em>",
            "<hr><p>Later, the storm.</p>",
            "<footer id=\"afterword\">\n<div class=\"end-notes\">\n<h2>End Notes</h2>\n<p>Thanks for reading!</p>",
        ] {
            assert!(out.contains(needle), "{needle} missing from\n{out}");
        }
        let order = [
            "id=\"preface\"",
            "id=\"toc\"",
            "id=\"chapter-1\"",
            "id=\"chapter-2\"",
            "id=\"afterword\"",
        ];
        let at: Vec<usize> = order.iter().map(|s| out.find(s).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn offline_no_scripts_no_external_resources() {
        let mut w = full_work();
        w.chapters[0].html =
            "<p><img src=\"https://example.org/x.png\" alt=\"remote\"><script>x()</script></p>"
                .into();
        let out = render(&w);
        for bad in ["<script", "<img", "<link", "src=", "@import", "url("] {
            assert!(!out.contains(bad), "{bad} in\n{out}");
        }
        assert!(out.contains("<p>remote</p>"));
    }

    #[test]
    fn text_is_escaped_everywhere() {
        let mut w = bare_work();
        w.title = "A <b>&amp;</b> \"B\"".into();
        w.authors = vec![ficshelf_model::Author::named("O'Neil \"x\" <y>")];
        w.summary = Some("<p>S &lt;i&gt;</p>".into());
        w.chapters[0].title = Some("<i>T</i>".into());
        let out = render(&w);
        assert!(
            out.contains("<title>A &lt;b&gt;&amp;amp;&lt;/b&gt; \"B\"</title>"),
            "{out}"
        );
        assert!(
            out.contains("<meta name=\"author\" content=\"O&#39;Neil &quot;x&quot; &lt;y&gt;\">")
        );
        assert!(out.contains("<meta name=\"description\" content=\"S &lt;i&gt;\">"));
        assert!(out.contains("<h2>Chapter 1: &lt;i&gt;T&lt;/i&gt;</h2>"));
        assert_eq!(parse_errors(&out), Vec::<String>::new());
    }

    #[test]
    fn bare_work_has_no_empty_sections() {
        let out = render(&bare_work());
        assert!(out.starts_with("<!DOCTYPE html>\n<html>\n"));
        let head = &out[..out.find("<style>").unwrap()];
        let body = &out[out.find("<body>").unwrap()..];
        assert!(
            !head.contains("meta name=\"author\"") && !head.contains("description"),
            "{head}"
        );
        for absent in ["byline", "summary", "notes", "afterword"] {
            assert!(!body.contains(absent), "{absent} in\n{body}");
        }
        assert_eq!(parse_errors(&out), Vec::<String>::new());
    }
}
