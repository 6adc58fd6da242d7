//! The store's per-work API on real SQLite in a temporary directory: write, read back, refuse,
//! update with history, link sources, remove, find duplicates.

mod common;
#[path = "common/tree.rs"]
mod tree;

use ficshelf_model::Work;
use ficshelf_store::{ChangeKind, MatchReason, SourceRecord, Store, StoreError, TagKind, WorkId};

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
fn open_lays_out_the_library_in_wal_mode() {
    let (dir, store) = library();
    let lib = dir.path().join("lib");
    assert!(lib.join("library.sqlite3").is_file());
    assert!(lib.join("originals").is_dir());
    assert_eq!(store.index_dir(), lib.join("index"));
    let raw = rusqlite::Connection::open(lib.join("library.sqlite3")).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, ficshelf_store::SCHEMA_VERSION);
    let page: i64 = raw.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    assert_eq!(page, 16_384, "compressed chapters pack into 16 KB pages");
    drop(store);
    Store::open(&lib).unwrap();
}

#[test]
fn insert_then_read_back_whole_meta_and_single_chapters() {
    let (_dir, mut store) = library();
    let (work, bytes) = common::work(1, "The Storm", 3, 50);
    let id = add(&mut store, &work, &bytes);
    let stored = store.get(id).unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.work, work);
    assert_eq!(stored.added, stored.modified);

    let meta = store.get_meta(id).unwrap().unwrap();
    assert!(meta.work.chapters.is_empty());
    assert_eq!(meta.work.title, "The Storm");
    assert_eq!(meta.toc.len(), 3);
    assert_eq!(meta.toc[2].title.as_deref(), Some("Part 3"));
    assert_eq!(meta.toc[2].words, 50);

    assert_eq!(store.get_chapter(id, 1).unwrap().unwrap(), work.chapters[1]);
    assert_eq!(store.get_chapter(id, 3).unwrap(), None);
    assert_eq!(store.get_chapter(id, usize::MAX).unwrap(), None);
    assert_eq!(store.get(WorkId(999)).unwrap(), None);
    assert_eq!(store.get_meta(WorkId(999)).unwrap(), None);
    assert_eq!(store.read_original(&work.source.sha256).unwrap(), bytes);
    assert_eq!(
        store.find_by_source_sha(&work.source.sha256).unwrap(),
        Some(id)
    );
    let metas = store.get_metas(&[WorkId(999), id]).unwrap();
    assert_eq!(metas.len(), 1);
    assert_eq!(metas[0].id, id);
}

#[test]
fn inserts_are_refused_without_original_twice_or_with_a_wrong_sha() {
    let (_dir, mut store) = library();
    let (work, bytes) = common::work(2, "A", 1, 10);
    let err = store.insert(&work, &SourceRecord::of(&work)).unwrap_err();
    assert!(matches!(err, StoreError::MissingOriginal { .. }), "{err}");
    let id = add(&mut store, &work, &bytes);
    let err = store.insert(&work, &SourceRecord::of(&work)).unwrap_err();
    assert!(matches!(err, StoreError::DuplicateSource { existing } if existing == id));
    assert_eq!(
        err.to_string(),
        format!("this file is already in the library as work {id}")
    );

    let mut wrong = SourceRecord::of(&work);
    wrong.sha256 = store.put_original(b"other bytes").unwrap();
    assert!(matches!(
        store.insert(&work, &wrong),
        Err(StoreError::Invalid(_))
    ));
    let mut bad = SourceRecord::of(&work);
    bad.sha256 = "../../../../etc/passwd".into();
    assert!(matches!(
        store.insert(&work, &bad),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.find_by_source_sha("nope"),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.count().unwrap(), 1);
}

#[test]
fn update_keeps_the_old_version_as_history() {
    let (_dir, mut store) = library();
    let (old, old_bytes) = common::work(3, "Growing", 2, 40);
    let id = add(&mut store, &old, &old_bytes);
    let (mut new, new_bytes) = common::work(3, "Growing", 4, 40);
    new.tags = vec!["Fluff".into()];
    store.put_original(&new_bytes).unwrap();
    store.update(id, &new, &SourceRecord::of(&new)).unwrap();

    assert_eq!(store.get(id).unwrap().unwrap().work, new);
    let history = store.history(id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].work, old);
    assert_eq!(history[0].source_sha256, old.source.sha256);
    let sources: Vec<String> = store
        .sources(id)
        .unwrap()
        .into_iter()
        .map(|s| s.record.sha256)
        .collect();
    assert_eq!(sources.len(), 2);
    assert!(sources.contains(&old.source.sha256) && sources.contains(&new.source.sha256));
    // Both files now lead to this work.
    assert_eq!(
        store.find_by_source_sha(&old.source.sha256).unwrap(),
        Some(id)
    );
    let freeform: Vec<String> = store
        .tag_counts()
        .unwrap()
        .into_iter()
        .filter(|t| t.kind == TagKind::Freeform)
        .map(|t| t.name)
        .collect();
    assert_eq!(
        freeform,
        ["Fluff"],
        "the old version's tags are gone from the tag table"
    );
    let kinds: Vec<ChangeKind> = store
        .changes_since(0, 10)
        .unwrap()
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(kinds, [ChangeKind::Upsert, ChangeKind::Upsert]);

    assert!(matches!(
        store.update(WorkId(77), &new, &SourceRecord::of(&new)),
        Err(StoreError::NoSuchWork(WorkId(77)))
    ));
}

