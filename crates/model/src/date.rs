//! A calendar date, serialized as `YYYY-MM-DD`.
//!
//! Fan fiction needs only days, not times or zones, so this is a small checked triple rather than
//! a date-time library. Parsing the many ways files write dates is the normalizer's job; this type
//! only guarantees that what it holds is a real day.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{0:?} is not a YYYY-MM-DD date")]
    Shape(String),
    #[error("{year:04}-{month:02}-{day:02} is not a day of the calendar")]
    NoSuchDay { year: u32, month: u32, day: u32 },
}

impl Date {
    /// A date, if `year`-`month`-`day` is a real day between the years 1 and 9999.
    pub fn new(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
        let bad = || DateError::NoSuchDay { year, month, day };
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(bad());
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(bad());
        }
        Ok(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    pub fn year(self) -> u32 {
        self.year.into()
    }
    pub fn month(self) -> u32 {
        self.month.into()
    }
    pub fn day(self) -> u32 {
        self.day.into()
    }
}

/// Days in `month` of `year` in the proleptic Gregorian calendar.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let shape = || DateError::Shape(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(shape());
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &s[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(shape());
            }
            part.parse().map_err(|_| shape())
        };
        Date::new(num(0..4)?, num(5..7)?, num(8..10)?)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_days_only() {
        assert!(Date::new(2004, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(2003, 4, 31).is_err());
        assert!(Date::new(2003, 13, 1).is_err());
        assert!(Date::new(0, 1, 1).is_err());
    }

    #[test]
    fn parses_and_prints_iso() {
        let d: Date = "2004-03-14".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2004, 3, 14));
        assert_eq!(d.to_string(), "2004-03-14");
        assert!("2004-3-14".parse::<Date>().is_err());
        assert!("2004-03-1x".parse::<Date>().is_err());
        assert!("２００４-03-14".parse::<Date>().is_err());
    }

    proptest::proptest! {
        #[test]
        fn display_parse_round_trip(y in 1u32..=9999, m in 1u32..=12, d in 1u32..=31) {
            if let Ok(date) = Date::new(y, m, d) {
                proptest::prop_assert_eq!(date.to_string().parse::<Date>().unwrap(), date);
            }
        }
    }
}
