//! Mojibake that survived: UTF-8 text once decoded as windows-1252 (`é` → `Ã©`, `’` → `â€™`)
//! and still garbled in a `Work`.
//!
//! The decode stage repairs every sequence that maps back to a well-formed character. What is
//! left is what it could not repair (text garbled twice or more is repaired too): sequences
//! that lost a byte on the way (`â€` then a `?`), replacement characters (`�`) from bytes that
//! were never text.
//! Part of the audit; unlike the repair it only looks, so it may flag a little more: a run is
//! garbled when its characters map back to the bytes of a UTF-8 character in a script that
//! windows-1252 cannot show (Latin Extended, Greek, Cyrillic, Hebrew, Arabic, punctuation and
//! symbols), or when it starts with `Ã`/`Â`, whose pairs no language writes.

use ficshelf_markup::cp1252_byte;

/// The first garbled run found in a text, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Garble {
    /// The garbled characters (`Ã©`, `â€™`, `�`).
    pub sequence: String,
    /// Some text around it, for a person to find it (`…the cafÃ© was…`).
    pub context: String,
    /// How many garbled runs the text holds.
    pub count: usize,
}

/// Look for mojibake in `text`. Linear in its length.
pub fn find(text: &str) -> Option<Garble> {
    // Every lead character (U+00C2..U+00EF) is encoded with a 0xC3 byte, U+FFFD with 0xEF.
    if !text.bytes().any(|b| b == 0xC3 || b == 0xEF) {
        return None;
    }
    let mut first: Option<(usize, usize)> = None;
    let mut count = 0;
    let mut skip_until = 0;
    for (at, c) in text.char_indices() {
        if at < skip_until {
            continue;
        }
        if let Some(len) = garbled_at(c, &text[at + c.len_utf8()..]) {
            let end = at + c.len_utf8() + len;
            first.get_or_insert((at, end));
            count += 1;
            skip_until = end;
        }
    }
    let (start, end) = first?;
    Some(Garble {
        sequence: text[start..end].to_string(),
        context: context(text, start, end),
        count,
    })
}

/// If a garbled run starts with `lead`, the byte length of the rest of it (after `lead`).
fn garbled_at(lead: char, rest: &str) -> Option<usize> {
    if lead == '\u{fffd}' {
        return Some(0);
    }
    let mut next = rest.chars();
    let c1 = next.next()?;
    let b1 = cp1252_byte(c1);
    match lead {
        'ï' if rest.starts_with("»¿") => Some("»¿".len()),
        // `â€` is the start of every U+2000–U+203F punctuation mark; even when the third byte
        // was lost (`â€?`), the pair never occurs in real text.
        'â' if c1 == '€' => {
            let tail = next.next().filter(|&c| is_continuation(cp1252_byte(c)));
            Some(c1.len_utf8() + tail.map_or(0, char::len_utf8))
        }
        'â' => {
            let c2 = next.next()?;
            let (b1, b2) = (
                b1.filter(|&b| is_cont(b))?,
                cp1252_byte(c2).filter(|&b| is_cont(b))?,
            );
            let code = 0x2000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            (0x2000..=0x2BFF)
                .contains(&code)
                .then(|| c1.len_utf8() + c2.len_utf8())
        }
        'Ã' | 'Â' => b1.filter(|&b| is_cont(b)).map(|_| c1.len_utf8()),
        '\u{c4}'..='\u{df}' => {
            let b1 = b1.filter(|&b| is_cont(b))?;
            let code = ((lead as u32 & 0x1F) << 6) | u32::from(b1 & 0x3F);
            let script =
                matches!(code, 0x100..=0x24F | 0x370..=0x3FF | 0x400..=0x4FF | 0x590..=0x6FF);
            script.then(|| c1.len_utf8())
        }
        _ => None,
    }
}

fn is_cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

fn is_continuation(b: Option<u8>) -> bool {
    b.is_some_and(is_cont)
}