#[test]
fn a_failed_step_inside_a_transaction_leaves_nothing_half_written() {
    let (_dir, mut store) = library();
    let (a, a_bytes) = common::work(4, "A", 2, 10);
    let (b, b_bytes) = common::work(5, "B", 2, 10);
    let a_id = add(&mut store, &a, &a_bytes);
    let b_id = add(&mut store, &b, &b_bytes);
    let (c, c_bytes) = common::work(6, "C", 1, 10);
    store.put_original(&c_bytes).unwrap();
    let prepared_b = ficshelf_store::PreparedWork::new(&b).unwrap();
    let prepared_c = ficshelf_store::PreparedWork::new(&c).unwrap();

    // Updating A with B's source fails (those bytes are B's); the caller carries on.
    let c_id = store
        .transaction(|tx| {
            let err = tx
                .update(a_id, &prepared_b, &SourceRecord::of(&b))
                .unwrap_err();
            assert!(matches!(err, StoreError::DuplicateSource { existing } if existing == b_id));
            tx.insert(&prepared_c, &SourceRecord::of(&c))
        })
        .unwrap();
    assert_eq!(
        store.history(a_id).unwrap(),
        [],
        "no history row from the failed update"
    );
    assert_eq!(store.get(a_id).unwrap().unwrap().work, a);
    assert!(store.contains(c_id).unwrap());

    // An error returned from the closure rolls the whole transaction back.
    let (d, d_bytes) = common::work(7, "D", 1, 10);
    store.put_original(&d_bytes).unwrap();
    let prepared_d = ficshelf_store::PreparedWork::new(&d).unwrap();
    let result: Result<(), StoreError> = store.transaction(|tx| {
        tx.insert(&prepared_d, &SourceRecord::of(&d))?;
        Err(StoreError::Invalid("changed my mind".into()))
    });
    assert!(result.is_err());
    assert_eq!(store.find_by_source_sha(&d.source.sha256).unwrap(), None);
    assert_eq!(store.count().unwrap(), 3);
}

#[test]
fn add_source_links_another_copy_without_changing_the_work() {
    let (_dir, mut store) = library();
    let (work, bytes) = common::work(8, "Same", 1, 30);
    let id = add(&mut store, &work, &bytes);
    let other_sha = store
        .put_original(b"the same story as an html file")
        .unwrap();
    let other = SourceRecord {
        sha256: other_sha.clone(),
        path: "same.html".into(),
        bytes: 30,
        format: ficshelf_model::Format::Html,
    };
    let seq = store.last_change_seq().unwrap();
    store.add_source(id, &other).unwrap();
    store.add_source(id, &other).unwrap();
    assert_eq!(store.find_by_source_sha(&other_sha).unwrap(), Some(id));
    assert_eq!(store.get(id).unwrap().unwrap().work, work);
    assert_eq!(
        store.last_change_seq().unwrap(),
        seq,
        "the index has nothing to do"
    );
    assert_eq!(store.sources(id).unwrap().len(), 2);
}

