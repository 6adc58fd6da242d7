//! Dates as files write them → `YYYY-MM-DD`.
//!
//! Accepted shapes: ISO (`2004-03-14`, with or without a time), `YYYY/MM/DD`, numeric
//! `MM/DD/YYYY` and `DD/MM/YYYY` (day first when the first number is over 12), dotted
//! `DD.MM.YYYY` (the European convention), month names in either order (`14 March 2004`,
//! `March 14, 2004`, `Mar 14 2004`, `14th of March, 2004`, `Sunday, March 14, 2004`), and
//! two-digit years (`03/14/04`: 00–69 are 2000s, 70–99 are 1900s). A numeric date whose day and
//! month could be swapped (`03/04/2004`) is read month first, as eFiction and most US archives
//! wrote it, with a warning; eFiction files get no warning since their order is known.

use ficshelf_model::Date;

/// How a numeric date whose order is unclear is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// MM/DD, with a warning (the default).
    MonthFirstWarn,
    /// MM/DD without a warning: the producer is known to write it (eFiction).
    MonthFirstKnown,
    /// DD/MM, with a warning (`Options::day_first`).
    DayFirstWarn,
}

/// A parsed date, the rule that read it, and a warning when it was a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub date: Date,
    pub rule: &'static str,
    pub doubt: Option<String>,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(w) && (w.len() == 3 || w == *m))
        .map(|i| i as u32 + 1)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    /// A number and how many digits it was written with.
    Num(u32, usize),
    Month(u32),
}

/// Parse one date as written.
pub(crate) fn parse(raw: &str, order: Order) -> Option<Parsed> {
    let s = raw.trim();
    if let Some(p) = iso(s) {
        return Some(p);
    }
    let (toks, first_sep) = tokenize(s)?;
    let year = |n: u32, digits: usize| -> Option<u32> {
        match digits {
            4 => Some(n),
            2 if n < 70 => Some(2000 + n),
            2 => Some(1900 + n),
            _ => None,
        }
    };
    let ok = |y, m, d, rule| {
        Date::new(y, m, d).ok().map(|date| Parsed {
            date,
            rule,
            doubt: None,
        })
    };
    match toks.as_slice() {
        [Tok::Num(y, 4), Tok::Num(m, _), Tok::Num(d, _)] => ok(*y, *m, *d, "year first (Y/M/D)"),
        [Tok::Num(y, 4), Tok::Month(m), Tok::Num(d, _)] => ok(*y, *m, *d, "year, month name, day"),
        [Tok::Num(d, _), Tok::Month(m), Tok::Num(y, yd)] => {
            ok(year(*y, *yd)?, *m, *d, "day, month name, year")
        }
        [Tok::Month(m), Tok::Num(d, dd), Tok::Num(y, yd)] if *dd <= 2 => {
            ok(year(*y, *yd)?, *m, *d, "month name, day, year")
        }
        [Tok::Num(a, ad), Tok::Num(b, bd), Tok::Num(y, yd)] if *ad <= 2 && *bd <= 2 => {
            numeric(*a, *b, year(*y, *yd)?, first_sep == Some('.'), order, raw)
        }
        _ => None,
    }
}

/// `A/B/YYYY`: which of A and B is the day.
fn numeric(a: u32, b: u32, y: u32, dotted: bool, order: Order, raw: &str) -> Option<Parsed> {
    let make = |m, d, rule| {
        Date::new(y, m, d).ok().map(|date| Parsed {
            date,
            rule,
            doubt: None,
        })
    };
    if a > 12 {
        return make(b, a, "day first (the first number is over 12)");
    }
    if b > 12 {
        return make(a, b, "month first (the second number is over 12)");
    }
    if a == b {
        return make(a, b, "day and month are the same");
    }
    if dotted {
        let mut p = make(b, a, "dotted date read day first (DD.MM.YYYY)")?;
        p.doubt = Some(format!(
            "date {raw:?} is ambiguous; read day first as {}",
            p.date
        ));
        return Some(p);
    }
    match order {
        Order::MonthFirstKnown => make(a, b, "month first (MM/DD/YYYY, the producer's order)"),
        Order::MonthFirstWarn => {
            let mut p = make(a, b, "ambiguous, read month first (MM/DD/YYYY)")?;
            p.doubt = Some(format!(
                "date {raw:?} is ambiguous; read as MM/DD: {}",
                p.date
            ));
            Some(p)
        }
        Order::DayFirstWarn => {
            let mut p = make(b, a, "ambiguous, read day first (DD/MM/YYYY)")?;
            p.doubt = Some(format!(
                "date {raw:?} is ambiguous; read as DD/MM: {}",
                p.date
            ));
            Some(p)
        }
    }
}

