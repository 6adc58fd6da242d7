//! The store's whole-library answers and upkeep: stats, tags, iteration, the change log, `check`,
//! garbage collection, and the databases it refuses to open.

mod common;

use std::fs;
use std::time::Duration;

use ficshelf_model::Work;
use ficshelf_store::{ChangeKind, Problem, SourceRecord, Store, StoreError, TagKind, WorkId};

fn library() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("lib")).unwrap();
    (dir, store)
}

/// Store the original and insert the work.
fn add(store: &mut Store, work: &Work, bytes: &[u8]) -> WorkId {
    assert_eq!(store.put_original(bytes).unwrap(), work.source.sha256);
    store.insert(work, &SourceRecord::of(work)).unwrap()
}

#[test]
fn stats_and_tag_counts_are_exact() {
    let (_dir, mut store) = library();
    // Seeds 0, 5, 10: ratings General, General, General; fandoms Buffy, Firefly, Angel.
    for seed in [0, 5, 10] {
        let (w, bytes) = common::work(seed, &format!("W{seed}"), seed as usize / 5 + 1, 100);
        add(&mut store, &w, &bytes);
    }
    let s = store.stats().unwrap();
    assert_eq!(
        (s.works, s.chapters, s.words, s.sources, s.history),
        (3, 6, 600, 3, 0)
    );
    assert_eq!(s.by_format, [("txt".to_string(), 3)]);
    assert_eq!(s.by_rating, [("General Audiences".to_string(), 3)]);
    assert_eq!(
        s.by_status,
        [("complete".to_string(), 2), ("in-progress".to_string(), 1)]
    );
    assert_eq!(s.by_language, [(Some("en".to_string()), 3)]);

    let tags = store.tag_counts().unwrap();
    let row = |kind: TagKind, name: &str| {
        tags.iter()
            .find(|t| t.kind == kind && t.name == name)
            .map(|t| t.works)
    };
    assert_eq!(row(TagKind::Fandom, "Buffy the Vampire Slayer"), Some(1));
    assert_eq!(row(TagKind::Fandom, "Angel"), Some(1));
    assert_eq!(row(TagKind::Relationship, "Spike/Willow"), Some(3));
    assert_eq!(row(TagKind::Freeform, "Tag 0"), Some(3));
    assert_eq!(row(TagKind::Freeform, "Angst"), Some(3));
    assert_eq!(row(TagKind::Rating, "General Audiences"), Some(3));
    assert_eq!(row(TagKind::Warning, "No Archive Warnings Apply"), Some(3));
    assert_eq!(row(TagKind::Category, "F/M"), Some(3));
    assert_eq!(
        tags.len(),
        11,
        "3 fandoms, 1 relationship, 2 characters, 2 freeform, 3 others"
    );
    assert!(
        tags.windows(2).all(|w| w[0].kind <= w[1].kind),
        "grouped by kind"
    );
}

#[test]
fn iteration_and_the_change_log_cover_every_work() {
    let (_dir, mut store) = library();
    let mut ids = Vec::new();
    for seed in 0..1100 {
        let (w, bytes) = common::work(seed, &format!("W{seed}"), 1, 5);
        ids.push(add(&mut store, &w, &bytes));
    }
    store.remove(ids[600]).unwrap();
    let seen: Vec<WorkId> = store.iter_works().map(|w| w.unwrap().id).collect();
    let mut expected = ids.clone();
    expected.remove(600);
    assert_eq!(
        seen, expected,
        "pages of 512 ids, in order, the removed one skipped"
    );
    assert_eq!(store.list_ids().unwrap(), expected);

    assert_eq!(store.last_change_seq().unwrap(), 1101);
    let page = store.changes_since(1000, 50).unwrap();
    assert_eq!(page.len(), 50);
    assert_eq!(page[0].seq, 1001);
    let tail = store.changes_since(1099, 50).unwrap();
    assert_eq!(tail.len(), 2);
    assert_eq!((tail[1].work, tail[1].kind), (ids[600], ChangeKind::Remove));
}

