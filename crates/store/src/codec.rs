//! How values are laid down in the database: JSON compressed with zstd, and timestamps.
//!
//! The Work JSON is the stored truth, but fan fiction is mostly text that zstd shrinks three- to
//! fourfold; uncompressed, the database alone would hold as many bytes as the originals and the
//! library could not stay under 1.5x the text it holds. A blob is a standard zstd frame
//! (`zstd -d` reads it), so nothing here is a private format.

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::time::{SystemTime, UNIX_EPOCH};

/// zstd level. 1 rather than zstd's default 3: on prose it compresses within a few per cent as
/// well (generated corpus: 6.7x against 6.9x) about half again as fast, and every imported work
/// goes through it twice (its blobs and its original).
const LEVEL: i32 = 1;

/// Largest JSON a blob may inflate to. Far above any real work (AO3 caps a chapter at 510,000
/// characters); it only stops a damaged blob from eating memory.
const MAX_INFLATED: u64 = 1 << 30;

/// Serialize to JSON and compress.
pub(crate) fn pack<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Serializing model types (string keys, no maps with non-string keys) cannot fail.
    let json = serde_json::to_vec(value).unwrap_or_default();
    compress(&json)
}

pub(crate) fn compress(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        // One compression context per thread, reused: creating one per blob (a work has a
        // blob per chapter) zeroes its tables every time and cost more than compressing short
        // chapters.
        static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { RefCell::new(None) };
    }
    COMPRESSOR
        .with(|c| {
            let mut c = c.borrow_mut();
            if c.is_none() {
                *c = Some(zstd::bulk::Compressor::new(LEVEL).ok()?);
            }
            c.as_mut()?.compress(bytes).ok()
        })
        // Compressing from memory into memory has no I/O that could fail; should zstd refuse
        // all the same, a one-off context does it.
        .unwrap_or_else(|| zstd::bulk::compress(bytes, LEVEL).unwrap_or_default())
}

/// Inflate a blob, refusing more than `MAX_INFLATED` bytes.
pub(crate) fn inflate(blob: &[u8]) -> Result<Vec<u8>, String> {
    let decoder = zstd::stream::read::Decoder::new(blob).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    decoder
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress: {e}"))?;
    if out.len() as u64 > MAX_INFLATED {
        return Err("inflates to more than 1 GiB".into());
    }
    Ok(out)
}

/// Inflate and parse a blob into `T`; the error says which step failed.
pub(crate) fn unpack<T: serde::de::DeserializeOwned>(blob: &[u8]) -> Result<T, String> {
    let json = inflate(blob)?;
    serde_json::from_slice(&json).map_err(|e| format!("invalid JSON: {e}"))
}

/// Seconds since the Unix epoch, UTC. Shown as RFC 3339 (`2024-05-01T12:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }

    /// The calendar day (UTC), for showing "added on".
    pub fn date(self) -> Option<ficshelf_model::Date> {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        let year = u32::try_from(y).ok()?;
        ficshelf_model::Date::new(year, m, d).ok()
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0.div_euclid(86_400));
        let s = self.0.rem_euclid(86_400);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 → proleptic Gregorian date.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_unpack_round_trips_and_shrinks_prose() {
        let text = "Willow looked up from the book and said nothing at all. ".repeat(200);
        let blob = pack(&text);
        assert!(
            blob.len() * 4 < text.len(),
            "{} vs {}",
            blob.len(),
            text.len()
        );
        let back: String = unpack(&blob).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn damaged_blobs_give_reasons_not_panics() {
        let err = unpack::<String>(b"definitely not zstd").unwrap_err();
        assert!(err.contains("decompress"), "{err}");
        let err = unpack::<u32>(&compress(b"{\"not\": a number")).unwrap_err();
        assert!(err.starts_with("invalid JSON"), "{err}");
        let mut truncated = pack(&"x".repeat(10_000));
        truncated.truncate(truncated.len() / 2);
        assert!(unpack::<String>(&truncated).is_err());
    }

    #[test]
    fn timestamps_print_as_utc() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(Timestamp(951_782_400).to_string(), "2000-02-29T00:00:00Z");
        assert_eq!(
            Timestamp(1_714_564_800 + 3_661).to_string(),
            "2024-05-01T13:01:01Z"
        );
        assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59Z");
        assert_eq!(
            Timestamp(951_782_400).date().unwrap().to_string(),
            "2000-02-29"
        );
    }
}
