//! How numbers, dates and download names are written on the pages and in headers: AO3's ways
//! (`12,345` words, `14 Mar 2004`, chapters `3/?`), and a `Content-Disposition` whose file name
//! no title can break.

use ficshelf_library::ExportFormat;
use ficshelf_model::{Date, Status};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2004-03-14` → `14 Mar 2004`.
pub fn date(d: Date) -> String {
    let month = MONTHS
        .get(d.month().saturating_sub(1) as usize)
        .unwrap_or(&"?");
    format!("{} {month} {}", d.day(), d.year())
}

/// AO3's chapter count: `3/3` when complete, `3/?` otherwise.
pub fn chapters(count: u64, status: Status) -> String {
    match status {
        Status::Complete => format!("{count}/{count}"),
        _ => format!("{count}/?"),
    }
}

/// Languages as AO3 names them (in themselves), by their BCP 47 primary subtag.
const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("bg", "Български"),
    ("ca", "Català"),
    ("cs", "Čeština"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("fi", "Suomi"),
    ("fr", "Français"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hu", "Magyar"),
    ("id", "Bahasa Indonesia"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("nl", "Nederlands"),
    ("no", "Norsk"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("sv", "Svenska"),
    ("th", "ไทย"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

/// A language tag's name (`en` → `English`, `pt-BR` → `Português (pt-BR)`); an unknown tag
/// is shown as written.
pub fn language(tag: &str) -> String {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match LANGUAGES.iter().find(|(code, _)| *code == primary) {
        Some((_, name)) if tag.len() == primary.len() => (*name).to_string(),
        Some((_, name)) => format!("{name} ({tag})"),
        None => tag.to_string(),
    }
}

/// The MIME type of a download.
pub fn content_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Epub => "application/epub+zip",
        ExportFormat::Html => "text/html; charset=utf-8",
        ExportFormat::Txt => "text/plain; charset=utf-8",
        ExportFormat::Md => "text/markdown; charset=utf-8",
        ExportFormat::Json => "application/json",
    }
}

/// RFC 5987 `attr-char`s are left alone; everything else is percent-encoded.
const ATTR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment; filename="…"; filename*=UTF-8''…` for a file named `stem.ext`. `stem` is
/// already safe as a file name (`ficshelf_library::names`); the quoted name is its ASCII
/// shadow (anything else, quotes and backslashes included, becomes `_`), and the UTF-8 name is
/// percent-encoded, so no title can end the header value or add a parameter.
pub fn content_disposition(stem: &str, ext: &str) -> String {
    let name = format!("{stem}.{ext}");
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        utf8_percent_encode(&name, ATTR)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_chapters() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(123_456_789), "123,456,789");
        assert_eq!(date(Date::new(2004, 3, 14).unwrap()), "14 Mar 2004");
        assert_eq!(date(Date::new(1999, 12, 1).unwrap()), "1 Dec 1999");
        assert_eq!(chapters(3, Status::Complete), "3/3");
        assert_eq!(chapters(3, Status::InProgress), "3/?");
        assert_eq!(chapters(1, Status::Unknown), "1/?");
        assert_eq!(language("en"), "English");
        assert_eq!(language("EN"), "English");
        assert_eq!(language("pt-BR"), "Português (pt-BR)");
        assert_eq!(language("tlh"), "tlh");
    }

    #[test]
    fn download_names_cannot_break_the_header() {
        assert_eq!(
            content_disposition("Salt - Quill", "epub"),
            "attachment; filename=\"Salt - Quill.epub\"; filename*=UTF-8''Salt%20-%20Quill.epub"
        );
        let h = content_disposition("Zoë; filename=evil\r\n", "txt");
        assert!(!h.contains('\r') && !h.contains('\n'), "{h}");
        assert!(
            h.starts_with("attachment; filename=\"Zo_; filename=evil__.txt\""),
            "{h}"
        );
        assert!(
            h.ends_with("filename*=UTF-8''Zo%C3%AB%3B%20filename%3Devil%0D%0A.txt"),
            "{h}"
        );
        let q = content_disposition("a\"b\\c", "md");
        assert!(q.starts_with("attachment; filename=\"a_b_c.md\""), "{q}");
    }
}
