//! What each spine page is: a chapter, or one of the pages around the story (title page, table
//! of contents, navigation document, cover, FanFicFare's log page, AO3's preface and
//! afterword). Part of the spine walk: only chapters become chapters; title pages, prefaces
//! and afterwords are read for metadata; the rest is left out with a note in `unused`.
//!
//! The book's own structure is trusted first (the nav document's `properties="nav"`, the OPF
//! guide, the nav landmarks, `epub:type`), then what the page's markup says (FanFicFare's
//! `fff_*` body classes, AO3's `#preface`/`#afterword`, ficshelf's `header#preface`), then the
//! names producers give these pages (`title_page`, `toc`, `cover`, `log_page`, …), and last what
//! the page holds (nothing but an image: a cover; nothing but links: a table of contents).

use ficshelf_markup::element_text;
use scraper::{ElementRef, Html};

use super::toc::epub_type;

/// The part a spine page plays in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Chapter,
    TitlePage,
    /// A table of contents page (the nav document included).
    Contents,
    Cover,
    /// FanFicFare's update log.
    Log,
    /// AO3's preface (or a page named so): metadata, summary, notes.
    Preface,
    /// AO3's or ficshelf's afterword: end notes.
    Afterword,
    /// `linear="no"`: outside the reading order (footnotes, pop-ups).
    Aside,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chapter => "chapter",
            Role::TitlePage => "title page",
            Role::Contents => "table of contents",
            Role::Cover => "cover",
            Role::Log => "update log",
            Role::Preface => "preface",
            Role::Afterword => "afterword",
            Role::Aside => "not in the reading order",
        }
    }
}

/// What the book's structure says about one page, before it is read.
#[derive(Debug, Default)]
pub struct Structure<'a> {
    pub is_nav: bool,
    pub linear: bool,
    /// OPF guide types and nav landmark types that point at the page.
    pub types: Vec<&'a str>,
    /// The manifest id and the file name.
    pub id: &'a str,
    pub path: &'a str,
}

/// The role of a page from the structure alone, when it is decisive.
pub fn from_structure(s: &Structure<'_>) -> Option<Role> {
    if s.is_nav {
        return Some(Role::Contents);
    }
    if !s.linear {
        return Some(Role::Aside);
    }
    s.types.iter().find_map(|t| by_type(t))
}

/// A guide/landmark/`epub:type` word → role.
fn by_type(kind: &str) -> Option<Role> {
    match kind {
        "cover" => Some(Role::Cover),
        "title-page" | "titlepage" => Some(Role::TitlePage),
        "toc" => Some(Role::Contents),
        // Said of a page's own markup (ficshelf's and pandoc's `section epub:type="chapter"`):
        // a chapter whose text is all links must not be guessed a table of contents (found by
        // epub_roundtrip: such a chapter vanished from ficshelf's own EPUB).
        "chapter" => Some(Role::Chapter),
        _ => None,
    }
}

/// The role of a parsed page: its markup, then its name, then its content.
pub fn from_page(s: &Structure<'_>, doc: &Html) -> Role {
    if let Some(role) = from_markup(doc) {
        return role;
    }
    if let Some(role) = by_name(s.id).or_else(|| by_name(stem(s.path))) {
        return role;
    }
    from_content(doc).unwrap_or(Role::Chapter)
}

fn from_markup(doc: &Html) -> Option<Role> {
    let body = body(doc)?;
    for class in body.value().classes() {
        match class {
            "fff_titlepage" => return Some(Role::TitlePage),
            "fff_tocpage" => return Some(Role::Contents),
            "fff_logpage" => return Some(Role::Log),
            "fff_coverpage" => return Some(Role::Cover),
            "fff_chapter" => return Some(Role::Chapter),
            _ => {}
        }
    }
    // The outermost elements of the body (a wrapping div or section is looked through).
    let mut tops: Vec<ElementRef<'_>> = vec![body];
    for _ in 0..3 {
        let next: Vec<ElementRef<'_>> = tops
            .iter()
            .flat_map(|e| e.children().filter_map(ElementRef::wrap))
            .collect();
        for el in tops.iter().chain(next.iter()) {
            if let Some(role) = epub_type(*el).iter().find_map(|t| by_type(t)) {
                return Some(role);
            }
            let id = el.value().id().unwrap_or("");
            let name = el.value().name();
            match (name, id) {
                ("div", "preface") => return Some(Role::Preface),
                ("header", "preface") => return Some(Role::TitlePage),
                ("div" | "footer", "afterword") => return Some(Role::Afterword),
                _ => {}
            }
        }
        if next.is_empty() {
            break;
        }
        tops = next;
    }
    None
}

