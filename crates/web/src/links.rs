//! Links the pages make: to tag pages (fandom, relationship, character, tag, author, series), to
//! works and chapters, and — only when it is plainly `http(s)` — to a URL a file gave.
//!
//! Names come from fic files, so they are percent-encoded whole into one path segment
//! (`Spike/Willow` → `Spike%2FWillow`); askama escapes the result again for the attribute. A
//! name made only of dots would be read by browsers as `.` or `..` even encoded, so its link is
//! the list's query string instead.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::params::Params;

/// Everything but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The kinds of name that have a page of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Fandom,
    Relationship,
    Character,
    Tag,
    Author,
    Series,
}

impl TagKind {
    pub const ALL: [TagKind; 6] = [
        TagKind::Fandom,
        TagKind::Relationship,
        TagKind::Character,
        TagKind::Tag,
        TagKind::Author,
        TagKind::Series,
    ];

    /// The first path segment of this kind's pages.
    pub fn path(self) -> &'static str {
        match self {
            TagKind::Fandom => "fandoms",
            TagKind::Relationship => "relationships",
            TagKind::Character => "characters",
            TagKind::Tag => "tags",
            TagKind::Author => "authors",
            TagKind::Series => "series",
        }
    }

    /// The query-string key filtering by this kind (see `params`).
    pub fn key(self) -> &'static str {
        match self {
            TagKind::Fandom => "fandom",
            TagKind::Relationship => "relationship",
            TagKind::Character => "character",
            TagKind::Tag => "tag",
            TagKind::Author => "author",
            TagKind::Series => "series",
        }
    }

    /// How a page heading names it.
    pub fn label(self) -> &'static str {
        match self {
            TagKind::Fandom => "Fandom",
            TagKind::Relationship => "Relationship",
            TagKind::Character => "Character",
            TagKind::Tag => "Tag",
            TagKind::Author => "Author",
            TagKind::Series => "Series",
        }
    }

    /// The page of works carrying `name`.
    pub fn href(self, name: &str) -> String {
        if name.chars().all(|c| c == '.') {
            return Params::default().with(self.key(), name).href("/works");
        }
        format!("/{}/{}", self.path(), utf8_percent_encode(name, SEGMENT))
    }
}

/// A link as a template shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
}

impl Link {
    pub fn tag(kind: TagKind, name: &str) -> Link {
        Link {
            text: name.to_string(),
            href: kind.href(name),
        }
    }

    pub fn tags(kind: TagKind, names: &[String]) -> Vec<Link> {
        names.iter().map(|n| Link::tag(kind, n)).collect()
    }
}

pub fn work_href(id: u64) -> String {
    format!("/works/{id}")
}

pub fn chapter_href(id: u64, number: usize) -> String {
    format!("/works/{id}/chapters/{number}")
}

/// `url` as a link target if it is an absolute `http:` or `https:` URL, in the form the EPUB
/// writer gives it (`ficshelf_markup::clean_href`: everything RFC 3986 does not allow, quotes
/// and angle brackets included, percent-encoded, so it cannot end the attribute); else `None`
/// and the page shows it as text. One rule for both, so a source URL holding a space is a link
/// on the page as it is in the EPUB.
pub fn external(url: &str) -> Option<String> {
    ficshelf_markup::clean_web_href(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_one_encoded_segment() {
        assert_eq!(
            TagKind::Relationship.href("Spike/Willow"),
            "/relationships/Spike%2FWillow"
        );
        assert_eq!(
            TagKind::Fandom.href("Buffy the Vampire Slayer"),
            "/fandoms/Buffy%20the%20Vampire%20Slayer"
        );
        assert_eq!(
            TagKind::Tag.href("javascript:alert(1)"),
            "/tags/javascript%3Aalert%281%29"
        );
        assert_eq!(TagKind::Tag.href("a?b#c"), "/tags/a%3Fb%23c");
        assert_eq!(TagKind::Author.href("Zoë"), "/authors/Zo%C3%AB");
        assert_eq!(TagKind::Tag.href(".."), "/works?tag=..");
        assert_eq!(TagKind::Series.href("."), "/works?series=.");
        assert_eq!(TagKind::Tag.href("...and then"), "/tags/...and%20then");
    }

    #[test]
    fn only_web_urls_are_links_and_they_are_encoded() {
        let ext = |u: &str| external(u);
        assert_eq!(
            ext(" https://archive.example.org/s/12 ").as_deref(),
            Some("https://archive.example.org/s/12")
        );
        assert_eq!(
            ext("HTTP://x.example/").as_deref(),
            Some("http://x.example/")
        );
        assert_eq!(ext("javascript:alert(1)"), None);
        assert_eq!(ext("JaVaScRiPt:alert(1)"), None);
        assert_eq!(ext("data:text/html,<script>"), None);
        assert_eq!(ext("//evil.example/"), None);
        assert_eq!(ext("https:///path"), None);
        assert_eq!(ext("mailto:a@b.example"), None);
        assert_eq!(ext("http:"), None);
        // What could end the attribute or start markup is encoded, not passed through.
        assert_eq!(
            ext("https://x.example/\"onmouseover=alert(1)").as_deref(),
            Some("https://x.example/%22onmouseover=alert(1)")
        );
        assert_eq!(
            ext("https://x.example/a b<i>").as_deref(),
            Some("https://x.example/a%20b%3Ci%3E")
        );
    }
}
