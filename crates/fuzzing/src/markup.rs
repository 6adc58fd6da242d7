//! The sanitizer target: the one gate every fragment of `Work` HTML passes (normalize), which
//! store, export and the web server then trust.
//!
//! Checked on any UTF-8 input: sanitizing is idempotent, nothing outside the allowlist or no
//! script-like URL survives, and each fast path (one scan for simple fragments) gives exactly
//! what the ammonia/html5ever path gives.

use ficshelf_markup::paths::both_paths;
use ficshelf_markup::{ALLOWED_ELEMENTS, sanitize_and_count};

pub(crate) fn sanitize(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let clean = ficshelf_markup::sanitize(&html);
    assert_eq!(
        ficshelf_markup::sanitize(&clean),
        clean,
        "sanitize is not idempotent"
    );
    check_allowlist(&clean);

    let (clean_too, words) = sanitize_and_count(&html);
    assert_eq!(clean_too, clean, "sanitize_and_count's HTML");
    assert_eq!(
        words,
        ficshelf_markup::count_words(&clean),
        "sanitize_and_count's words"
    );

    let p = both_paths(&html);
    if let Some(fast) = &p.sanitize_fast {
        assert_eq!(
            fast, &p.sanitize_slow,
            "sanitize: fast and ammonia paths differ"
        );
    }
    if let Some(fast) = p.words_fast {
        assert_eq!(
            fast, p.words_slow,
            "count_words: fast and tree paths differ"
        );
    }
    if let Some(fast) = &p.text_fast {
        assert_eq!(
            fast, &p.text_slow,
            "text_content: fast and tree paths differ"
        );
    }
}

/// Every tag in sanitized HTML is on the allowlist, no attribute can run a script, no class is
/// one of ficshelf's reserved names and no control character is left. The
/// serializer's output is regular (`<name attr="value">`, `"` escaped in values), so a small
/// scan reads it.
fn check_allowlist(clean: &str) {
    assert!(
        !ficshelf_markup::needs_control_pass(clean.as_bytes()),
        "a control character survived sanitizing: {clean:?}"
    );
    let mut rest = clean;
    while let Some(lt) = rest.find('<') {
        rest = rest[lt + 1..].trim_start_matches('/');
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        assert!(
            ALLOWED_ELEMENTS.contains(&name),
            "element {name:?} survived sanitizing: {clean:?}"
        );
        rest = &rest[name_len..];
        loop {
            rest = rest.trim_start();
            let Some(eq) = rest.find('=').filter(|_| !rest.starts_with('>')) else {
                break;
            };
            let attr = &rest[..eq];
            assert!(
                !attr.starts_with("on") && attr != "style",
                "attribute {attr:?} survived sanitizing: {clean:?}"
            );
            let value_start = &rest[eq + 1..];
            assert!(
                value_start.starts_with('"'),
                "unquoted attribute: {clean:?}"
            );
            let close = value_start[1..]
                .find('"')
                .unwrap_or_else(|| panic!("unterminated attribute: {clean:?}"));
            let value = value_start[1..=close].trim().to_ascii_lowercase();
            assert!(
                attr != "class"
                    || !value
                        .split_ascii_whitespace()
                        .any(ficshelf_markup::is_reserved_class),
                "a reserved class survived sanitizing: {clean:?}"
            );
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("data:"),
                "script URL survived sanitizing: {clean:?}"
            );
            rest = &value_start[close + 2..];
        }
    }
}