/// The name producers give a page (manifest id or file stem), squashed: `title_page`,
/// `TitlePage`, `title-page` alike.
fn by_name(name: &str) -> Option<Role> {
    let squashed: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match squashed.as_str() {
        "titlepage" | "title" | "titlepagexhtml" => Some(Role::TitlePage),
        "toc" | "tocpage" | "contents" | "tableofcontents" | "nav" => Some(Role::Contents),
        "cover" | "coverpage" => Some(Role::Cover),
        "logpage" | "updatelog" => Some(Role::Log),
        "preface" => Some(Role::Preface),
        "afterword" => Some(Role::Afterword),
        _ => None,
    }
}

/// The file name without folders and extension.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// Pages that hold no prose: only an image (a cover) or only links (a table of contents).
fn from_content(doc: &Html) -> Option<Role> {
    let body = body(doc)?;
    let text = element_text(body);
    let words = text.split_whitespace().count();
    let images = body
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "img" | "svg" | "image"))
        .count();
    if words == 0 {
        return (images > 0).then_some(Role::Cover);
    }
    let links: Vec<ElementRef<'_>> = body
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a" && e.value().attr("href").is_some())
        .collect();
    let link_words: usize = links
        .iter()
        .map(|a| element_text(*a).split_whitespace().count())
        .sum();
    // A list of three or more links with hardly any other text is a table of contents.
    (links.len() >= 3 && link_words * 10 >= words * 7).then_some(Role::Contents)
}

fn body(doc: &Html) -> Option<ElementRef<'_>> {
    doc.root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Html {
        Html::parse_document(html)
    }

    fn role(id: &str, path: &str, html: &str) -> Role {
        let s = Structure {
            linear: true,
            id,
            path,
            ..Structure::default()
        };
        from_structure(&s).unwrap_or_else(|| from_page(&s, &page(html)))
    }

    #[test]
    fn the_structure_decides_first() {
        let nav = Structure {
            is_nav: true,
            linear: true,
            ..Structure::default()
        };
        assert_eq!(from_structure(&nav), Some(Role::Contents));
        let aside = Structure::default();
        assert_eq!(from_structure(&aside), Some(Role::Aside));
        let guided = Structure {
            linear: true,
            types: vec!["text", "title-page"],
            ..Structure::default()
        };
        assert_eq!(from_structure(&guided), Some(Role::TitlePage));
        let text = Structure {
            linear: true,
            types: vec!["text", "bodymatter"],
            ..Structure::default()
        };
        assert_eq!(from_structure(&text), None);
    }

    #[test]
    fn markup_of_known_producers() {
        let p = "<p>Some words of story text here.</p>";
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                &format!("<body class='fff_titlepage'>{p}</body>")
            ),
            Role::TitlePage
        );
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                &format!("<body class='fff_logpage'>{p}</body>")
            ),
            Role::Log
        );
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                &format!("<body><div id='preface'>{p}</div></body>")
            ),
            Role::Preface
        );
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                &format!("<body><div><div id='afterword'>{p}</div></div></body>")
            ),
            Role::Afterword
        );
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                &format!("<body><header id='preface'>{p}</header></body>")
            ),
            Role::TitlePage
        );
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                &format!("<body><section epub:type='titlepage'>{p}</section></body>")
            ),
            Role::TitlePage
        );
    }

    #[test]
    fn names_and_content() {
        let p = "<body><p>Some words of story text here.</p></body>";
        assert_eq!(role("title_page", "OEBPS/x.xhtml", p), Role::TitlePage);
        assert_eq!(role("x", "OEBPS/log_page.xhtml", p), Role::Log);
        assert_eq!(role("x", "OEBPS/Cover.xhtml", p), Role::Cover);
        assert_eq!(role("chapter-1", "OEBPS/chapter-1.xhtml", p), Role::Chapter);
        assert_eq!(
            role(
                "x",
                "a.xhtml",
                "<body><div><img src='c.jpg' alt=''/></div></body>"
            ),
            Role::Cover
        );
        let toc = "<body><h2>Contents</h2><a href='a'>One</a><br/><a href='b'>Two</a><br/><a href='c'>Three</a></body>";
        assert_eq!(role("x", "a.xhtml", toc), Role::Contents);
        let story_with_links = "<body><p>She read <a href='a'>one</a>, <a href='b'>two</a> and <a href='c'>three</a> letters before the tide turned and the lamp went out.</p></body>";
        assert_eq!(role("x", "a.xhtml", story_with_links), Role::Chapter);
        // Marked as a chapter, a page of links is one.
        let marked = toc.replace("<body>", "<body><section epub:type='chapter'>");
        assert_eq!(role("x", "a.xhtml", &marked), Role::Chapter);
    }
}
