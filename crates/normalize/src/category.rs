//! Categories: AO3's six, and the words old archives used for them.
//!
//! A `Categories` value is a list. Each item is an AO3 category if it is one of [`ROWS`] (AO3's
//! own names included); otherwise it is a fandom when the fandom table knows it (eFiction used
//! categories for fandoms, often as a path like `Buffy > Season 6`) unless it is a genre word
//! (`Supernatural` among categories is FanFiction.net's genre), otherwise an additional tag.
//! That sorting happens in the caller; this module only knows the category words.

use ficshelf_model::Category;

use crate::text::fold;

use Category::{FF, FM, Gen, MM, Multi, Other};

pub(crate) struct Row {
    pub written: &'static str,
    pub ao3: Category,
}

const fn row(written: &'static str, ao3: Category) -> Row {
    Row { written, ao3 }
}

/// The category table (compared case-insensitively, spaces collapsed).
pub(crate) const ROWS: &[Row] = &[
    row("F/F", FF),
    row("F/M", FM),
    row("M/F", FM),
    row("Gen", Gen),
    row("M/M", MM),
    row("Multi", Multi),
    row("Other", Other),
    // Old archive words.
    row("slash", MM),
    row("slash (m/m)", MM),
    row("m/m slash", MM),
    row("pre-slash", MM),
    row("preslash", MM),
    row("male/male", MM),
    row("het", FM),
    row("hetero", FM),
    row("heterosexual", FM),
    row("female/male", FM),
    row("male/female", FM),
    row("femslash", FF),
    row("femmeslash", FF),
    row("femslash (f/f)", FF),
    row("female/female", FF),
    row("gen fic", Gen),
    row("genfic", Gen),
    row("multi-pairing", Multi),
    row("multiple pairings", Multi),
    row("multiple", Multi),
    row("multi pairing", Multi),
    row("threesome", Multi),
    row("moresome", Multi),
    row("polyamory", Multi),
    row("m/m/f", Multi),
    row("m/f/m", Multi),
    row("f/f/m", Multi),
    row("f/m/f", Multi),
    row("m/m/m", MM),
    row("f/f/f", FF),
    // Anime and manga archives.
    row("yaoi", MM),
    row("shounen-ai", MM),
    row("shonen-ai", MM),
    row("shounen ai", MM),
    row("boys love", MM),
    row("boys' love", MM),
    row("bl", MM),
    row("yuri", FF),
    row("shoujo-ai", FF),
    row("shojo-ai", FF),
    row("shoujo ai", FF),
    row("girls love", FF),
    row("girls' love", FF),
    row("gl", FF),
];

/// Genre words archives put among categories. One of them is also a fandom's name
/// (`Supernatural`, a FanFiction.net genre); among categories it is the genre.
pub(crate) const GENRES: &[&str] = &[
    "action",
    "adventure",
    "angst",
    "comedy",
    "crime",
    "drama",
    "family",
    "fantasy",
    "fluff",
    "friendship",
    "general",
    "horror",
    "humor",
    "humour",
    "hurt/comfort",
    "mystery",
    "parody",
    "poetry",
    "romance",
    "sci-fi",
    "science fiction",
    "smut",
    "spiritual",
    "supernatural",
    "suspense",
    "thriller",
    "tragedy",
    "western",
];

/// Whether a category item is a genre word (and so a tag, never a fandom).
pub(crate) fn is_genre(item: &str) -> bool {
    GENRES.contains(&fold(item.trim()).as_str())
}

/// The AO3 category an item names, and the row that said so.
pub(crate) fn map(item: &str) -> Option<(Category, String)> {
    let trimmed = item.trim().trim_end_matches(['.', '!']);
    if let Ok(c) = trimmed.parse::<Category>() {
        return Some((c, "AO3 name".into()));
    }
    let folded = fold(trimmed);
    ROWS.iter()
        .find(|r| fold(r.written) == folded)
        .map(|r| (r.ao3, format!("archive word {:?}", r.written)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_maps_as_listed() {
        for r in ROWS {
            assert_eq!(map(r.written).map(|m| m.0), Some(r.ao3), "{:?}", r.written);
            assert_eq!(map(&r.written.to_uppercase()).map(|m| m.0), Some(r.ao3));
        }
    }

    #[test]
    fn archive_words() {
        let cases = [
            ("Slash", MM),
            ("Het", FM),
            ("Femslash", FF),
            ("Femmeslash", FF),
            ("gen", Gen),
            ("multi", Multi),
            ("other", Other),
            ("M/M", MM),
            ("  f/m ", FM),
        ];
        for (item, want) in cases {
            assert_eq!(map(item).map(|m| m.0), Some(want), "{item:?}");
        }
    }

    #[test]
    fn genre_words_are_known() {
        for g in GENRES {
            assert!(is_genre(g) && is_genre(&g.to_uppercase()), "{g}");
            assert_eq!(map(g), None, "a genre is not a category: {g}");
        }
        assert!(!is_genre("Buffy the Vampire Slayer"));
    }

    #[test]
    fn other_words_are_not_categories() {
        for item in [
            "Buffy the Vampire Slayer",
            "Romance",
            "General",
            "Angst",
            "",
            "slashy",
        ] {
            assert_eq!(map(item), None, "{item:?}");
        }
    }
}
