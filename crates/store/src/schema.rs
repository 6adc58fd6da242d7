//! The library database's schema and its versioned migrations.
//!
//! `PRAGMA user_version` holds how many migrations have been applied; `PRAGMA application_id`
//! marks the file as a ficshelf library so that some other program's SQLite file is never
//! "migrated" into one. Migrations run in one `BEGIN IMMEDIATE` transaction: two processes
//! opening a new library at once serialize, and a failed migration leaves the old version whole.
//! A database of a newer version than this build knows is refused before anything is written.

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// `PRAGMA application_id` of a ficshelf library: "fics" in ASCII.
pub(crate) const APPLICATION_ID: i64 = 0x6669_6373;

/// Every migration, in order. Never edit one that has shipped: append a new one.
pub(crate) const MIGRATIONS: &[&str] = &[V1];

/// The schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Schema 1. Blobs named `meta`/`body` are zstd-compressed JSON (see `codec`); the plain
/// columns beside them are derived from the Work so that lists, dedupe, stats and tag tables
/// need no decoding. Foreign keys cascade from `works`, so removing a work removes its rows.
const V1: &str = "
CREATE TABLE works (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    meta          BLOB    NOT NULL,
    title         TEXT    NOT NULL,
    sort_title    TEXT    NOT NULL,
    authors       TEXT    NOT NULL,
    title_key     TEXT    NOT NULL,
    authors_key   TEXT    NOT NULL,
    source_url    TEXT,
    url_key       TEXT,
    source_sha256 TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    fingerprint   BLOB    NOT NULL,
    words         INTEGER NOT NULL,
    chapters      INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    published     TEXT,
    updated       TEXT,
    rating        TEXT    NOT NULL,
    language      TEXT,
    created       INTEGER NOT NULL,
    modified      INTEGER NOT NULL
);
CREATE INDEX works_url_key ON works(url_key) WHERE url_key IS NOT NULL;
CREATE INDEX works_title_authors ON works(title_key, authors_key);
CREATE INDEX works_sort_title ON works(sort_title);

CREATE TABLE chapters (
    work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    title   TEXT,
    words   INTEGER NOT NULL,
    body    BLOB    NOT NULL,
    PRIMARY KEY (work_id, idx)
);

CREATE TABLE history (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    work_id       INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    source_sha256 TEXT    NOT NULL,
    created       INTEGER NOT NULL,
    replaced      INTEGER NOT NULL,
    meta          BLOB    NOT NULL
);
CREATE INDEX history_work ON history(work_id);

CREATE TABLE history_chapters (
    history_id INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    title      TEXT,
    words      INTEGER NOT NULL,
    body       BLOB    NOT NULL,
    PRIMARY KEY (history_id, idx)
);

CREATE TABLE sources (
    sha256  TEXT    PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    path    TEXT    NOT NULL,
    bytes   INTEGER NOT NULL,
    format  TEXT    NOT NULL,
    added   INTEGER NOT NULL
);
CREATE INDEX sources_work ON sources(work_id);

CREATE TABLE tags (
    work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL,
    name    TEXT    NOT NULL,
    PRIMARY KEY (work_id, kind, name)
) WITHOUT ROWID;
CREATE INDEX tags_kind_name ON tags(kind, name);

CREATE TABLE changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    work_id INTEGER NOT NULL,
    kind    TEXT    NOT NULL CHECK (kind IN ('upsert', 'remove')),
    at      INTEGER NOT NULL
);
";

/// Read `user_version` and refuse what this build must not touch. Writes nothing.
pub(crate) fn check_version(conn: &Connection) -> Result<i64, StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version > 0 {
        let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app != APPLICATION_ID {
            return Err(StoreError::NotALibrary(format!(
                "its application id is {app:#x}, not ficshelf's"
            )));
        }
    }
    Ok(version)
}

/// Bring the database up to `migrations.len()`, each step inside one immediate transaction.
pub(crate) fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<(), StoreError> {
    let target = migrations.len() as i64;
    if check_version(conn)? == target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock: look again.
    let version = check_version(&tx)?;
    if version > target {
        return Err(StoreError::SchemaTooNew {
            found: version,
            supported: target,
        });
    }
    if version == 0 {
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::NotALibrary(
                "it holds tables but no ficshelf schema version".into(),
            ));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    for sql in &migrations[version as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn migrates_an_empty_database_to_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
        // Running again is a no-op, not an error ("table works already exists").
        migrate(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
    }

    #[test]
    fn later_migrations_apply_in_order_on_top_of_earlier_ones() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &[V1]).unwrap();
        conn.execute_batch("INSERT INTO changes (work_id, kind, at) VALUES (1, 'upsert', 0)")
            .unwrap();
        let v2 = "ALTER TABLE changes ADD COLUMN note TEXT; UPDATE changes SET note = 'v2';";
        migrate(&mut conn, &[V1, v2]).unwrap();
        assert_eq!(version(&conn), 2);
        let note: String = conn
            .query_row("SELECT note FROM changes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(note, "v2");
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &[V1]).unwrap();
        let broken = "CREATE TABLE extra (x); THIS IS NOT SQL;";
        assert!(migrate(&mut conn, &[V1, broken]).is_err());
        assert_eq!(version(&conn), 1);
        let extra: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'extra'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(extra, 0, "the half-applied migration was rolled back");
    }

    #[test]
    fn refuses_a_newer_schema_and_a_foreign_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn, MIGRATIONS).unwrap_err();
        assert!(
            matches!(err, StoreError::SchemaTooNew { found, .. } if found == SCHEMA_VERSION + 1)
        );

        let mut other = Connection::open_in_memory().unwrap();
        other
            .execute_batch("CREATE TABLE notes (body TEXT)")
            .unwrap();
        let err = migrate(&mut other, MIGRATIONS).unwrap_err();
        assert!(matches!(err, StoreError::NotALibrary(_)), "{err}");

        let mut versioned = Connection::open_in_memory().unwrap();
        versioned.pragma_update(None, "user_version", 1).unwrap();
        let err = migrate(&mut versioned, MIGRATIONS).unwrap_err();
        assert!(err.to_string().contains("application id"), "{err}");
    }
}
