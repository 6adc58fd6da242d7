//! AO3's closed vocabularies: ratings, archive warnings, categories; and a work's status.
//!
//! Each term serializes as the exact string AO3 uses, so the JSON reads like AO3 and a work can
//! be handed to an AO3 importer as is. Parsing here accepts only those exact names (any case);
//! mapping the messy legacy values found in files ("NC17", "slash", "MCD") is the normalizer's
//! job, not this module's.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string that is not one of a closed vocabulary's terms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not one of {vocabulary}")]
pub struct UnknownTerm {
    pub vocabulary: &'static str,
    pub value: String,
}

/// Implements the name table, `Display`, `FromStr` and string serde for a closed vocabulary.
macro_rules! closed_vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every term, in AO3's order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The name AO3 gives this term.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;
            fn from_str(s: &str) -> Result<Self, UnknownTerm> {
                let s = s.trim();
                $(
                    if s.eq_ignore_ascii_case($text) $(|| s.eq_ignore_ascii_case($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err(UnknownTerm { vocabulary: $what, value: s.to_string() })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

closed_vocabulary! {
    /// AO3's five ratings.
    Ao3Rating, "AO3's ratings" {
        General => "General Audiences",
        Teen => "Teen And Up Audiences",
        Mature => "Mature",
        Explicit => "Explicit",
        NotRated => "Not Rated",
    }
}

closed_vocabulary! {
    /// AO3's six archive warnings, by their tag names.
    ArchiveWarning, "AO3's archive warnings" {
        /// AO3 displays this one as "Creator Chose Not To Use Archive Warnings".
        ChooseNotToUse => "Choose Not To Use Archive Warnings"
            | "Creator Chose Not To Use Archive Warnings",
        NoneApply => "No Archive Warnings Apply",
        GraphicViolence => "Graphic Depictions Of Violence",
        MajorCharacterDeath => "Major Character Death",
        RapeNonCon => "Rape/Non-Con",
        UnderageSex => "Underage Sex" | "Underage",
    }
}

closed_vocabulary! {
    /// AO3's six categories.
    Category, "AO3's categories" {
        FF => "F/F",
        FM => "F/M",
        Gen => "Gen",
        MM => "M/M",
        Multi => "Multi",
        Other => "Other",
    }
}

closed_vocabulary! {
    /// Whether the work is finished.
    Status, "complete, in-progress, unknown" {
        Complete => "complete",
        InProgress => "in-progress",
        Unknown => "unknown",
    }
}

impl Ao3Rating {
    /// The one-letter symbol AO3 shows in a work blurb.
    pub fn symbol(self) -> &'static str {
        match self {
            Ao3Rating::General => "G",
            Ao3Rating::Teen => "T",
            Ao3Rating::Mature => "M",
            Ao3Rating::Explicit => "E",
            Ao3Rating::NotRated => "",
        }
    }
}

impl ArchiveWarning {
    /// How AO3 shows the warning on a work page (differs from the tag name for one term).
    pub fn display_name(self) -> &'static str {
        match self {
            ArchiveWarning::ChooseNotToUse => "Creator Chose Not To Use Archive Warnings",
            other => other.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_parse() {
        for r in Ao3Rating::ALL {
            assert_eq!(r.as_str().parse::<Ao3Rating>().unwrap(), *r);
        }
        for w in ArchiveWarning::ALL {
            assert_eq!(w.as_str().parse::<ArchiveWarning>().unwrap(), *w);
            assert_eq!(w.display_name().parse::<ArchiveWarning>().unwrap(), *w);
        }
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), *c);
        }
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>().unwrap(), *s);
        }
    }

    #[test]
    fn parse_is_exact_not_fuzzy() {
        assert!("R".parse::<Ao3Rating>().is_err());
        assert!("slash".parse::<Category>().is_err());
        let err = "MCD".parse::<ArchiveWarning>().unwrap_err();
        assert_eq!(err.value, "MCD");
        assert_eq!("mature".parse::<Ao3Rating>().unwrap(), Ao3Rating::Mature);
    }

    #[test]
    fn serde_uses_ao3_names() {
        let json = serde_json::to_string(&vec![Category::MM, Category::Gen]).unwrap();
        assert_eq!(json, r#"["M/M","Gen"]"#);
        let back: Vec<ArchiveWarning> =
            serde_json::from_str(r#"["Major Character Death","Rape/Non-Con"]"#).unwrap();
        assert_eq!(
            back,
            vec![
                ArchiveWarning::MajorCharacterDeath,
                ArchiveWarning::RapeNonCon
            ]
        );
        assert!(serde_json::from_str::<Ao3Rating>(r#""PG""#).is_err());
    }
}
