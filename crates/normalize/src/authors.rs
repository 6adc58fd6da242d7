//! Authors: bylines split into people, each with an e-mail address or web page when given.
//!
//! A byline is split on ` & `, ` and `, `,` and `;` (outside brackets); a piece that is only an
//! e-mail address or a URL belongs to the author before it (`Jane Doe, jane@example.org` is one
//! author). Each piece may be `Name (email)`, `Name <email>`, `email (Name)`, a bare e-mail
//! (the name is the part before `@`), `Name (url)`, `Name - email`; obfuscated addresses
//! (`jane at example dot org`, `jane [at] example.org`) are read too. A leading `by` or
//! `written by` is dropped.

use ficshelf_model::Author;

use crate::text::{Seps, collapse, split_top};

/// One author as read, and the shape that read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub author: Author,
    pub rule: &'static str,
}

const SEPS: Seps = Seps {
    punct: true,
    spaced_slash: false,
    and: true,
    amp: true,
};

/// Parse a byline into authors, in order (not yet de-duplicated across fields).
pub(crate) fn parse(value: &str) -> Vec<Parsed> {
    let value = strip_by(value.trim());
    let mut out: Vec<Parsed> = Vec::new();
    for piece in split_top(value, SEPS) {
        let piece = strip_by(&piece).to_string();
        let contact = contact_only(&piece);
        if let (Some(c), Some(prev)) = (&contact, out.last_mut()) {
            let slot = if c.is_email {
                &mut prev.author.email
            } else {
                &mut prev.author.url
            };
            if slot.is_none() {
                *slot = Some(c.text.clone());
                continue;
            }
        }
        if let Some(p) = one(&piece) {
            out.push(p);
        }
    }
    out
}

/// One author that ficshelf's own pages wrote as one item (`span.author`): `Name`, followed by
/// ` <email>` and ` (url)` when known. The name is taken as it is, never split at `,`, `&` or
/// `and` (found by the epub_roundtrip fuzz target: a name holding commas, read whole from an
/// HTML byline, came back from the EPUB as six authors).
pub(crate) fn parse_item(value: &str) -> Option<Parsed> {
    let value = collapse(value);
    let mut name = value.as_str();
    let mut url = None;
    if let Some((rest, u)) = bracketed_suffix(name, " (", ')').filter(|(_, u)| is_url(u)) {
        url = Some(u.to_string());
        name = rest;
    }
    let mut address = None;
    if let Some((rest, e)) =
        bracketed_suffix(name, " <", '>').filter(|(_, e)| email(e).as_deref() == Some(*e))
    {
        address = Some(e.to_string());
        name = rest;
    }
    let p = made(name, address, url, "one author (a list item)");
    is_a_name(&p.author.name).then_some(p)
}

/// Whether a name has a letter or digit: one without names no one.
pub(crate) fn is_a_name(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}

/// `("Name", "x")` for `Name (x)` (with `open` = `" ("`, `close` = `)`).
fn bracketed_suffix<'a>(s: &'a str, open: &str, close: char) -> Option<(&'a str, &'a str)> {
    s.strip_suffix(close)?.rsplit_once(open)
}

fn strip_by(s: &str) -> &str {
    let mut s = s.trim();
    for prefix in ["written by ", "story by ", "by ", "by: ", "author: "] {
        if s.len() > prefix.len()
            && s.is_char_boundary(prefix.len())
            && s[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            s = s[prefix.len()..].trim_start();
        }
    }
    s
}

/// A value that is only an e-mail address or a URL: (the address, whether it is an e-mail).
pub(crate) fn contact(value: &str) -> Option<(String, bool)> {
    contact_only(value).map(|c| (c.text, c.is_email))
}

struct Contact {
    text: String,
    is_email: bool,
}

/// The piece is nothing but an address (possibly bracketed).
fn contact_only(piece: &str) -> Option<Contact> {
    let inner = piece
        .trim()
        .trim_matches(['(', ')', '<', '>', '[', ']'])
        .trim();
    // `email` accepts only a whole address, so a match is the whole piece.
    if let Some(e) = email(inner) {
        return Some(Contact {
            text: e,
            is_email: true,
        });
    }
    is_url(inner).then(|| Contact {
        text: inner.to_string(),
        is_email: false,
    })
}

