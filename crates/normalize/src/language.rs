//! Languages: names (in English or in the language itself, as AO3 lists them) and codes →
//! BCP 47 tags.
//!
//! Names are compared without case or accents (`Français` = `francais`). A value that is
//! already a tag keeps its region or script with canonical case (`pt-BR`, `pt_br` → `pt-BR`,
//! `zh-hant` → `zh-Hant`), provided its language is one this table knows. `English (US)` and
//! `English, Japanese` give the first language named.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::key;

/// BCP 47 tag → the names that mean it.
pub(crate) const ROWS: &[(&str, &[&str])] = &[
    ("en", &["English", "Eng"]),
    ("en-US", &["American English", "English (US)", "US English"]),
    ("en-GB", &["British English", "English (UK)", "UK English"]),
    ("fr", &["French", "Français"]),
    ("de", &["German", "Deutsch"]),
    ("es", &["Spanish", "Español", "Castellano"]),
    ("it", &["Italian", "Italiano"]),
    ("pt", &["Portuguese", "Português"]),
    (
        "pt-BR",
        &[
            "Brazilian Portuguese",
            "Português brasileiro",
            "Portuguese (Brazil)",
        ],
    ),
    (
        "pt-PT",
        &[
            "European Portuguese",
            "Português europeu",
            "Portuguese (Portugal)",
        ],
    ),
    ("ja", &["Japanese", "日本語", "Nihongo"]),
    (
        "zh",
        &[
            "Chinese",
            "中文",
            "中文-普通话 國語",
            "Mandarin",
            "普通话",
            "國語",
        ],
    ),
    ("zh-Hans", &["Simplified Chinese", "简体中文"]),
    ("zh-Hant", &["Traditional Chinese", "繁體中文"]),
    ("yue", &["Cantonese", "中文-广东话 粵語", "粵語", "广东话"]),
    ("ko", &["Korean", "한국어", "Hangugeo"]),
    ("ru", &["Russian", "Русский", "Russkiy"]),
    ("uk", &["Ukrainian", "Українська"]),
    ("be", &["Belarusian", "Беларуская"]),
    ("bg", &["Bulgarian", "Български"]),
    ("pl", &["Polish", "Polski"]),
    ("cs", &["Czech", "Čeština"]),
    ("sk", &["Slovak", "Slovenčina"]),
    ("sl", &["Slovenian", "Slovene", "Slovenščina"]),
    ("hr", &["Croatian", "Hrvatski"]),
    ("sr", &["Serbian", "Srpski", "Српски"]),
    ("bs", &["Bosnian", "Bosanski"]),
    ("mk", &["Macedonian", "Македонски"]),
    ("hu", &["Hungarian", "Magyar"]),
    ("ro", &["Romanian", "Română"]),
    ("nl", &["Dutch", "Nederlands", "Flemish", "Vlaams"]),
    ("sv", &["Swedish", "Svenska"]),
    ("da", &["Danish", "Dansk"]),
    ("no", &["Norwegian", "Norsk"]),
    ("nb", &["Norwegian Bokmål", "Bokmål"]),
    ("nn", &["Norwegian Nynorsk", "Nynorsk"]),
    ("fi", &["Finnish", "Suomi"]),
    ("et", &["Estonian", "Eesti", "Eesti keel"]),
    ("lv", &["Latvian", "Latviešu", "Latviešu valoda"]),
    ("lt", &["Lithuanian", "Lietuvių", "Lietuvių kalba"]),
    ("is", &["Icelandic", "Íslenska"]),
    ("fo", &["Faroese", "Føroyskt"]),
    ("ga", &["Irish", "Gaeilge", "Irish Gaelic"]),
    ("gd", &["Scottish Gaelic", "Gàidhlig"]),
    ("cy", &["Welsh", "Cymraeg"]),
    ("br", &["Breton", "Brezhoneg"]),
    ("sco", &["Scots"]),
    ("eu", &["Basque", "Euskara"]),
    ("ca", &["Catalan", "Català"]),
    ("gl", &["Galician", "Galego"]),
    ("ast", &["Asturian", "Asturianu"]),
    ("lb", &["Luxembourgish", "Lëtzebuergesch"]),
    ("mt", &["Maltese", "Malti"]),
    ("sq", &["Albanian", "Shqip"]),
    ("el", &["Greek", "Ελληνικά"]),
    ("tr", &["Turkish", "Türkçe"]),
    ("ka", &["Georgian", "ქართული"]),
    ("hy", &["Armenian", "Հայերեն"]),
    ("az", &["Azerbaijani", "Azərbaycan dili"]),
    ("kk", &["Kazakh", "Қазақша"]),
    ("ar", &["Arabic", "العربية"]),
    ("he", &["Hebrew", "עברית"]),
    ("fa", &["Persian", "Farsi", "فارسی"]),
    ("ur", &["Urdu", "اردو"]),
    ("hi", &["Hindi", "हिन्दी"]),
    ("bn", &["Bengali", "Bangla", "বাংলা"]),
    ("ta", &["Tamil", "தமிழ்"]),
    ("te", &["Telugu", "తెలుగు"]),
    ("mr", &["Marathi", "मराठी"]),
    ("th", &["Thai", "ไทย", "ภาษาไทย"]),
    ("vi", &["Vietnamese", "Tiếng Việt"]),
    ("id", &["Indonesian", "Bahasa Indonesia"]),
    ("ms", &["Malay", "Bahasa Malaysia", "Bahasa Melayu"]),
    ("tl", &["Tagalog", "Filipino"]),
    ("sw", &["Swahili", "Kiswahili"]),
    ("af", &["Afrikaans"]),
    ("eo", &["Esperanto"]),
    ("la", &["Latin", "Latina", "Lingua latina"]),
    ("tlh", &["Klingon", "tlhIngan Hol"]),
    ("sjn", &["Sindarin"]),
    ("qya", &["Quenya"]),
];

