//! windows-1252 read backwards: which byte a character was decoded from. Mojibake is UTF-8 read
//! as windows-1252; undoing it (the decoder in `ingest`) and spotting what is left of it (the
//! audit) both need this one table.

/// The windows-1252 byte a character outside ASCII was decoded from. The five bytes windows-1252
/// leaves undefined, and ISO-8859-1's C1 controls, come through as the control of the same
/// number, so they map to themselves (ISO-8859-1 mojibake is undone too).
pub fn cp1252_byte(c: char) -> Option<u8> {
    Some(match c {
        '\u{80}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf8_of_e_acute_read_as_windows_1252_maps_back() {
        // "é" is C3 A9 in UTF-8; windows-1252 shows those bytes as "Ã" and "©".
        assert_eq!(cp1252_byte('Ã'), Some(0xC3));
        assert_eq!(cp1252_byte('©'), Some(0xA9));
        // "’" is E2 80 99: "â", "€", "™".
        assert_eq!(
            ['â', '€', '™'].map(cp1252_byte),
            [Some(0xE2), Some(0x80), Some(0x99)]
        );
        assert_eq!(cp1252_byte('a'), None);
        assert_eq!(cp1252_byte('ā'), None);
    }

    #[test]
    fn every_byte_comes_from_at_most_two_characters() {
        // Each byte 0x80–0x9F has its windows-1252 character and its C1 control; the rest one.
        let mut seen = [0u8; 256];
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            if let Some(b) = cp1252_byte(c) {
                seen[usize::from(b)] += 1;
            }
        }
        for (b, &count) in seen.iter().enumerate().skip(0x80) {
            let expected =
                if (0x80..=0x9F).contains(&b) && ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b) {
                    2
                } else {
                    1
                };
            assert_eq!(count, expected, "byte {b:#x}");
        }
        assert!(seen[..0x80].iter().all(|&n| n == 0));
    }
}
