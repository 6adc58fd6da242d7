//! Whole-library questions answered from the plain columns, without decoding any work:
//! `ficshelf stats`, `ficshelf tags`, and the change log the search index catches up from.

use ficshelf_model::Format;
use rusqlite::{Connection, params};

use crate::{Change, ChangeKind, Stats, Store, StoreError, TagCount, TagKind, WorkId};

impl Store {
    /// Totals and breakdowns for `ficshelf stats`.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let c = &self.conn;
        let (works, chapters, words): (i64, i64, i64) = c.query_row(
            "SELECT count(*), coalesce(sum(chapters), 0), coalesce(sum(words), 0) FROM works",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let (sources, source_bytes): (i64, i64) = c.query_row(
            "SELECT count(*), coalesce(sum(bytes), 0) FROM sources",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let history: i64 = c.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?;
        Ok(Stats {
            works: nonneg(works),
            chapters: nonneg(chapters),
            words: nonneg(words),
            sources: nonneg(sources),
            source_bytes: nonneg(source_bytes),
            history: nonneg(history),
            by_format: group(c, "format")?
                .into_iter()
                .map(|(k, n)| (k.unwrap_or_default(), n))
                .collect(),
            by_rating: group(c, "rating")?
                .into_iter()
                .map(|(k, n)| (k.unwrap_or_default(), n))
                .collect(),
            by_status: group(c, "status")?
                .into_iter()
                .map(|(k, n)| (k.unwrap_or_default(), n))
                .collect(),
            by_language: group(c, "language")?,
        })
    }

    /// Every tag with its kind and how many works carry it: by kind (fandom, relationship,
    /// character, freeform, rating, warning, category), then most used first, then by name.
    pub fn tag_counts(&self) -> Result<Vec<TagCount>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT kind, name, count(*) AS n FROM tags GROUP BY kind, name ORDER BY n DESC, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get::<_, i64>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, name, n) = row?;
            let kind = TagKind::parse(&kind).ok_or_else(|| {
                StoreError::Invalid(format!("unknown tag kind {kind:?} in the database"))
            })?;
            out.push(TagCount {
                kind,
                name,
                works: nonneg(n),
            });
        }
        // Stable: keeps count/name order within each kind.
        out.sort_by_key(|t| t.kind);
        Ok(out)
    }

    /// The sequence number of the latest change (0 for a library never written to).
    pub fn last_change_seq(&self) -> Result<u64, StoreError> {
        let seq: Option<i64> = self
            .conn
            .query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))?;
        Ok(seq.map_or(0, nonneg))
    }

    /// Changes with a sequence number above `seq`, oldest first, at most `limit`. To catch an
    /// index up, apply them in order (`Upsert` → index the work as [`Store::get`] returns it
    /// now, or remove it if it is gone; `Remove` → remove it) and record the last `seq`.
    pub fn changes_since(&self, seq: u64, limit: usize) -> Result<Vec<Change>, StoreError> {
        changes_since(&self.conn, seq, limit)
    }
}

fn changes_since(conn: &Connection, seq: u64, limit: usize) -> Result<Vec<Change>, StoreError> {
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT seq, work_id, kind FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![seq, limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, work, kind) = row?;
        let kind = match kind.as_str() {
            "remove" => ChangeKind::Remove,
            _ => ChangeKind::Upsert,
        };
        out.push(Change {
            seq: nonneg(seq),
            work: WorkId::from_sql(work),
            kind,
        });
    }
    Ok(out)
}

/// Works per value of one plain column of `works`, most first, then by value.
fn group(conn: &Connection, column: &str) -> Result<Vec<(Option<String>, u64)>, StoreError> {
    // `column` is one of our own column names, never user input.
    let sql = format!(
        "SELECT {column}, count(*) AS n FROM works GROUP BY {column} ORDER BY n DESC, {column}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, nonneg(r.get(1)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn nonneg(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub(crate) fn parse_format(s: &str) -> Option<Format> {
    [Format::Txt, Format::Html, Format::Epub]
        .into_iter()
        .find(|f| f.as_str() == s)
}
