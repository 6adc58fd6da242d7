//! Link targets: the one form of a URL that a `Work` holds and that ficshelf writes.
//!
//! The EPUB writer must percent-encode what RFC 3986 does not allow (epubcheck rejects invalid
//! URIs); the normalizer cleans a work's URLs the same way, so that a series link read from a
//! page (`…/series/27 1828`) is the link the EPUB carries and gives back (found by the
//! `epub_roundtrip` fuzz target).

/// A link target safe to write: an absolute `http`, `https` or `mailto` URL, with every
/// character that RFC 3986 does not allow percent-encoded (epubcheck rejects invalid URIs).
/// Relative links would dangle in an EPUB (and fragment links point at ids the sanitizer
/// removed), so they give `None` and the link text stays without a target.
pub fn clean_href(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let (rest_at, needs_host) = if lower.starts_with("https://") {
        (8, true)
    } else if lower.starts_with("http://") {
        (7, true)
    } else if lower.starts_with("mailto:") {
        (7, false)
    } else {
        return None;
    };
    let rest = href.get(rest_at..)?;
    if needs_host && (rest.is_empty() || rest.starts_with(['/', '?', '#'])) {
        return None;
    }
    let scheme = &lower[..rest_at];
    let mut out = String::with_capacity(href.len() + 8);
    out.push_str(scheme);
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let pct_ok = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if pct_ok || is_uri_char(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    Some(out)
}

/// The first `http(s)` link target in an HTML fragment, in [`clean_href`]'s form. The fragment
/// is parsed, so the attribute's character references are read as the browser reads them
/// (`&amp;` in a query string, `&lt;` in a mangled link) and an `href=` in the text is not a link
/// (a series link holding `&lt;` came back changed from an EPUB; found by `epub_roundtrip`).
pub fn first_link(html: &str) -> Option<String> {
    if !html.contains("href") {
        return None;
    }
    let fragment = scraper::Html::parse_fragment(html);
    let href = fragment
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().name() == "a" && e.value().attr("href").is_some())?
        .value()
        .attr("href")?;
    clean_web_href(href)
}

/// [`clean_href`] for a link a reader follows on the web: `http` or `https` only (not
/// `mailto`). The web page's source link and a series link both take this form.
pub fn clean_web_href(href: &str) -> Option<String> {
    clean_href(href).filter(|h| h.starts_with("http://") || h.starts_with("https://"))
}

/// RFC 3986 unreserved and reserved characters (`%` is handled by the caller).
fn is_uri_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_absolute_and_encoded() {
        assert_eq!(
            clean_href(" https://ex.org/a b?q=ü ").as_deref(),
            Some("https://ex.org/a%20b?q=%C3%BC")
        );
        assert_eq!(
            clean_href("HTTP://Ex.org/%41%zz").as_deref(),
            Some("http://Ex.org/%41%25zz")
        );
        assert_eq!(clean_href("mailto:a@b.c").as_deref(), Some("mailto:a@b.c"));
        assert_eq!(clean_href("chapter2.html"), None);
        assert_eq!(clean_href("#note"), None);
        assert_eq!(clean_href("https://"), None);
        assert_eq!(clean_href("http:///path"), None);
        assert_eq!(clean_href("javascript:alert(1)"), None);
        assert_eq!(clean_href("ftp://x.y/"), None);
        assert_eq!(
            clean_href("https://x.y/\"<>"),
            Some("https://x.y/%22%3C%3E".into())
        );
    }

    #[test]
    fn the_first_web_link_is_read_as_a_browser_reads_it() {
        assert_eq!(
            first_link(r#"Part 2 of <a href="https://ao3.example/series/5">Nights</a>"#).as_deref(),
            Some("https://ao3.example/series/5")
        );
        // References are decoded, then what a URI may not hold is encoded.
        assert_eq!(
            first_link(r#"<a href="http://a.example/s?a=1&amp;b=&lt;2&gt;">x</a>"#).as_deref(),
            Some("http://a.example/s?a=1&b=%3C2%3E")
        );
        assert_eq!(
            first_link(r#"<a href='/series/5'>x</a> <a href="https://x.example/">y</a>"#),
            None,
            "the first link is the link"
        );
        assert_eq!(
            first_link(r#"<a name="x">x</a> <a href="https://x.example/">y</a>"#).as_deref(),
            Some("https://x.example/")
        );
        assert_eq!(
            first_link("the text says href=\"https://x.example/\""),
            None
        );
        assert_eq!(first_link(r#"<a href="javascript:alert(1)">x</a>"#), None);
        assert_eq!(first_link(r#"<a href="mailto:a@b.example">x</a>"#), None);
        assert_eq!(first_link(r#"href="unclosed"#), None);
    }

    proptest::proptest! {
        #[test]
        fn a_written_link_reads_back_as_itself(tail in "\\PC{0,40}") {
            if let Some(once) = clean_href(&format!("https://x.example/{tail}")) {
                let html = format!("<a href=\"{}\">t</a>", crate::escape_attr(&once));
                proptest::prop_assert_eq!(first_link(&html), Some(once));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn cleaning_is_idempotent(tail in "\\PC{0,40}") {
            for scheme in ["http://x.y/", "https://", "mailto:"] {
                if let Some(once) = clean_href(&format!("{scheme}{tail}")) {
                    proptest::prop_assert_eq!(clean_href(&once), Some(once.clone()));
                    proptest::prop_assert!(once.is_ascii() && !once.contains(' '));
                }
            }
        }
    }
}
