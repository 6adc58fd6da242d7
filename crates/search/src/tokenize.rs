//! Turning a Work's text into index terms: HTML to text, and the `fic` tokenizer.
//!
//! Chapter and summary HTML are already sanitized by the normalizer, so a linear pass that drops
//! tags and decodes the entities a serializer writes is enough (no tree: a 500,000-word work is
//! indexed in one pass). The `fic` tokenizer splits on anything that is not a letter or digit,
//! drops apostrophes inside a word (`don't` is `dont`, as AO3 counts words), and makes each Han,
//! kana or Thai character a token of its own, because those scripts put no spaces between
//! words; a query in them becomes a phrase of characters. Tokens are then lower-cased and
//! ASCII-folded (`café` finds `cafe`); tokens longer than 40 bytes are dropped as noise.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

/// Name of the full-text tokenizer in the index's tokenizer manager.
pub(crate) const FIC: &str = "fic";
/// Name of the exact-value tokenizer: the whole value as one lower-cased term.
pub(crate) const EXACT: &str = "exact";

pub(crate) fn fic_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(FicTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(RemoveLongFilter::limit(40))
        .build()
}

pub(crate) fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The tokens `analyzer` makes of `text`, in order.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The text of a sanitized HTML fragment: tags become spaces, entities are decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            // An unclosed `<` swallows the rest, as in a browser.
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            out.push(' ');
        } else {
            match entity(rest) {
                Some((c, len)) => {
                    out.push(c);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of an entity at the start of `s` and the entity's length, for the named
/// entities a serializer writes and numeric ones.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let c = match &s[1..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        body => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

fn is_cjk_or_thai(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3134F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// See the module docs.
#[derive(Clone, Default)]
pub(crate) struct FicTokenizer {
    token: Token,
}

pub(crate) struct FicTokenStream<'a> {
    text: &'a str,
    /// Byte offset of the next character to look at.
    pos: usize,
    token: &'a mut Token,
}

impl Tokenizer for FicTokenizer {
    type TokenStream<'a> = FicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FicTokenStream<'a> {
        self.token.reset();
        FicTokenStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for FicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let bytes = self.text.as_bytes();
        let mut start = None;
        let mut end = 0;
        while let Some(&b) = bytes.get(self.pos) {
            let i = self.pos;
            // ASCII, most of any text, byte by byte: every chapter of every imported work goes
            // through here. Lower-casing now is what `LowerCaser` would do to these bytes.
            if b.is_ascii() {
                self.pos += 1;
                if b.is_ascii_alphanumeric() {
                    start.get_or_insert(i);
                    self.token.text.push(char::from(b.to_ascii_lowercase()));
                    end = self.pos;
                } else if b == b'\'' && start.is_some() {
                    end = self.pos;
                } else if start.is_some() {
                    break;
                }
                continue;
            }
            let Some(c) = self.text[i..].chars().next() else {
                break;
            };
            if is_cjk_or_thai(c) {
                if start.is_some() {
                    break;
                }
                self.pos += c.len_utf8();
                self.token.text.push(c);
                start = Some(i);
                end = self.pos;
                break;
            }
            self.pos += c.len_utf8();
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                self.token.text.push(c);
                end = self.pos;
            } else if is_apostrophe(c) && start.is_some() {
                end = self.pos;
            } else if start.is_some() {
                break;
            }
        }
        let Some(start) = start else { return false };
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fic(text: &str) -> Vec<String> {
        tokens(&mut fic_analyzer(), text)
    }

    #[test]
    fn words_are_lowercased_folded_and_apostrophes_joined() {
        assert_eq!(
            fic("Don't STOP, café-au-lait!"),
            ["dont", "stop", "cafe", "au", "lait"]
        );
        assert_eq!(fic("Willow’s spell"), ["willows", "spell"]);
        assert_eq!(fic("'quoted' words"), ["quoted", "words"]);
        assert_eq!(fic("  ...  "), Vec::<String>::new());
    }

    #[test]
    fn mixed_ascii_and_other_letters_fold_as_one_word() {
        // The ASCII bytes take the fast path, the others `LowerCaser` and the folding: one
        // token either way, with offsets in bytes of the original text.
        assert_eq!(
            fic("ÉCOLE École MAÑANA naïve O’Neil's"),
            ["ecole", "ecole", "manana", "naive", "oneils"]
        );
        let mut analyzer = fic_analyzer();
        let mut stream = analyzer.token_stream("Ab Çd");
        let mut spans = Vec::new();
        while let Some(t) = stream.next() {
            spans.push((t.offset_from, t.offset_to));
        }
        assert_eq!(spans, [(0, 2), (3, 6)]);
    }

    #[test]
    fn cjk_and_thai_characters_are_tokens_with_positions() {
        assert_eq!(fic("東京へ行くabc"), ["東", "京", "へ", "行", "く", "abc"]);
        let mut analyzer = fic_analyzer();
        let mut stream = analyzer.token_stream("a 東京 b");
        let mut positions = Vec::new();
        while let Some(t) = stream.next() {
            positions.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        assert_eq!(
            positions,
            [
                ("a".to_string(), 0, 0, 1),
                ("東".to_string(), 1, 2, 5),
                ("京".to_string(), 2, 5, 8),
                ("b".to_string(), 3, 9, 10)
            ]
        );
    }

    #[test]
    fn long_tokens_are_dropped() {
        let long = "x".repeat(41);
        assert_eq!(fic(&format!("short {long} kept")), ["short", "kept"]);
    }

    #[test]
    fn exact_values_are_one_lowercase_term() {
        assert_eq!(
            tokens(&mut exact_analyzer(), "Buffy the Vampire Slayer"),
            ["buffy the vampire slayer"]
        );
    }

    #[test]
    fn html_text_strips_tags_and_decodes_once() {
        assert_eq!(
            html_text("<p>AT&amp;T &lt;3</p><p>x&nbsp;y</p>"),
            " AT&T <3  x y "
        );
        assert_eq!(
            html_text("&amp;amp; &bogus; &#x41;&#66;"),
            "&amp; &bogus; AB"
        );
        assert_eq!(html_text("a <b unclosed"), "a  ");
        let hostile = "<".repeat(50_000) + &"&#".repeat(50_000);
        assert_eq!(html_text(&hostile), " ");
    }
}