/// The BCP 47 tag for a language as written, and the rule that found it.
pub(crate) fn map(value: &str) -> Option<(String, String)> {
    let v = value.trim();
    if let Some(found) = by_name(v) {
        return Some(found);
    }
    if let Some(tag) = as_tag(v) {
        return Some((tag, format!("language tag {v:?}")));
    }
    // `English (US)` → `English`; `English, Japanese` → `English`.
    let first = v.split([',', ';', '/', '(']).next().unwrap_or("").trim();
    if first != v
        && !first.is_empty()
        && let Some((tag, rule)) =
            by_name(first).or_else(|| as_tag(first).map(|t| (t, format!("language tag {first:?}"))))
    {
        return Some((tag, format!("{rule} (first language in {v:?})")));
    }
    None
}

fn by_name(v: &str) -> Option<(String, String)> {
    // Every work asks: the names' keys are made once, not per call. The first row naming a
    // key wins, as a scan of `ROWS` in order would find it.
    static NAMES: OnceLock<HashMap<String, (&'static str, &'static str)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut map = HashMap::new();
        for (tag, names) in ROWS {
            for name in *names {
                map.entry(key(name)).or_insert((*tag, *name));
            }
        }
        map
    });
    let k = key(v);
    if k.is_empty() {
        return None;
    }
    names
        .get(&k)
        .map(|(tag, name)| (tag.to_string(), format!("name {name:?}")))
}

/// `pt_br` → `pt-BR` when the language subtag is known; `None` for anything else.
fn as_tag(v: &str) -> Option<String> {
    let parts: Vec<&str> = v.split(['-', '_']).collect();
    let lang = parts.first()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let known = ROWS
        .iter()
        .any(|(tag, _)| tag.split('-').next() == Some(lang.as_str()));
    if !known {
        return None;
    }
    let mut out = lang;
    for sub in &parts[1..] {
        if !(2..=8).contains(&sub.len()) || !sub.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match sub.len() {
            4 if sub.chars().all(|c| c.is_ascii_alphabetic()) => {
                let mut cs = sub.chars();
                if let Some(first) = cs.next() {
                    out.push(first.to_ascii_uppercase());
                    out.extend(cs.map(|c| c.to_ascii_lowercase()));
                }
            }
            2 | 3 => out.push_str(&sub.to_ascii_uppercase()),
            _ => out.push_str(&sub.to_ascii_lowercase()),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(v: &str) -> Option<String> {
        map(v).map(|m| m.0)
    }

    #[test]
    fn every_name_maps_to_its_tag() {
        for (t, names) in ROWS {
            for n in *names {
                assert_eq!(tag(n).as_deref(), Some(*t), "{n:?}");
                assert_eq!(
                    tag(&n.to_uppercase()).as_deref(),
                    Some(*t),
                    "{n:?} upper-case"
                );
            }
            assert_eq!(tag(t).as_deref(), Some(*t), "tag {t:?}");
        }
    }

    #[test]
    fn names_codes_and_noise() {
        let cases = [
            ("English", "en"),
            ("english", "en"),
            ("Français", "fr"),
            ("Francais", "fr"),
            ("日本語", "ja"),
            ("pt-BR", "pt-BR"),
            ("pt_br", "pt-BR"),
            ("EN", "en"),
            ("en-us", "en-US"),
            ("zh-hant-tw", "zh-Hant-TW"),
            ("English, Japanese", "en"),
            ("Deutsch / English", "de"),
            ("Spanish (Mexico)", "es"),
        ];
        for (v, want) in cases {
            assert_eq!(tag(v).as_deref(), Some(want), "{v:?}");
        }
    }

    #[test]
    fn unknown_languages() {
        for v in [
            "",
            "Elvish-ish",
            "xx",
            "Buffy",
            "12",
            "e",
            "english-language-of-love",
        ] {
            assert_eq!(tag(v), None, "{v:?}");
        }
    }

    #[test]
    fn no_name_means_two_languages() {
        let mut seen = std::collections::HashMap::new();
        for (t, names) in ROWS {
            for n in *names {
                if let Some(prev) = seen.insert(key(n), *t) {
                    panic!("{n:?} is listed twice ({prev} and {t})");
                }
            }
        }
    }
}
