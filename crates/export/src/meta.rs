//! What the HTML page and the EPUB share: the preface (title, byline, `dl.meta` block, summary,
//! notes), the chapter sections and the afterword, written once as markup valid in both HTML5
//! and XHTML5. The field list, labels and value formats here are also used by the text writer,
//! so every format shows a field the same way (docs/ficshelf-formats.md, "Shared conventions").

use ficshelf_model::{Ao3Rating, ArchiveWarning, Author, Chapter, Status, Work};

use crate::fragment::{self, Flavor, has_content, push_text};
use crate::xml::{attr, clean, clean_href, one_line};

/// The labelled fields of the metadata block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Rating,
    Warnings,
    Fandoms,
    Categories,
    Relationships,
    Characters,
    Tags,
    Series,
    Published,
    Updated,
    Status,
    Language,
    Words,
    Chapters,
    Source,
}

/// The HTML and EPUB order.
pub(crate) const HTML_FIELDS: &[Field] = &[
    Field::Rating,
    Field::Warnings,
    Field::Fandoms,
    Field::Categories,
    Field::Relationships,
    Field::Characters,
    Field::Tags,
    Field::Series,
    Field::Published,
    Field::Updated,
    Field::Status,
    Field::Language,
    Field::Words,
    Field::Chapters,
    Field::Source,
];

impl Field {
    /// The label; every one is a label `FieldKey::from_label` knows, so readers map it back.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Rating => "Rating",
            Field::Warnings => "Archive Warning",
            Field::Fandoms => "Fandom",
            Field::Categories => "Category",
            Field::Relationships => "Relationship",
            Field::Characters => "Character",
            Field::Tags => "Additional Tags",
            Field::Series => "Series",
            Field::Published => "Published",
            Field::Updated => "Updated",
            Field::Status => "Status",
            Field::Language => "Language",
            Field::Words => "Words",
            Field::Chapters => "Chapters",
            Field::Source => "Source",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Field::Rating => "rating",
            Field::Warnings => "warnings",
            Field::Fandoms => "fandoms",
            Field::Categories => "categories",
            Field::Relationships => "relationships",
            Field::Characters => "characters",
            Field::Tags => "tags",
            Field::Series => "series",
            Field::Published => "published",
            Field::Updated => "updated",
            Field::Status => "status",
            Field::Language => "language",
            Field::Words => "words",
            Field::Chapters => "chapters",
            Field::Source => "source",
        }
    }

    /// Whether the field holds a list (shown as `ul` in HTML, joined in text).
    pub(crate) fn is_list(self) -> bool {
        matches!(
            self,
            Field::Warnings
                | Field::Fandoms
                | Field::Categories
                | Field::Relationships
                | Field::Characters
                | Field::Tags
                | Field::Series
        )
    }

    /// The field's values as text, one line each; empty when the field is not shown.
    pub(crate) fn values(self, work: &Work) -> Vec<String> {
        let list = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| one_line(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        match self {
            // A rating or warnings the source never stated are AO3's defaults: showing them
            // would make a reader find a value the original did not have.
            Field::Rating
                if work.rating.raw.is_none() && work.rating.ao3 == Ao3Rating::NotRated =>
            {
                Vec::new()
            }
            Field::Rating => vec![work.rating.ao3.as_str().to_string()],
            Field::Warnings
                if work.warnings.raw.is_empty()
                    && work.warnings.ao3 == [ArchiveWarning::ChooseNotToUse] =>
            {
                Vec::new()
            }
            Field::Warnings => work
                .warnings
                .ao3
                .iter()
                .map(|w| w.as_str().to_string())
                .collect(),
            Field::Fandoms => list(&work.fandoms),
            Field::Categories => work
                .categories
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
            Field::Relationships => list(&work.relationships),
            Field::Characters => list(&work.characters),
            Field::Tags => list(&work.tags),
            Field::Series => work
                .series
                .iter()
                .filter(|s| !one_line(&s.name).is_empty())
                .map(|s| match s.index.and_then(format_index) {
                    Some(i) => format!("{} [{i}]", one_line(&s.name)),
                    None => one_line(&s.name),
                })
                .collect(),
            Field::Published => work.published.map(|d| d.to_string()).into_iter().collect(),
            Field::Updated => work.updated.map(|d| d.to_string()).into_iter().collect(),
            Field::Status => status_text(work.status)
                .map(str::to_string)
                .into_iter()
                .collect(),
            Field::Language => work
                .language
                .as_deref()
                .map(one_line)
                .filter(|l| !l.is_empty())
                .into_iter()
                .collect(),
            Field::Words => vec![work.words.to_string()],
            Field::Chapters => {
                let n = work.chapters.len();
                vec![match work.status {
                    Status::Complete => format!("{n}/{n}"),
                    Status::InProgress => format!("{n}/?"),
                    Status::Unknown => n.to_string(),
                }]
            }
            Field::Source => work
                .source
                .url
                .as_deref()
                .map(one_line)
                .filter(|u| !u.is_empty())
                .into_iter()
                .collect(),
        }
    }
}

