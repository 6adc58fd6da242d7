//! Filler prose for synthetic chapters: sentences assembled from small word lists, with
//! dialogue, emphasis and scene breaks, so that readers, sanitizer, word counter and search
//! index all see text shaped like fan fiction. Some works are written in Japanese, Greek or
//! Russian so that non-Latin text flows through every stage.

use ficshelf_markup::escape_text;

use crate::rng::Rng;

const SUBJECTS: &[&str] = &[
    "she",
    "he",
    "they",
    "the lighthouse keeper",
    "the old man",
    "her partner",
    "the stranger",
    "the captain",
    "nobody",
    "the dog",
    "his brother",
    "the librarian",
];
const VERBS: &[&str] = &[
    "watched",
    "remembered",
    "carried",
    "opened",
    "ignored",
    "studied",
    "followed",
    "mended",
    "wrote",
    "counted",
    "forgot",
    "answered",
    "crossed",
    "found",
    "lost",
    "kept",
];
const OBJECTS: &[&str] = &[
    "the letter",
    "the harbour lights",
    "a cup of tea",
    "the broken clock",
    "the map",
    "the last train",
    "the rain",
    "a folded note",
    "the kitchen window",
    "the ledger",
    "an old photograph",
    "the sea wall",
    "the quiet",
    "the stairwell",
    "a borrowed coat",
];
const TAILS: &[&str] = &[
    "without a word",
    "for a long time",
    "as if it mattered",
    "the way it always had",
    "before the storm came in",
    "in the grey morning",
    "until the lamps went out",
    "and did not look back",
    "with careful hands",
    "one more time",
    "all the same",
];
const SAID: &[&str] = &[
    "said",
    "asked",
    "whispered",
    "muttered",
    "called",
    "admitted",
];
const LINES: &[&str] = &[
    "You're late",
    "I kept it for you",
    "Don't start",
    "It isn't what you think",
    "We should go",
    "Tell me again",
    "I'm not sorry",
    "It's only rain",
    "Stay a while",
    "Nobody reads that but you",
    "Somebody might",
];

const JAPANESE: &[&str] = &[
    "灯台の光が海を照らしていた。",
    "彼女は手紙を静かに読んだ。",
    "雨はまだ止まなかった。",
    "誰もその本を読まないと彼は言った。",
    "朝の港は霧に包まれていた。",
];
const GREEK: &[&str] = &[
    "Ο φάρος έλαμπε πάνω από τη θάλασσα.",
    "Διάβασε το γράμμα δύο φορές.",
    "Η βροχή δεν σταμάτησε ποτέ εκείνο το βράδυ.",
];
const RUSSIAN: &[&str] = &[
    "Маяк светил над тёмным морем.",
    "Она прочитала письмо ещё раз.",
    "Дождь шёл всю ночь, и никто не спал.",
];

/// The script a work's prose is written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Script {
    English,
    Japanese,
    Greek,
    Russian,
}

impl Script {
    pub fn language(self) -> &'static str {
        match self {
            Script::English => "en",
            Script::Japanese => "ja",
            Script::Greek => "el",
            Script::Russian => "ru",
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn sentence(rng: &mut Rng, script: Script) -> String {
    match script {
        Script::Japanese => rng.pick(JAPANESE).to_string(),
        Script::Greek => rng.pick(GREEK).to_string(),
        Script::Russian => rng.pick(RUSSIAN).to_string(),
        Script::English if rng.chance(0.25) => format!(
            "\"{},\" {} {}.",
            rng.pick(LINES),
            rng.pick(SUBJECTS),
            rng.pick(SAID)
        ),
        Script::English => format!(
            "{} {} {} {}.",
            capitalize(rng.pick(SUBJECTS)),
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(TAILS)
        ),
    }
}

/// Paragraphs of plain text totalling roughly `words` words (each paragraph one string).
pub fn paragraphs(rng: &mut Rng, script: Script, words: u64) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0u64;
    while total < words.max(1) {
        let sentences = rng.range(2, 7);
        let mut para = String::new();
        for _ in 0..sentences {
            if !para.is_empty() && script != Script::Japanese {
                para.push(' ');
            }
            let s = sentence(rng, script);
            total += match script {
                Script::Japanese => s.chars().count() as u64,
                _ => s.split_whitespace().count() as u64,
            };
            para.push_str(&s);
        }
        out.push(para);
    }
    out
}

/// Chapter HTML: `<p>` paragraphs with occasional emphasis and scene breaks.
pub fn chapter_html(rng: &mut Rng, script: Script, words: u64) -> String {
    let mut html = String::new();
    for para in paragraphs(rng, script, words) {
        if rng.chance(0.04) {
            html.push_str("<hr>");
        }
        let text = escape_text(&para);
        if rng.chance(0.1) {
            html.push_str(&format!("<p><em>{text}</em></p>"));
        } else {
            html.push_str(&format!("<p>{text}</p>"));
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_reach_the_requested_length() {
        let mut rng = Rng::new(3);
        let paras = paragraphs(&mut rng, Script::English, 500);
        let words: usize = paras.iter().map(|p| p.split_whitespace().count()).sum();
        assert!((500..700).contains(&words), "{words}");
    }

    #[test]
    fn non_latin_scripts_produce_their_own_text() {
        let mut rng = Rng::new(4);
        let html = chapter_html(&mut rng, Script::Japanese, 50);
        assert!(html.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)));
        assert!(!html.chars().any(|c| c.is_ascii_lowercase()
            && c != 'p'
            && c != 'e'
            && c != 'm'
            && c != 'h'
            && c != 'r'));
    }
}