/// `YYYY-MM-DD` at the start, followed by nothing, a time, or a space.
fn iso(s: &str) -> Option<Parsed> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let date: Date = head.parse().ok()?;
    Some(Parsed {
        date,
        rule: "ISO 8601",
        doubt: None,
    })
}

/// Numbers and month names in order, skipping weekdays, ordinal suffixes, times, time zones and
/// filler words; the first separator between two numbers (to tell `14.03.2004` from
/// `03/14/2004`). `None` when there are more than three date parts.
fn tokenize(s: &str) -> Option<(Vec<Tok>, Option<char>)> {
    let mut toks = Vec::new();
    let mut first_sep = None;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            // A time (`10:30`) or a zone offset (`+0100`) is not part of the date.
            let is_time =
                chars.get(i) == Some(&':') || (start > 0 && matches!(chars[start - 1], ':' | '+'));
            if is_time {
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':') {
                    i += 1;
                }
                continue;
            }
            let digits: String = chars[start..i].iter().collect();
            if digits.len() > 4 {
                return None;
            }
            let n: u32 = digits.parse().ok()?;
            if toks.len() == 1 && first_sep.is_none() {
                first_sep = chars.get(start.wrapping_sub(1)).copied();
            }
            // Ordinal suffixes: 14th, 1st, 2nd, 3rd.
            let suffix: String = chars[i..].iter().take(2).collect::<String>().to_lowercase();
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th")
                && chars.get(i + 2).is_none_or(|c| !c.is_alphabetic())
            {
                i += 2;
            }
            toks.push(Tok::Num(n, digits.len()));
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if let Some(m) = month(&word) {
                toks.push(Tok::Month(m));
            }
        } else {
            i += 1;
        }
        if toks.len() > 3 {
            return None;
        }
    }
    Some((toks, first_sep))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse(s, Order::MonthFirstWarn).map(|p| p.date.to_string())
    }

    #[test]
    fn shapes() {
        let cases = [
            ("2004-03-14", "2004-03-14"),
            ("2004-03-14T10:22:00Z", "2004-03-14"),
            ("2004-03-14 10:22", "2004-03-14"),
            ("2004/03/14", "2004-03-14"),
            ("03/14/2004", "2004-03-14"),
            ("14/03/2004", "2004-03-14"),
            ("3/14/2004", "2004-03-14"),
            ("03-14-2004", "2004-03-14"),
            ("14.03.2004", "2004-03-14"),
            ("14 March 2004", "2004-03-14"),
            ("14th March 2004", "2004-03-14"),
            ("14th of March, 2004", "2004-03-14"),
            ("14 Mar 2004", "2004-03-14"),
            ("14-Mar-2004", "2004-03-14"),
            ("March 14, 2004", "2004-03-14"),
            ("March 14th, 2004", "2004-03-14"),
            ("Mar 14 2004", "2004-03-14"),
            ("Mar. 14, 2004", "2004-03-14"),
            ("Sept 1, 2004", "2004-09-01"),
            ("Sunday, March 14, 2004", "2004-03-14"),
            ("Sun Mar 14 2004 10:22:00 +0100", "2004-03-14"),
            ("2004 March 14", "2004-03-14"),
            ("03/14/04", "2004-03-14"),
            ("14/03/99", "1999-03-14"),
            ("5/5/2005", "2005-05-05"),
            ("March 14, 04", "2004-03-14"),
        ];
        for (raw, want) in cases {
            assert_eq!(d(raw).as_deref(), Some(want), "{raw:?}");
        }
    }

    #[test]
    fn ambiguous_dates_warn_unless_the_order_is_known() {
        let p = parse("03/04/2004", Order::MonthFirstWarn).unwrap();
        assert_eq!(p.date.to_string(), "2004-03-04");
        assert!(p.doubt.unwrap().contains("ambiguous"));
        let p = parse("03/04/2004", Order::MonthFirstKnown).unwrap();
        assert_eq!(p.date.to_string(), "2004-03-04");
        assert_eq!(p.doubt, None);
        let p = parse("03/04/2004", Order::DayFirstWarn).unwrap();
        assert_eq!(p.date.to_string(), "2004-04-03");
        assert!(p.doubt.is_some());
        let p = parse("03.04.2004", Order::MonthFirstKnown).unwrap();
        assert_eq!(p.date.to_string(), "2004-04-03");
        assert!(
            parse("03/14/2004", Order::MonthFirstWarn)
                .unwrap()
                .doubt
                .is_none()
        );
    }

    #[test]
    fn not_dates() {
        for raw in [
            "",
            "March 2004",
            "2004",
            "sometime in 2004",
            "13/13/2004",
            "02/30/2004",
            "Season 6",
            "1/2/3/4",
            "99999999",
            "2004-02-30",
            "Mayhem 14 2004",
            "ages ago",
        ] {
            assert_eq!(d(raw), None, "{raw:?}");
        }
    }
}