pub(crate) fn status_text(status: Status) -> Option<&'static str> {
    match status {
        Status::Complete => Some("Complete"),
        Status::InProgress => Some("In Progress"),
        Status::Unknown => None,
    }
}

/// A series index as written: `2`, `1.5`; `None` for a value that is not a finite number.
pub(crate) fn format_index(index: f64) -> Option<String> {
    if !index.is_finite() {
        return None;
    }
    if index.fract() == 0.0 && index.abs() < 1e15 {
        return Some(format!("{}", index as i64));
    }
    Some(format!("{index}"))
}

/// The work's title on one line, never empty.
pub(crate) fn title(work: &Work) -> String {
    let t = one_line(&crate::xml::clean(&work.title));
    if t.is_empty() {
        "Untitled".to_string()
    } else {
        t
    }
}

/// The heading of chapter `n` (1-based): `Chapter N: Title`, or `Chapter N` when untitled.
pub(crate) fn chapter_heading(n: usize, chapter: &Chapter) -> String {
    match chapter
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
    {
        Some(t) => format!("Chapter {n}: {t}"),
        None => format!("Chapter {n}"),
    }
}

/// `<header id="preface">` with title, byline, metadata, summary and notes.
pub(crate) fn write_preface(work: &Work, flavor: Flavor, out: &mut String) {
    out.push_str("<header id=\"preface\">\n<h1 class=\"title\">");
    push_text(out, &title(work));
    out.push_str("</h1>\n");
    write_byline(work, out);
    write_dl(work, out);
    write_section(
        out,
        "summary",
        "h2",
        "Summary",
        work.summary.as_deref(),
        flavor,
    );
    write_section(out, "notes", "h2", "Notes", work.notes.as_deref(), flavor);
    out.push_str("</header>\n");
}

fn write_byline(work: &Work, out: &mut String) {
    let authors: Vec<_> = work
        .authors
        .iter()
        .filter(|a| !one_line(&a.name).is_empty())
        .collect();
    if authors.is_empty() {
        return;
    }
    out.push_str("<p class=\"byline\">by ");
    for (i, a) in authors.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str("<span class=\"author\"");
        for (name, value) in [("data-email", &a.email), ("data-url", &a.url)] {
            if let Some(v) = value.as_deref().map(one_line).filter(|v| !v.is_empty()) {
                out.push_str(&format!(" {name}=\"{}\"", attr(&v)));
            }
        }
        out.push('>');
        push_text(out, &one_line(&a.name));
        out.push_str("</span>");
    }
    out.push_str("</p>\n");
}