fn one(piece: &str) -> Option<Parsed> {
    let piece = collapse(piece);
    if !piece.chars().any(char::is_alphanumeric) {
        return None;
    }
    // `Name (x)`, `Name <x>`, `Name [x]`.
    if let Some((outside, inside)) = bracketed(&piece) {
        if let Some(e) = email(inside)
            && !outside.is_empty()
        {
            return Some(made(outside, Some(e), None, "Name (email)"));
        }
        if is_url(inside) && !outside.is_empty() {
            return Some(made(outside, None, Some(inside.to_string()), "Name (url)"));
        }
        // `email (Name)`.
        if let Some(e) = email(outside)
            && e.len() == outside.len()
            && !inside.is_empty()
        {
            return Some(made(inside, Some(e), None, "email (Name)"));
        }
    }
    // An address somewhere in the piece, the name around it.
    for word in piece.split_whitespace() {
        let bare = word.trim_matches(['(', ')', '<', '>', '[', ']', ',', ';', ':']);
        let bare = bare.strip_prefix("mailto:").unwrap_or(bare);
        if let Some(e) = email(bare).filter(|e| e.len() == bare.len()) {
            let name = name_around(&piece, word);
            if name.is_empty() {
                let local = e.split('@').next().unwrap_or(&e).to_string();
                return Some(made(
                    &local,
                    Some(e),
                    None,
                    "bare e-mail (name from the address)",
                ));
            }
            return Some(made(&name, Some(e), None, "name and e-mail"));
        }
        if is_url(bare) {
            let name = name_around(&piece, word);
            if !name.is_empty() {
                return Some(made(&name, None, Some(bare.to_string()), "name and url"));
            }
        }
    }
    Some(made(&piece, None, None, "name"))
}

fn made(name: &str, email: Option<String>, url: Option<String>, rule: &'static str) -> Parsed {
    let mut name =
        collapse(name.trim_matches(|c: char| c.is_whitespace() || "-–—,:;|".contains(c)));
    // Punctuation alone (the `.` left around an address) names no one; the address does. (A
    // name `.` could not be read back from ficshelf's own pages: found by epub_roundtrip.)
    if !is_a_name(&name) {
        if let Some(e) = &email {
            name = e.split('@').next().unwrap_or(e).to_string();
        } else if let Some(u) = &url {
            name = u.clone();
        }
    }
    Parsed {
        author: Author { name, email, url },
        rule,
    }
}

/// The piece without `word`, with the separators between them removed.
fn name_around(piece: &str, word: &str) -> String {
    let rest = piece.replacen(word, " ", 1);
    collapse(rest.trim_matches(|c: char| c.is_whitespace() || "-–—,:;|()<>[]".contains(c)))
}

/// `Name (inside)` → (`Name`, `inside`) for a final bracketed group.
fn bracketed(piece: &str) -> Option<(&str, &str)> {
    let close = piece.chars().next_back()?;
    let open = match close {
        ')' => '(',
        '>' => '<',
        ']' => '[',
        _ => return None,
    };
    let start = piece.rfind(open)?;
    let inside = piece[start + 1..piece.len() - 1].trim();
    Some((piece[..start].trim(), inside))
}

/// An e-mail address (deobfuscated when written `name at host dot org`).
fn email(s: &str) -> Option<String> {
    let s = s.trim().trim_start_matches("mailto:");
    if is_plain_email(s) {
        return Some(s.to_string());
    }
    deobfuscate(s)
}

fn is_plain_email(s: &str) -> bool {
    let Some((local, host)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !host.contains('@')
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || "()<>[],;:\"".contains(c))
}

/// `jane at example dot org`, `jane (at) example.org`, `jane[at]example[dot]org`.
fn deobfuscate(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    if !lower.contains("at") {
        return None;
    }
    let mut t = format!(" {lower} ");
    for (from, to) in [
        ("[at]", "@"),
        ("(at)", "@"),
        ("{at}", "@"),
        (" at ", "@"),
        ("[dot]", "."),
        ("(dot)", "."),
        ("{dot}", "."),
        (" dot ", "."),
    ] {
        t = t.replace(from, to);
    }
    let t: String = t.split_whitespace().collect();
    (t != lower && is_plain_email(&t)).then_some(t)
}

fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www."))
        && s.len() > 8
        && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests;
