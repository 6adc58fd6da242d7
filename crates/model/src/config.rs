//! How a user changes [`Limits`]: the `[limits]` table of the library's `ficshelf.toml`, and
//! `--limit KEY=VALUE` flags, applied over the defaults in that order (flags win).
//!
//! Parsing only (the CLI reads the file): text in, limits changed or a one-line error out.
//! Anything unknown — a key that is not a limit, a table other than `[limits]`, a value that
//! is not a number — is an error rather than ignored, because a misspelt limit that silently
//! does nothing is how an archivist ends up with files refused for a reason they thought they
//! had raised.

use thiserror::Error;

use crate::limits::{LIMITS, Limits, Unit};

/// Why a `ficshelf.toml` or a `--limit` flag cannot be used. One line each.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("not valid TOML (line {line}): {message}")]
    Syntax { line: usize, message: String },
    #[error("unknown setting {0:?} (ficshelf.toml holds one table, [limits])")]
    UnknownTable(String),
    #[error("unknown limit {key:?} (the limits are: {})", known())]
    UnknownLimit { key: String },
    #[error("limit {key}: {reason}")]
    BadValue { key: String, reason: String },
    #[error("{0:?} is not KEY=VALUE")]
    NotKeyValue(String),
}

fn known() -> String {
    LIMITS.iter().map(|l| l.key).collect::<Vec<_>>().join(", ")
}

/// Apply the text of a `ficshelf.toml` to `limits`.
pub fn apply_toml(limits: &mut Limits, text: &str) -> Result<(), ConfigError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| ConfigError::Syntax {
        line: e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1),
        message: e.message().trim().replace('\n', " "),
    })?;
    for (name, value) in &table {
        if name != "limits" {
            return Err(ConfigError::UnknownTable(name.clone()));
        }
        let toml::Value::Table(entries) = value else {
            return Err(ConfigError::UnknownTable(name.clone()));
        };
        for (key, value) in entries {
            let amount = match value {
                toml::Value::Integer(n) => u64::try_from(*n).map_err(|_| ConfigError::BadValue {
                    key: key.clone(),
                    reason: format!("{n} is negative"),
                }),
                toml::Value::String(s) => parse_for(key, s),
                other => Err(ConfigError::BadValue {
                    key: key.clone(),
                    reason: format!("{other} is not a number"),
                }),
            };
            set(limits, key, amount?)?;
        }
    }
    Ok(())
}

/// Apply one `--limit KEY=VALUE` flag to `limits`.
pub fn apply_flag(limits: &mut Limits, flag: &str) -> Result<(), ConfigError> {
    let Some((key, value)) = flag.split_once('=') else {
        return Err(ConfigError::NotKeyValue(flag.to_string()));
    };
    let key = key.trim();
    let amount = parse_for(key, value)?;
    set(limits, key, amount)
}

fn set(limits: &mut Limits, key: &str, value: u64) -> Result<(), ConfigError> {
    if limits.set(key, value) {
        Ok(())
    } else {
        Err(ConfigError::UnknownLimit { key: key.into() })
    }
}

fn parse_for(key: &str, text: &str) -> Result<u64, ConfigError> {
    let info = Limits::info(key).ok_or_else(|| ConfigError::UnknownLimit { key: key.into() })?;
    parse_amount(info.unit, text).map_err(|reason| ConfigError::BadValue {
        key: key.into(),
        reason,
    })
}