/// The `dl.meta` block: every field with a value, then the extra fields under their labels.
fn write_dl(work: &Work, out: &mut String) {
    out.push_str("<dl class=\"meta\">\n");
    for &field in HTML_FIELDS {
        let values = field.values(work);
        if values.is_empty() {
            continue;
        }
        out.push_str("<dt>");
        out.push_str(field.label());
        out.push_str("</dt><dd class=\"");
        out.push_str(field.class());
        out.push_str("\">");
        if field.is_list() {
            out.push_str("<ul>");
            for (i, v) in values.iter().enumerate() {
                out.push_str("<li>");
                match (
                    field,
                    work.series
                        .get(i)
                        .and_then(|s| s.url.as_deref())
                        .and_then(clean_href),
                ) {
                    (Field::Series, Some(href)) => push_link(out, &href, v),
                    _ => push_text(out, v),
                }
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        } else {
            let href = if field == Field::Source {
                clean_href(&values[0])
            } else {
                None
            };
            match href {
                Some(href) => push_link(out, &href, &values[0]),
                None => push_text(out, &values[0]),
            }
        }
        out.push_str("</dd>\n");
    }
    for (label, value) in &work.extra {
        let (label, value) = (one_line(label), one_line(value));
        if label.is_empty() || value.is_empty() {
            continue;
        }
        out.push_str("<dt>");
        push_text(out, &label);
        out.push_str("</dt><dd class=\"extra\">");
        push_text(out, &value);
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
}

fn push_link(out: &mut String, href: &str, text: &str) {
    out.push_str("<a href=\"");
    out.push_str(&attr(href));
    out.push_str("\">");
    push_text(out, text);
    out.push_str("</a>");
}

/// `<div class="{class}"><h2>{heading}</h2>…</div>` when `html` has content.
pub(crate) fn write_section(
    out: &mut String,
    class: &str,
    level: &str,
    heading: &str,
    html: Option<&str>,
    flavor: Flavor,
) {
    let Some(html) = html.filter(|h| has_content(h)) else {
        return;
    };
    out.push_str(&format!(
        "<div class=\"{class}\">\n<{level}>{heading}</{level}>\n"
    ));
    fragment::write(html, flavor, out);
    out.push_str("\n</div>\n");
}

/// The inside of a chapter's `section`: heading, chapter summary and notes, text, end notes.
pub(crate) fn write_chapter_body(n: usize, chapter: &Chapter, flavor: Flavor, out: &mut String) {
    out.push_str("<h2>");
    push_text(out, &chapter_heading(n, chapter));
    out.push_str("</h2>\n");
    write_section(
        out,
        "chapter-summary",
        "h3",
        "Summary",
        chapter.summary.as_deref(),
        flavor,
    );
    write_section(
        out,
        "chapter-notes",
        "h3",
        "Notes",
        chapter.notes.as_deref(),
        flavor,
    );
    fragment::write(&chapter.html, flavor, out);
    out.push('\n');
    write_section(
        out,
        "chapter-end-notes",
        "h3",
        "End Notes",
        chapter.end_notes.as_deref(),
        flavor,
    );
}

/// Whether the work has an afterword (end notes with content).
pub(crate) fn has_afterword(work: &Work) -> bool {
    work.end_notes.as_deref().is_some_and(has_content)
}

/// `<footer id="afterword">` with the end notes.
pub(crate) fn write_afterword(work: &Work, flavor: Flavor, out: &mut String) {
    if !has_afterword(work) {
        return;
    }
    out.push_str("<footer id=\"afterword\">\n");
    write_section(
        out,
        "end-notes",
        "h2",
        "End Notes",
        work.end_notes.as_deref(),
        flavor,
    );
    out.push_str("</footer>\n");
}

#[cfg(test)]
mod tests;

/// `Name <email> (url)`, each part when known.
pub(crate) fn author_text(a: &Author) -> Option<String> {
    let mut s = one_line(&clean(&a.name));
    if s.is_empty() {
        return None;
    }
    if let Some(email) = a
        .email
        .as_deref()
        .map(|e| one_line(&clean(e)))
        .filter(|e| !e.is_empty())
    {
        s.push_str(&format!(" <{email}>"));
    }
    if let Some(url) = a
        .url
        .as_deref()
        .map(|u| one_line(&clean(u)))
        .filter(|u| !u.is_empty())
    {
        s.push_str(&format!(" ({url})"));
    }
    Some(s)
}