#[test]
fn check_finds_every_kind_of_damage_and_garbage_is_collected() {
    let (dir, mut store) = library();
    let mut ids = Vec::new();
    let mut works = Vec::new();
    for seed in 0..4 {
        let (w, bytes) = common::work(seed, &format!("W{seed}"), 2, 20);
        ids.push(add(&mut store, &w, &bytes));
        works.push(w);
    }
    assert_eq!(store.check().unwrap(), []);
    let orphan = store
        .put_original(b"imported, but the row never committed")
        .unwrap();

    let db = rusqlite::Connection::open(dir.path().join("lib/library.sqlite3")).unwrap();
    db.execute(
        "UPDATE works SET meta = x'00112233' WHERE id = ?1",
        [ids[0].0 as i64],
    )
    .unwrap();
    db.execute(
        "DELETE FROM tags WHERE work_id = ?1 AND kind = 'fandom'",
        [ids[1].0 as i64],
    )
    .unwrap();
    db.execute(
        "UPDATE works SET words = 1 WHERE id = ?1",
        [ids[2].0 as i64],
    )
    .unwrap();
    drop(db);
    let lib = dir.path().join("lib/originals");
    let sha3 = &works[3].source.sha256;
    fs::remove_file(lib.join(&sha3[..2]).join(format!("{sha3}.zst"))).unwrap();

    let problems = store.check().unwrap();
    let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 5, "{text:#?}");
    assert!(
        text[0].starts_with(&format!("work {}: metadata: cannot decompress", ids[0])),
        "{text:#?}"
    );
    assert_eq!(
        text[1],
        format!("work {}: its tag rows disagree with its JSON", ids[1])
    );
    assert_eq!(
        text[2],
        format!("work {}: its columns disagree with its JSON", ids[2])
    );
    assert_eq!(
        text[3],
        format!("original {sha3} of work {}: missing", ids[3])
    );
    assert_eq!(
        problems[4],
        Problem::Orphan {
            sha256: orphan.clone()
        }
    );
    assert!(problems[4].is_harmless() && !problems[0].is_harmless());
    assert!(matches!(store.get(ids[0]), Err(StoreError::Damaged { .. })));

    // A young orphan may be an import in progress: left alone until it is old enough.
    assert_eq!(
        store
            .collect_garbage(ficshelf_store::GARBAGE_MIN_AGE)
            .unwrap()
            .originals,
        0
    );
    let swept = store.collect_garbage(Duration::ZERO).unwrap();
    assert_eq!(swept.originals, 1);
    assert!(!store.has_original(&orphan));
    assert!(
        store.has_original(&works[1].source.sha256),
        "named originals are kept"
    );
}

#[test]
fn newer_foreign_and_garbage_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer");
    fs::create_dir_all(&newer).unwrap();
    {
        let db = rusqlite::Connection::open(newer.join("library.sqlite3")).unwrap();
        db.execute_batch("PRAGMA application_id = 1718183795; PRAGMA user_version = 99; CREATE TABLE future (x);")
            .unwrap();
    }
    let before = fs::read(newer.join("library.sqlite3")).unwrap();
    let err = Store::open(&newer).err().unwrap();
    assert!(
        matches!(
            err,
            StoreError::SchemaTooNew {
                found: 99,
                supported: 1
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "the library database has schema version 99, newer than this ficshelf knows (1); \
         upgrade ficshelf to open it"
    );
    assert_eq!(
        fs::read(newer.join("library.sqlite3")).unwrap(),
        before,
        "not modified"
    );

    let garbage = dir.path().join("garbage");
    fs::create_dir_all(&garbage).unwrap();
    fs::write(garbage.join("library.sqlite3"), vec![0x5a; 8192]).unwrap();
    let err = Store::open(&garbage).err().unwrap();
    assert_eq!(
        err.to_string(),
        "not a ficshelf library database: the file is not an SQLite database"
    );

    let foreign = dir.path().join("foreign");
    fs::create_dir_all(&foreign).unwrap();
    rusqlite::Connection::open(foreign.join("library.sqlite3"))
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT)")
        .unwrap();
    assert!(matches!(
        Store::open(&foreign),
        Err(StoreError::NotALibrary(_))
    ));
}

#[test]
fn check_reads_older_versions_too() {
    let (dir, mut store) = library();
    let (old, old_bytes) = common::work(50, "Versions", 2, 20);
    let id = add(&mut store, &old, &old_bytes);
    let (new, new_bytes) = common::work(50, "Versions", 3, 20);
    store.put_original(&new_bytes).unwrap();
    store.update(id, &new, &SourceRecord::of(&new)).unwrap();
    assert_eq!(store.check().unwrap(), []);
    let db = rusqlite::Connection::open(dir.path().join("lib/library.sqlite3")).unwrap();
    db.execute(
        "UPDATE history_chapters SET body = x'28b52ffd' WHERE idx = 1",
        [],
    )
    .unwrap();
    drop(db);
    let problems: Vec<String> = store
        .check()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(&format!(
            "work {id}: an older version's chapter 1: cannot decompress"
        )),
        "{problems:#?}"
    );
    assert_eq!(
        store.get(id).unwrap().unwrap().work,
        new,
        "the current version is intact"
    );
}