#[test]
fn remove_deletes_rows_and_originals_and_never_reuses_the_id() {
    let (dir, mut store) = library();
    let (a, a_bytes) = common::work(9, "A", 1, 10);
    let (b, b_bytes) = common::work(10, "B", 1, 10);
    let a_id = add(&mut store, &a, &a_bytes);
    let b_id = add(&mut store, &b, &b_bytes);
    assert!(store.remove(b_id).unwrap());
    assert!(!store.remove(b_id).unwrap());
    assert_eq!(store.get(b_id).unwrap(), None);
    assert!(!store.has_original(&b.source.sha256));
    assert!(store.has_original(&a.source.sha256));
    assert_eq!(store.list_ids().unwrap(), [a_id]);
    let last = store.changes_since(0, 100).unwrap().pop().unwrap();
    assert_eq!((last.work, last.kind), (b_id, ChangeKind::Remove));
    let tags: u64 = store.tag_counts().unwrap().iter().map(|t| t.works).sum();
    assert_eq!(tags, 9, "only A's 9 tags remain");
    // Importing B again gives a new id: B's old id was the largest, and it is not reused.
    let again = add(&mut store, &b, &b_bytes);
    assert!(again > b_id);
    assert!(store.check().unwrap().is_empty());
    drop(dir);
}

/// The race behind a benchmark's "original … is not in the library": an import keeps its
/// original before it takes the write lock, so it can `put` the bytes of a work that another
/// connection is removing — after the removal committed (no row names them, so the import
/// parses them), before the removal deletes the now unnamed original. The import must still
/// be able to insert.
#[test]
fn an_import_keeping_the_same_bytes_while_a_removal_commits_still_inserts() {
    let (_dir, mut store) = library();
    let (w, bytes) = common::work(21, "Taken Back", 1, 10);
    let id = add(&mut store, &w, &bytes);
    let importer = store.try_clone().unwrap();
    let removed = store
        .transaction(|tx| {
            let removed = tx.remove(id)?;
            // The importer's worker: these bytes are no source (once this commits), keep them.
            importer.put_original(&bytes)?;
            Ok(removed)
        })
        .unwrap();
    assert!(removed);
    assert!(
        store.has_original(&w.source.sha256),
        "an original touched since the removal began is the importer's to claim"
    );
    let mut importer = importer;
    let again = importer.insert(&w, &SourceRecord::of(&w)).unwrap();
    assert!(again > id);
    assert!(store.check().unwrap().is_empty());
    // Without an importer, a removal still deletes its original.
    assert!(store.remove(again).unwrap());
    assert!(!store.has_original(&w.source.sha256));
}

#[test]
fn candidates_by_url_and_by_title_and_authors() {
    let (_dir, mut store) = library();
    let (mut a, a_bytes) = common::work(14, "The Storm", 2, 50);
    a.source.url = Some("https://archiveofourown.org/works/5/chapters/9".into());
    let a_id = add(&mut store, &a, &a_bytes);
    let (other, other_bytes) = common::work(21, "Another Title", 1, 10);
    add(&mut store, &other, &other_bytes);

    let (mut by_url, _) = common::work(99, "Renamed Later", 3, 50);
    by_url.source.url = Some("http://www.archiveofourown.org/works/5".into());
    let found = store.find_candidates(&by_url).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].id, found[0].reason),
        (a_id, MatchReason::SourceUrl)
    );
    assert_eq!(found[0].work, a);

    // Same title and author (seed 14 and 7 give "Author 0"), spelled differently.
    let (mut by_title, _) = common::work(7, "the storm!", 1, 50);
    by_title.authors = vec![ficshelf_model::Author::named("AUTHOR 0")];
    let found = store.find_candidates(&by_title).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].reason, MatchReason::TitleAndAuthors);
    assert!(
        found[0]
            .fingerprint
            .similarity(&ficshelf_store::Fingerprint::of(&a))
            > 0.99
    );

    let (nobody, _) = common::work(15, "The Storm", 1, 50); // "Author 1"
    assert!(store.find_candidates(&nobody).unwrap().is_empty());
}

#[test]
fn a_second_connection_sees_committed_works() {
    let (_dir, mut store) = library();
    let other = store.try_clone().unwrap();
    let (w, bytes) = common::work(30, "Shared", 1, 10);
    let id = add(&mut store, &w, &bytes);
    assert_eq!(other.get(id).unwrap().unwrap().work, w);
}

