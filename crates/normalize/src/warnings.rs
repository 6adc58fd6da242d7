//! Archive warnings: the phrases authors used, mapped onto AO3's six.
//!
//! Each warning value is split into items; each item is matched against [`ROWS`]. `Exact` rows
//! must be the whole item (`violence`, `chan`), `Phrase` rows may sit anywhere in it as whole
//! words (`character death` in `major character death`). A content warning (death, violence,
//! rape, underage) does not apply when the item softens it (`mild violence`, `implied rape`,
//! `minor character death`, `past non-con`): AO3's warnings are for what the work depicts.
//! Items that map to nothing stay in `warnings.raw` and become additional tags.
//!
//! Decided: a bare `violence` warning means Graphic Depictions Of Violence (an author who warns
//! for it considered it notable), but `mild`/`implied`/`non-graphic` violence does not;
//! dub-con is never Rape/Non-Con.

use ficshelf_model::ArchiveWarning;

use crate::text::{fold, has_phrase};

use ArchiveWarning::{
    ChooseNotToUse, GraphicViolence, MajorCharacterDeath, NoneApply, RapeNonCon, UnderageSex,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// The whole item, case and surrounding punctuation aside.
    Exact,
    /// Whole words anywhere in the item.
    Phrase,
}

pub(crate) struct Row {
    pub written: &'static str,
    pub how: How,
    pub ao3: ArchiveWarning,
}

const fn exact(written: &'static str, ao3: ArchiveWarning) -> Row {
    Row {
        written,
        how: How::Exact,
        ao3,
    }
}
const fn phrase(written: &'static str, ao3: ArchiveWarning) -> Row {
    Row {
        written,
        how: How::Phrase,
        ao3,
    }
}

/// The warning table, looked up in order (AO3's own names are accepted before it).
pub(crate) const ROWS: &[Row] = &[
    // Nothing to warn for.
    exact("none", NoneApply),
    exact("no warnings", NoneApply),
    exact("no warning", NoneApply),
    exact("n/a", NoneApply),
    exact("na", NoneApply),
    exact("no", NoneApply),
    exact("nothing", NoneApply),
    exact("nil", NoneApply),
    exact("not applicable", NoneApply),
    exact("none apply", NoneApply),
    exact("no warnings apply", NoneApply),
    exact("no archive warnings", NoneApply),
    exact("none needed", NoneApply),
    exact("-", NoneApply),
    // The author declines to warn.
    phrase("choose not to warn", ChooseNotToUse),
    phrase("chose not to warn", ChooseNotToUse),
    phrase("chooses not to warn", ChooseNotToUse),
    phrase("choose not to use", ChooseNotToUse),
    phrase("chose not to use", ChooseNotToUse),
    phrase("chooses not to use", ChooseNotToUse),
    phrase("not to use archive warnings", ChooseNotToUse),
    exact("cntw", ChooseNotToUse),
    // Major character death.
    phrase("major character death", MajorCharacterDeath),
    phrase("main character death", MajorCharacterDeath),
    phrase("character death", MajorCharacterDeath),
    phrase("character deaths", MajorCharacterDeath),
    phrase("death of a major character", MajorCharacterDeath),
    phrase("death of a main character", MajorCharacterDeath),
    phrase("deathfic", MajorCharacterDeath),
    phrase("death fic", MajorCharacterDeath),
    phrase("mcd", MajorCharacterDeath),
    exact("death", MajorCharacterDeath),
    // Graphic violence.
    phrase("graphic depictions of violence", GraphicViolence),
    phrase("graphic violence", GraphicViolence),
    phrase("extreme violence", GraphicViolence),
    phrase("graphic gore", GraphicViolence),
    exact("violence", GraphicViolence),
    exact("gore", GraphicViolence),
    // Rape and non-con (never dub-con).
    phrase("rape", RapeNonCon),
    phrase("non-con", RapeNonCon),
    phrase("noncon", RapeNonCon),
    phrase("non con", RapeNonCon),
    phrase("non-consensual", RapeNonCon),
    phrase("nonconsensual", RapeNonCon),
    phrase("non-consent", RapeNonCon),
    // Underage sex (only as a whole item: "underage drinking" is not this).
    exact("underage", UnderageSex),
    exact("underaged", UnderageSex),
    exact("under-age", UnderageSex),
    exact("chan", UnderageSex),
    exact("shota", UnderageSex),
    exact("shotacon", UnderageSex),
    exact("loli", UnderageSex),
    exact("lolicon", UnderageSex),
    phrase("underage sex", UnderageSex),
    phrase("underaged sex", UnderageSex),
    phrase("under-age sex", UnderageSex),
    phrase("underage sexual", UnderageSex),
];

/// Words that turn a content warning into something AO3 does not warn for.
pub(crate) const SOFTENERS: &[&str] = &[
    "mild",
    "implied",
    "implicit",
    "referenced",
    "reference",
    "references",
    "mention",
    "mentions",
    "mentioned",
    "past",
    "minor",
    "non-graphic",
    "nongraphic",
    "non graphic",
    "offscreen",
    "off-screen",
    "off screen",
    "no",
    "not",
    "threat",
    "threats",
    "hint",
    "hints",
    "discussion",
    "discussed",
    "attempted",
    "fake",
    "faked",
    "temporary",
    "alluded",
    "vague",
];