/// Up to 20 characters either side of `start..end`, on one line (ASCII control characters,
/// line breaks included, become spaces; a garbled run never holds one).
fn context(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let mut chars: Vec<char> = text[..start].chars().rev().take(20).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let after: String = text[end..].chars().take(20).collect();
    let lead = if before.len() < start { "…" } else { "" };
    let tail = if after.len() < text.len() - end {
        "…"
    } else {
        ""
    };
    let joined = format!("{lead}{before}{}{after}{tail}", &text[start..end]);
    joined
        .chars()
        .map(|c| if c.is_ascii_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(text: &str) -> Option<String> {
        find(text).map(|g| g.sequence)
    }

    #[test]
    fn classic_pairs_and_punctuation() {
        assert_eq!(seq("the cafÃ© was shut"), Some("Ã©".into()));
        assert_eq!(seq("she said â€œnoâ€\u{9d}"), Some("â€œ".into()));
        assert_eq!(seq("it wasnâ€™t"), Some("â€™".into()));
        assert_eq!(seq("Â£5 and change"), Some("Â£".into()));
        assert_eq!(seq("a\u{a0}Â\u{a0}b"), Some("Â\u{a0}".into()));
        assert_eq!(seq("ï»¿Title"), Some("ï»¿".into()));
        assert_eq!(seq("Coming soonâ„¢"), Some("â„¢".into()));
    }

    #[test]
    fn what_the_repair_leaves_behind() {
        // Garbled twice: one repair pass would leave `â€™`; here both layers show.
        assert_eq!(seq("donÃ¢â‚¬â„¢t"), Some("Ã¢".into()));
        // The third byte was lost and became a question mark.
        assert_eq!(seq("wellâ€? maybe"), Some("â€".into()));
        assert_eq!(seq("bytes \u{fffd} lost"), Some("\u{fffd}".into()));
        // Cyrillic and Polish read as windows-1252.
        assert_eq!(seq("Ð¿Ñ€Ð¸Ð²ÐµÑ‚"), Some("Ð¿".into()));
        assert_eq!(seq("zaÅ¼Ã³Å‚Ä‡"), Some("Å¼".into()));
    }

    #[test]
    fn counts_and_context() {
        let g = find("The cafÃ© and the rÃ©sumÃ© were both there.").expect("found");
        assert_eq!(g.count, 3);
        assert_eq!(g.context, "The cafÃ© and the rÃ©sumÃ© we…");
        let g = find(&format!("{}Ã©", "word ".repeat(10))).expect("found");
        assert_eq!(g.context, "…word word word word Ã©");
    }

    #[test]
    fn real_text_in_many_languages_is_clean() {
        for text in [
            "Café, naïve, résumé, Zoë, façade, jalapeño, smörgåsbord, Straße",
            "»Straße«, «ÉTÉ», NÃO É, SÃO PAULO, Â propos",
            "Ça va? À bientôt! Où est l'hôtel? Ægir, Øresund, Þór, ðæ",
            "привет, γειά σου, שלום, こんにちは, 你好, ’quoted’ — “so” … ™ ©",
            "Ä Ö Ü ä ö ü ß Å å",
            "",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_a_run_of_itself(text in "(\\PC|[ÃÂâï€™©»¿Ð¿\u{80}-\u{bf}\n\t]){0,40}") {
            if let Some(g) = find(&text) {
                proptest::prop_assert!(g.count >= 1);
                proptest::prop_assert!(text.contains(&g.sequence));
                proptest::prop_assert!(g.context.contains(&g.sequence));
            }
        }
    }

    #[test]
    fn any_input_is_safe() {
        for text in ["Ã", "â", "â€", "ï»", "Ð", "ÃÃÃ", "â\u{80}"] {
            let _ = find(text);
        }
        assert_eq!(seq("â€"), Some("â€".into()));
        assert_eq!(seq("ÃÃ©"), Some("Ã©".into()));
    }
}