/// A value as a user writes it: `1000`, `1_000`, and for sizes `64MiB` / `64 MiB` (KiB, MiB,
/// GiB; binary units only, so that nobody wonders whether `MB` meant 10^6), for times `30s`
/// or `10min`.
pub fn parse_amount(unit: Unit, text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(t.len());
    let (digits, suffix) = (t[..split].replace('_', ""), t[split..].trim());
    let bad = || {
        let example = match unit {
            Unit::Bytes => "a number of bytes such as 1048576 or 64MiB",
            Unit::Seconds => "a number of seconds such as 30 or 10min",
            Unit::Count | Unit::Ratio => "a whole number such as 1000",
        };
        format!("{t:?} is not {example}")
    };
    if digits.is_empty() {
        return Err(bad());
    }
    let n: u64 = digits.parse().map_err(|_| bad())?;
    let scale: u64 = match (unit, suffix) {
        (_, "") => 1,
        (Unit::Bytes, "B") => 1,
        (Unit::Bytes, "KiB") => 1 << 10,
        (Unit::Bytes, "MiB") => 1 << 20,
        (Unit::Bytes, "GiB") => 1 << 30,
        (Unit::Seconds, "s") => 1,
        (Unit::Seconds, "min") => 60,
        _ => return Err(bad()),
    };
    n.checked_mul(scale)
        .ok_or_else(|| format!("{t:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changes_only_what_it_names() {
        let mut limits = Limits::default();
        apply_toml(
            &mut limits,
            "# mine\n[limits]\nmax_file_bytes = \"2 MiB\"\nmax_chapters = 50\n",
        )
        .unwrap();
        assert_eq!(limits.max_file_bytes, 2 << 20);
        assert_eq!(limits.max_chapters, 50);
        assert_eq!(limits.epub_max_entries, Limits::default().epub_max_entries);
        // An empty file (or one with an empty table) changes nothing.
        let mut same = Limits::default();
        apply_toml(&mut same, "").unwrap();
        apply_toml(&mut same, "[limits]\n").unwrap();
        assert_eq!(same, Limits::default());
    }

    #[test]
    fn unknown_keys_tables_and_values_are_errors_naming_them() {
        let mut limits = Limits::default();
        let e = apply_toml(&mut limits, "[limits]\nmax_file_size = 10\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("unknown limit \"max_file_size\" (the limits are: max_file_bytes, ")
        );
        let e = apply_toml(&mut limits, "[limit]\nmax_file_bytes = 10\n").unwrap_err();
        assert_eq!(e, ConfigError::UnknownTable("limit".into()));
        let e = apply_toml(&mut limits, "max_file_bytes = 10\n").unwrap_err();
        assert_eq!(e, ConfigError::UnknownTable("max_file_bytes".into()));
        let e = apply_toml(&mut limits, "[limits]\nmax_chapters = -1\n").unwrap_err();
        assert_eq!(e.to_string(), "limit max_chapters: -1 is negative");
        let e = apply_toml(&mut limits, "[limits]\nmax_chapters = \"many\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "limit max_chapters: \"many\" is not a whole number such as 1000"
        );
        let e = apply_toml(&mut limits, "[limits]\nmax_chapters = 1.5\n").unwrap_err();
        assert_eq!(e.to_string(), "limit max_chapters: 1.5 is not a number");
        assert_eq!(limits, Limits::default(), "nothing applied from a bad file");
    }

    #[test]
    fn syntax_errors_are_one_line_with_the_line_number() {
        let e = apply_toml(&mut Limits::default(), "[limits]\nmax_chapters = = 3\n").unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("not valid TOML (line 2): "), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn flags_take_units_fitting_the_limit() {
        let mut limits = Limits::default();
        apply_flag(&mut limits, "max_html_bytes=512KiB").unwrap();
        apply_flag(&mut limits, "web_request_secs = 2min").unwrap();
        apply_flag(&mut limits, "max_tags=1_500").unwrap();
        assert_eq!(limits.max_html_bytes, 512 << 10);
        assert_eq!(limits.web_request_secs, 120);
        assert_eq!(limits.max_tags, 1500);
        let e = apply_flag(&mut limits, "max_tags=3MiB").unwrap_err();
        assert_eq!(
            e.to_string(),
            "limit max_tags: \"3MiB\" is not a whole number such as 1000"
        );
        let e = apply_flag(&mut limits, "max_tags").unwrap_err();
        assert_eq!(e.to_string(), "\"max_tags\" is not KEY=VALUE");
        let e = apply_flag(&mut limits, "nope=3").unwrap_err();
        assert!(matches!(e, ConfigError::UnknownLimit { .. }));
        let e = apply_flag(&mut limits, "max_file_bytes=99999999999999GiB").unwrap_err();
        assert!(e.to_string().ends_with("is too large"), "{e}");
    }
}
