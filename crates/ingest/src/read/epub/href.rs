//! References between an EPUB's documents: an `href` in the OPF, NCX or nav document, resolved
//! against the folder of the document that wrote it, to the name of an archive entry.
//!
//! hrefs are URLs: percent-encoded, with `./` and `../` segments and a `#fragment`. A reference
//! that climbs above the archive's root, or that is absolute (`http:`, `/x`), names no entry.

/// The folder part of an entry name, with its trailing `/` (`""` at the root).
pub fn dir_of(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => String::new(),
    }
}

/// The entry `href` names, relative to the folder `base` (`dir_of` of the referring document).
/// The fragment is dropped (see [`fragment`]).
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    let without_fragment = href.split('#').next().unwrap_or("");
    let without_query = without_fragment.split('?').next().unwrap_or("");
    if without_query.is_empty() || without_query.starts_with('/') || has_scheme(without_query) {
        return None;
    }
    let decoded = percent_decode(without_query);
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The fragment of an href, if any (`ch1.xhtml#part2` → `part2`).
pub fn fragment(href: &str) -> Option<&str> {
    href.split_once('#')
        .map(|(_, f)| f.trim())
        .filter(|f| !f.is_empty())
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) => {
            i > 1
                && s[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `%20` → ` `; invalid escapes stay as written; the bytes are read as UTF-8.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_against_their_folder() {
        assert_eq!(dir_of("OEBPS/content.opf"), "OEBPS/");
        assert_eq!(dir_of("content.opf"), "");
        assert_eq!(
            resolve("OEBPS/", "ch1.xhtml").as_deref(),
            Some("OEBPS/ch1.xhtml")
        );
        assert_eq!(
            resolve("", "OEBPS/ch1.xhtml#p2").as_deref(),
            Some("OEBPS/ch1.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/text/", "../nav.xhtml").as_deref(),
            Some("OEBPS/nav.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/", "./a%20b.xhtml").as_deref(),
            Some("OEBPS/a b.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/", "caf%C3%A9.xhtml").as_deref(),
            Some("OEBPS/café.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/", "100%.xhtml").as_deref(),
            Some("OEBPS/100%.xhtml")
        );
    }

    #[test]
    fn references_outside_the_archive_name_nothing() {
        assert_eq!(resolve("OEBPS/", "../../etc/passwd"), None);
        assert_eq!(resolve("", "/etc/passwd"), None);
        assert_eq!(resolve("", "http://example.org/x.xhtml"), None);
        assert_eq!(resolve("", "#only-a-fragment"), None);
        assert_eq!(resolve("", ""), None);
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment("a.xhtml#ch2"), Some("ch2"));
        assert_eq!(fragment("a.xhtml"), None);
        assert_eq!(fragment("a.xhtml#"), None);
    }
}
