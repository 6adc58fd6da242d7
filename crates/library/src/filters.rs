//! Filter values as people type them, for `ficshelf search` and the web's query strings: AO3's
//! exact names always work (`Teen And Up Audiences`, `Major Character Death`, `F/M`), and so do
//! the short forms an AO3 reader uses (`T`, `teen`, `mcd`, `fm`), case and spacing aside.
//! Each parser's error is the reason alone, listing what is accepted.

use std::str::FromStr;

use ficshelf_model::{Ao3Rating, ArchiveWarning, Category};
use ficshelf_search::Sort;

/// A rating: AO3's name, its blurb letter (G/T/M/E) or one word of it.
pub fn parse_rating(s: &str) -> Result<Ao3Rating, String> {
    if let Ok(r) = Ao3Rating::from_str(s) {
        return Ok(r);
    }
    Ok(match squash(s).as_str() {
        "g" | "general" | "gen" => Ao3Rating::General,
        "t" | "teen" | "teenandup" => Ao3Rating::Teen,
        "m" | "mature" => Ao3Rating::Mature,
        "e" | "explicit" => Ao3Rating::Explicit,
        "nr" | "notrated" | "unrated" => Ao3Rating::NotRated,
        _ => {
            return Err(format!(
                "unknown rating {s:?} (general, teen, mature, explicit, not-rated, or G/T/M/E)"
            ));
        }
    })
}

/// An archive warning: AO3's tag name or a usual short form.
pub fn parse_warning(s: &str) -> Result<ArchiveWarning, String> {
    if let Ok(w) = ArchiveWarning::from_str(s) {
        return Ok(w);
    }
    Ok(match squash(s).as_str() {
        "none" | "nowarnings" | "noarchivewarningsapply" | "nawa" => ArchiveWarning::NoneApply,
        "choosenottowarn" | "choosenottouse" | "cntw" | "creatorchosenottowarn" => {
            ArchiveWarning::ChooseNotToUse
        }
        "violence" | "graphicviolence" => ArchiveWarning::GraphicViolence,
        "mcd" | "death" | "characterdeath" => ArchiveWarning::MajorCharacterDeath,
        "noncon" | "rapenoncon" | "rape" => ArchiveWarning::RapeNonCon,
        "underage" | "underagesex" => ArchiveWarning::UnderageSex,
        _ => {
            return Err(format!(
                "unknown archive warning {s:?} (none, choose-not-to-warn, violence, mcd, \
                 noncon, underage, or AO3's full name)"
            ));
        }
    })
}

/// A category: `F/F`, `F/M`, `Gen`, `M/M`, `Multi`, `Other` (also `ff`, `fm`, `mm`).
pub fn parse_category(s: &str) -> Result<Category, String> {
    if let Ok(c) = Category::from_str(s) {
        return Ok(c);
    }
    Ok(match squash(s).as_str() {
        "ff" => Category::FF,
        "fm" | "mf" => Category::FM,
        "mm" => Category::MM,
        _ => {
            return Err(format!(
                "unknown category {s:?} (F/F, F/M, Gen, M/M, Multi, Other)"
            ));
        }
    })
}

/// A sort: `relevance`, `updated`, `published`, `words`, `title`.
pub fn parse_sort(s: &str) -> Result<Sort, String> {
    Ok(match squash(s).as_str() {
        "relevance" | "best" => Sort::Relevance,
        "updated" | "dateupdated" => Sort::Updated,
        "published" | "datepublished" | "posted" => Sort::Published,
        "words" | "wordcount" | "length" => Sort::Words,
        "title" => Sort::Title,
        _ => {
            return Err(format!(
                "unknown sort {s:?} (relevance, updated, published, words, title)"
            ));
        }
    })
}

/// A word-count range: `MIN..MAX`, `MIN..` or `..MAX` (inclusive; `1,000` and `1_000` read as
/// 1000; a single number is an exact count).
pub fn parse_words(s: &str) -> Result<(Option<u64>, Option<u64>), String> {
    let bad = || format!("{s:?} is not a word range (MIN..MAX, MIN.. or ..MAX)");
    let number = |part: &str| -> Result<Option<u64>, String> {
        let digits: String = part
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        digits.parse::<u64>().map(Some).map_err(|_| bad())
    };
    let (min, max) = match s.split_once("..") {
        Some((lo, hi)) => (
            number(lo)?,
            number(hi.trim_start_matches('=')).map_err(|_| bad())?,
        ),
        None => {
            let n = number(s)?.ok_or_else(bad)?;
            (Some(n), Some(n))
        }
    };
    if min.is_none() && max.is_none() {
        return Err(bad());
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        return Err(format!("{s:?}: the lower bound is above the upper one"));
    }
    Ok((min, max))
}

/// Lower-case letters and digits only (`Teen And Up`, `teen-and-up` → `teenandup`).
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings() {
        assert_eq!(parse_rating("Teen And Up Audiences"), Ok(Ao3Rating::Teen));
        assert_eq!(parse_rating("t"), Ok(Ao3Rating::Teen));
        assert_eq!(parse_rating("EXPLICIT"), Ok(Ao3Rating::Explicit));
        assert_eq!(parse_rating("not-rated"), Ok(Ao3Rating::NotRated));
        assert_eq!(parse_rating("G"), Ok(Ao3Rating::General));
        let e = parse_rating("NC-17").unwrap_err();
        assert!(e.contains("unknown rating \"NC-17\""), "{e}");
    }

    #[test]
    fn warnings_and_categories() {
        assert_eq!(
            parse_warning("Major Character Death"),
            Ok(ArchiveWarning::MajorCharacterDeath)
        );
        assert_eq!(
            parse_warning("mcd"),
            Ok(ArchiveWarning::MajorCharacterDeath)
        );
        assert_eq!(parse_warning("none"), Ok(ArchiveWarning::NoneApply));
        assert_eq!(
            parse_warning("Creator Chose Not To Use Archive Warnings"),
            Ok(ArchiveWarning::ChooseNotToUse)
        );
        assert!(parse_warning("spoilers").is_err());
        assert_eq!(parse_category("F/M"), Ok(Category::FM));
        assert_eq!(parse_category("mm"), Ok(Category::MM));
        assert_eq!(parse_category("gen"), Ok(Category::Gen));
        assert!(parse_category("slash").is_err());
    }

    #[test]
    fn sorts() {
        assert_eq!(parse_sort("words"), Ok(Sort::Words));
        assert_eq!(parse_sort("Updated"), Ok(Sort::Updated));
        assert!(parse_sort("kudos").is_err());
    }

    #[test]
    fn word_ranges() {
        assert_eq!(parse_words("1000..5000"), Ok((Some(1000), Some(5000))));
        assert_eq!(parse_words("1,000.."), Ok((Some(1000), None)));
        assert_eq!(parse_words("..2_000"), Ok((None, Some(2000))));
        assert_eq!(parse_words("..=2000"), Ok((None, Some(2000))));
        assert_eq!(parse_words("750"), Ok((Some(750), Some(750))));
        assert!(parse_words("..").is_err());
        assert!(parse_words("a..b").is_err());
        assert!(parse_words("").is_err());
        assert!(parse_words("-5..").is_err());
        assert!(parse_words("9..1").unwrap_err().contains("lower bound"));
        assert!(parse_words("99999999999999999999999..").is_err());
    }
}