/// What one warning item became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemMatch {
    Mapped(ArchiveWarning, String),
    /// Not an AO3 warning: kept raw, made a tag. The string says why (for `--explain`).
    Unmapped(String),
}

fn is_content_warning(w: ArchiveWarning) -> bool {
    matches!(
        w,
        MajorCharacterDeath | GraphicViolence | RapeNonCon | UnderageSex
    )
}

/// Map one warning item.
pub(crate) fn map_item(item: &str) -> ItemMatch {
    let trimmed = item.trim().trim_end_matches(['.', '!', ':']).trim();
    if let Ok(w) = trimmed.parse::<ArchiveWarning>() {
        return ItemMatch::Mapped(w, "AO3 name".into());
    }
    let folded = fold(trimmed);
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '/');
    let bare = if bare.is_empty() {
        folded.as_str()
    } else {
        bare
    };
    let softener = SOFTENERS.iter().find(|s| has_phrase(&folded, s));
    if (bare.contains("dub-con") || bare.contains("dubcon") || bare.contains("dubious consent"))
        && !ROWS
            .iter()
            .any(|r| r.ao3 != RapeNonCon && matches_row(r, bare, &folded))
    {
        return ItemMatch::Unmapped("dub-con is not Rape/Non-Con".into());
    }
    for row in ROWS {
        if !matches_row(row, bare, &folded) {
            continue;
        }
        if is_content_warning(row.ao3)
            && let Some(s) = softener
        {
            return ItemMatch::Unmapped(format!("softened by {s:?}"));
        }
        let how = match row.how {
            How::Exact => "exact",
            How::Phrase => "phrase",
        };
        return ItemMatch::Mapped(row.ao3, format!("{how} {:?}", row.written));
    }
    if let Some(s) = softener
        && ROWS
            .iter()
            .any(|r| is_content_warning(r.ao3) && has_phrase(&folded, r.written))
    {
        return ItemMatch::Unmapped(format!("softened by {s:?}"));
    }
    ItemMatch::Unmapped("not an AO3 archive warning".into())
}

fn matches_row(row: &Row, bare: &str, folded: &str) -> bool {
    match row.how {
        How::Exact => bare == row.written,
        How::Phrase => has_phrase(folded, row.written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(item: &str) -> Option<ArchiveWarning> {
        match map_item(item) {
            ItemMatch::Mapped(w, _) => Some(w),
            ItemMatch::Unmapped(_) => None,
        }
    }

    #[test]
    fn every_row_maps_as_listed() {
        for row in ROWS {
            assert_eq!(mapped(row.written), Some(row.ao3), "{:?}", row.written);
            assert_eq!(
                mapped(&row.written.to_uppercase()),
                Some(row.ao3),
                "{:?}",
                row.written
            );
        }
    }

    #[test]
    fn ao3_names_and_phrases() {
        let cases = [
            ("Creator Chose Not To Use Archive Warnings", ChooseNotToUse),
            ("No Archive Warnings Apply", NoneApply),
            ("Graphic Depictions Of Violence", GraphicViolence),
            ("Rape/Non-Con", RapeNonCon),
            ("Underage", UnderageSex),
            ("MCD", MajorCharacterDeath),
            ("Major Character Death.", MajorCharacterDeath),
            ("Character death (sort of)", MajorCharacterDeath),
            ("Author chose not to use warnings", ChooseNotToUse),
            ("Choose not to warn", ChooseNotToUse),
            ("None.", NoneApply),
            ("No warnings", NoneApply),
            ("N/A", NoneApply),
            ("Violence", GraphicViolence),
            ("non-con", RapeNonCon),
            ("noncon", RapeNonCon),
            ("Statutory rape", RapeNonCon),
            ("chan", UnderageSex),
            ("Underage sex", UnderageSex),
        ];
        for (item, want) in cases {
            assert_eq!(mapped(item), Some(want), "{item:?}");
        }
    }

    #[test]
    fn softened_and_other_warnings_stay_raw() {
        for item in [
            "dub-con",
            "Dubcon",
            "dubious consent",
            "mild violence",
            "implied rape",
            "minor character death",
            "past non-con",
            "references to violence",
            "non-graphic violence",
            "underage drinking",
            "angst",
            "language",
            "slash",
            "grapefruit",
            "chandelier",
            "",
        ] {
            assert_eq!(mapped(item), None, "{item:?}");
        }
        assert_eq!(
            map_item("dub-con"),
            ItemMatch::Unmapped("dub-con is not Rape/Non-Con".into())
        );
        assert_eq!(
            map_item("mild violence"),
            ItemMatch::Unmapped("softened by \"mild\"".into())
        );
    }

    #[test]
    fn rule_says_which_row() {
        assert_eq!(
            map_item("major character death (sort of)"),
            ItemMatch::Mapped(
                MajorCharacterDeath,
                "phrase \"major character death\"".into()
            )
        );
        assert_eq!(
            map_item("MCD"),
            ItemMatch::Mapped(MajorCharacterDeath, "phrase \"mcd\"".into())
        );
    }
}
