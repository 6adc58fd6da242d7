//! Repairing classic mojibake: UTF-8 text that some program once decoded as windows-1252 (or
//! ISO-8859-1) and saved again, so that `’` became `â€™` and `é` became `Ã©`.
//!
//! Part of the decode stage, run on the decoded text before NFC. One pass, linear: each run of
//! characters that maps back to bytes forming a well-formed UTF-8 sequence is replaced by the
//! character those bytes encode, and again while a replacement completes another sequence. A
//! run is only repaired when the result is unambiguous: the bytes must be a complete,
//! shortest-form UTF-8 sequence and decode to a printable character (never a C1 control),
//! which ordinary text in any language does not produce by accident.

use ficshelf_markup::cp1252_byte;

/// What [`repair`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub text: String,
    /// How many sequences were replaced.
    pub count: usize,
    /// The first one, as (broken, repaired), for the diagnostic.
    pub example: (String, String),
}

/// Repair mojibake sequences in `text`, or `None` when there are none. The result holds no
/// sequence anywhere, so repairing it again changes nothing.
pub fn repair(text: &str) -> Option<Repair> {
    // Fast path: mojibake needs a lead character in Â..ô, all encoded as 0xC3 and a second
    // byte; most text has none.
    if !text.as_bytes().contains(&0xC3) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut example = None;
    for c in text.chars() {
        out.push(c);
        // A repaired character can complete a sequence with what comes before it: mojibake
        // in layers (`Ã‚Â·` → `Â·` → `·`), or a cascade (in `ÂÂÂ·` each `Â·` repaired leaves
        // another). Reducing at the end of the output until it ends with no sequence repairs
        // them all in one linear pass (each reduction shortens the output). The forward pass
        // this replaced took one step of a cascade per pass, and a run of 111 `Â` outlasted
        // the 64 passes of one decode (found by detect_decode).
        while let Some((fixed, start)) = sequence_ending(&out) {
            if example.is_none() {
                example = Some((out[start..].to_string(), fixed.to_string()));
            }
            out.truncate(start);
            out.push(fixed);
            count += 1;
        }
    }
    example.map(|example| Repair {
        text: out,
        count,
        example,
    })
}

/// The mojibake sequence `s` ends with: the character it stands for and where it starts. A
/// lead byte is never a continuation byte, so at most one suffix of 2 to 4 characters is one.
fn sequence_ending(s: &str) -> Option<(char, usize)> {
    // Every sequence ends with a continuation byte: most characters stop here.
    let last = s.chars().next_back()?;
    if !cp1252_byte(last).is_some_and(|b| (0x80..=0xBF).contains(&b)) {
        return None;
    }
    s.char_indices().rev().take(4).skip(1).find_map(|(i, _)| {
        sequence_at(&s[i..]).and_then(|(fixed, used)| (used == s.len() - i).then_some((fixed, i)))
    })
}

/// The character a mojibake sequence at the start of `s` stands for, and how many bytes of `s`
/// the sequence takes.
fn sequence_at(s: &str) -> Option<(char, usize)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    let lead = cp1252_byte(first)?;
    let len = lead_len(Some(lead))?;
    let mut bytes = [lead, 0, 0, 0];
    let mut used = first.len_utf8();
    for slot in bytes.iter_mut().take(len).skip(1) {
        let c = chars.next()?;
        let b = cp1252_byte(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        used += c.len_utf8();
    }
    let fixed = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    if ('\u{80}'..='\u{9f}').contains(&fixed) {
        return None;
    }
    Some((fixed, used))
}

/// The length of the UTF-8 sequence a lead byte starts (only multi-byte leads).
fn lead_len(b: Option<u8>) -> Option<usize> {
    match b? {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Make mojibake the way it happens: UTF-8 bytes read as windows-1252.
    fn break_it(s: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn classic_sequences_are_repaired() {
        assert_eq!(break_it("don’t"), "donâ€™t");
        let r = repair("donâ€™t say â€œcafÃ©â€\u{9d} â€” ever").expect("repaired");
        assert_eq!(r.text, "don’t say “café” — ever");
        assert_eq!(r.count, 5);
        assert_eq!(r.example, ("â€™".to_string(), "’".to_string()));
    }

    #[test]
    fn every_broken_text_round_trips() {
        let original = "Señor Müller’s “naïve” café — 日本語, Ελληνικά, emoji 🌊";
        let r = repair(&break_it(original)).expect("repaired");
        assert_eq!(r.text, original);
    }

    #[test]
    fn correct_text_is_left_alone() {
        for s in [
            "plain ASCII",
            "café, naïve, “quotes” and don’t",
            "À la carte, Été, Ölfass",
            "Â€ is not a character anyone means",
            "Ã",
            "ends with a lead Ã",
        ] {
            assert_eq!(repair(s), None, "{s:?}");
        }
    }

    #[test]
    fn layers_and_cascades_are_repaired_in_one_pass() {
        // Twice garbled: one call gives the text back.
        let twice = break_it(&break_it("It’s a café"));
        assert_eq!(repair(&twice).expect("repaired").text, "It’s a café");
        // `Â·` repaired leaves the `Â` before it and the `·`, another sequence, and so on:
        // the whole run goes at once, however long.
        let run = format!("x {}\u{b7} y", "Â".repeat(300));
        let r = repair(&run).expect("repaired");
        assert_eq!(r.text, "x \u{b7} y");
        assert_eq!(r.count, 300);
        assert_eq!(repair(&r.text), None);
    }

    #[test]
    fn a_lead_without_its_continuations_stays() {
        // `â€` without the third byte is not a sequence.
        let r = repair("â€ then Ã©");
        let r = r.expect("the second one is repaired");
        assert_eq!(r.text, "â€ then é");
        assert_eq!(r.count, 1);
    }
}