#[test]
fn originals_are_kept_from_many_threads_and_rows_from_one() {
    let (_dir, mut store) = library();
    let works: Vec<(Work, Vec<u8>)> = (0..40)
        .map(|s| common::work(s, &format!("P{s}"), 1, 30))
        .collect();
    std::thread::scope(|scope| {
        for k in 0..4 {
            let originals = store.originals().clone();
            let works = &works;
            scope.spawn(move || {
                for (w, bytes) in works.iter().skip(k).step_by(4) {
                    assert_eq!(originals.put(bytes).unwrap(), w.source.sha256);
                }
            });
        }
    });
    for (w, _) in &works {
        store.insert(w, &SourceRecord::of(w)).unwrap();
    }
    assert_eq!(store.count().unwrap(), 40);
    assert_eq!(store.check().unwrap(), []);
}

#[test]
fn a_read_only_store_reads_everything_and_writes_nothing() {
    let (dir, mut store) = library();
    let lib = dir.path().join("lib");
    let (work, bytes) = common::work(7, "Read Only", 2, 40);
    let id = add(&mut store, &work, &bytes);
    let (other, other_bytes) = common::work(8, "Another", 1, 30);
    store.put_original(&other_bytes).unwrap();
    drop(store);
    // Closed cleanly: no write-ahead log left, so the database is opened immutable.
    assert!(!lib.join("library.sqlite3-wal").exists());
    let before = tree::snapshot(&lib);

    let mut ro = Store::open_read_only(&lib).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.get(id).unwrap().unwrap().work, work);
    assert_eq!(ro.read_original(&work.source.sha256).unwrap(), bytes);
    assert_eq!(ro.count().unwrap(), 1);
    let clone = ro.try_clone().unwrap();
    assert!(clone.is_read_only());
    assert_eq!(clone.list_ids().unwrap(), vec![id]);
    // Writes fail, whole: nothing half done.
    assert!(ro.insert(&other, &SourceRecord::of(&other)).is_err());
    assert!(ro.remove(id).is_err());
    drop((ro, clone));
    assert_eq!(
        tree::snapshot(&lib),
        before,
        "a read-only open wrote something"
    );
}

#[test]
fn a_read_only_store_sees_commits_still_in_the_write_ahead_log() {
    let (dir, mut writer) = library();
    let lib = dir.path().join("lib");
    let (work, bytes) = common::work(9, "In The Log", 1, 30);
    // The writer stays open, as a killed process would leave it: its commit is in the log.
    let id = add(&mut writer, &work, &bytes);
    assert!(
        std::fs::metadata(lib.join("library.sqlite3-wal")).is_ok_and(|m| m.len() > 0),
        "the commit should still be in the log"
    );
    let ro = Store::open_read_only(&lib).unwrap();
    assert_eq!(ro.get(id).unwrap().unwrap().work, work);
}

#[test]
fn a_read_only_store_refuses_what_it_cannot_open_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Store::open_read_only(dir.path()),
        Err(StoreError::NotALibrary(_))
    ));
    // A database never set up (schema 0) is not a library yet, and cannot become one here.
    let lib = dir.path().join("empty");
    std::fs::create_dir_all(&lib).unwrap();
    let conn = rusqlite::Connection::open(lib.join("library.sqlite3")).unwrap();
    conn.execute_batch("CREATE TABLE t (x)").unwrap();
    drop(conn);
    assert!(matches!(
        Store::open_read_only(&lib),
        Err(StoreError::NotALibrary(_))
    ));
}

#[test]
fn a_read_only_store_opens_any_folder_name_and_refuses_garbage() {
    // The immutable open goes through an SQLite URI: `?`, `#` and `%` in the path must not be
    // read as its query, fragment or escapes.
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("odd ?name#100%");
    let mut store = Store::open(&lib).unwrap();
    let (work, bytes) = common::work(11, "Odd Folder", 1, 20);
    let id = add(&mut store, &work, &bytes);
    drop(store);
    let ro = Store::open_read_only(&lib).unwrap();
    assert_eq!(ro.get(id).unwrap().unwrap().work, work);
    // A file that is not SQLite: the same plain refusal as a writable open, nothing written.
    let junk = dir.path().join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    std::fs::write(junk.join("library.sqlite3"), vec![0xA5; 8192]).unwrap();
    assert!(matches!(
        Store::open_read_only(&junk),
        Err(StoreError::NotALibrary(_))
    ));
    assert_eq!(std::fs::read_dir(&junk).unwrap().count(), 1);
}
