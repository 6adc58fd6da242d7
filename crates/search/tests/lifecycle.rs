//! The index over time: updates, removals, commits and their payload, reopening, rebuilding,
//! a second writer, and damaged or foreign directories.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{ids, library, set};
use ficshelf_model::Work;
use ficshelf_search::{Index, IndexOptions, Query, SearchError, Sort};

fn words(w: &str) -> Query {
    Query {
        words: w.into(),
        ..Query::default()
    }
}

/// A few queries whose answers characterize an index completely enough to compare two.
fn fingerprint(index: &Index) -> Vec<String> {
    let queries = [
        Query::default(),
        Query {
            sort: Sort::Title,
            ..Query::default()
        },
        Query {
            sort: Sort::Words,
            ..Query::default()
        },
        words("spike"),
        words("magic OR shiny"),
        Query {
            fandoms: vec!["buffy the vampire slayer".into()],
            ..Query::default()
        },
    ];
    let mut out: Vec<String> = queries
        .iter()
        .map(|q| {
            let r = index.search(q).unwrap();
            format!(
                "{} {:?}",
                r.total,
                r.hits
                    .iter()
                    .map(|h| (h.id, h.score.to_bits()))
                    .collect::<Vec<_>>()
            )
        })
        .collect();
    out.push(format!(
        "{:?}",
        index.facets(&Query::default(), 50).unwrap()
    ));
    out.push(format!("{:?}", index.ids().unwrap()));
    out
}

#[test]
fn updates_replace_and_removes_remove() {
    let (_d, index) = common::indexed();
    assert_eq!(index.doc_count(), 6);
    let mut renamed = library().remove(2).1;
    renamed.title = "Serenity".into();
    index.index_work(3, &renamed).unwrap();
    index.remove(4).unwrap();
    index.remove(404).unwrap();
    // Not visible before the commit.
    assert_eq!(set(&index, &words("serenity")), Vec::<u64>::new());
    index.commit(9).unwrap();
    assert_eq!(set(&index, &words("serenity")), [3]);
    assert_eq!(
        set(&index, &words("shiny")),
        Vec::<u64>::new(),
        "the old version is gone"
    );
    assert_eq!(index.doc_count(), 5);
    assert_eq!(index.ids().unwrap(), [1, 2, 3, 5, 6]);
}

#[test]
fn commits_record_the_store_sequence_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    {
        let index = Index::open_or_create(&path).unwrap();
        assert_eq!(
            index.applied_seq().unwrap(),
            None,
            "never committed: rebuild"
        );
        for (id, w) in library() {
            index.index_work(id, &w).unwrap();
        }
        index.commit(41).unwrap();
        assert_eq!(index.applied_seq().unwrap(), Some(41));
        // Written but never committed, as when the process is killed.
        index.remove(1).unwrap();
        index.index_work(7, &library()[0].1).unwrap();
    }
    let index = Index::open_or_create(&path).unwrap();
    assert_eq!(index.applied_seq().unwrap(), Some(41));
    assert_eq!(index.ids().unwrap(), [1, 2, 3, 4, 5, 6]);
    assert_eq!(set(&index, &words("magic")), [1, 2]);
}

#[test]
fn rebuild_equals_incremental_indexing() {
    let dir = tempfile::tempdir().unwrap();
    let incremental = Index::open_or_create(&dir.path().join("a")).unwrap();
    // Incremental: in several commits, with an update and a removal on the way.
    let works = library();
    for (id, w) in &works[..3] {
        incremental.index_work(*id, w).unwrap();
    }
    incremental.commit(3).unwrap();
    let mut draft = works[3].1.clone();
    draft.title = "draft".into();
    incremental.index_work(4, &draft).unwrap();
    incremental.index_work(99, &works[0].1).unwrap();
    incremental.commit(5).unwrap();
    for (id, w) in &works[3..] {
        incremental.index_work(*id, w).unwrap();
    }
    incremental.remove(99).unwrap();
    incremental.commit(9).unwrap();

    let rebuilt = Index::open_or_create(&dir.path().join("b")).unwrap();
    rebuilt.index_work(50, &works[1].1).unwrap();
    rebuilt.commit(1).unwrap();
    let n = rebuilt
        .rebuild(works.clone().into_iter().map(Ok::<(u64, Work), String>), 9)
        .unwrap();
    assert_eq!(n, 6);
    assert_eq!(rebuilt.applied_seq().unwrap(), Some(9));
    assert_eq!(fingerprint(&rebuilt), fingerprint(&incremental));
}

#[test]
fn a_failed_rebuild_keeps_the_old_index() {
    let (_d, index) = common::indexed();
    let before = fingerprint(&index);
    let works = library()
        .into_iter()
        .map(Ok)
        .take(2)
        .chain([Err("the store is damaged")]);
    let err = index.rebuild(works, 100).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rebuilding the search index stopped: the store is damaged"
    );
    assert_eq!(fingerprint(&index), before);
    assert_eq!(index.applied_seq().unwrap(), Some(6));
}

#[test]
fn one_writer_at_a_time() {
    let (dir, first) = common::indexed();
    let second = Index::open_or_create(&dir.path().join("index")).unwrap();
    first.index_work(10, &library()[0].1).unwrap();
    let err = second.index_work(11, &library()[1].1).unwrap_err();
    assert!(matches!(err, SearchError::WriterBusy), "{err}");
    // Reading is never refused.
    assert_eq!(second.search(&Query::default()).unwrap().total, 6);
    first.commit(7).unwrap();
    first.release_writer().unwrap();
    second.index_work(11, &library()[1].1).unwrap();
    second.commit(8).unwrap();
    first.reload().unwrap();
    assert_eq!(
        ids(
            &first,
            &Query {
                limit: 100,
                ..Query::default()
            }
        )
        .len(),
        8
    );
    assert_eq!(first.applied_seq().unwrap(), Some(8));
}

/// The segment files of an index, largest first.
fn segment_files(path: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = fs::read_dir(path)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().len() > 33)
        .map(|p| (fs::metadata(&p).unwrap().len(), p))
        .collect();
    files.sort();
    files.reverse();
    files.into_iter().map(|(_, p)| p).collect()
}

/// Something done to an index directory.
type Damage = dyn Fn(&Path);

fn damaged_index(damage: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let (dir, index) = common::indexed();
    drop(index);
    // Damage a copy: files this process has mapped into memory must not shrink under it (a
    // shrunk mapping is SIGBUS, which no code can catch), and the dropped index's background
    // threads may still hold them for a moment.
    let path = dir.path().join("copy");
    fs::create_dir_all(&path).unwrap();
    for entry in fs::read_dir(dir.path().join("index")).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_name().to_string_lossy().ends_with(".lock") {
            fs::copy(entry.path(), path.join(entry.file_name())).unwrap();
        }
    }
    damage(&path);
    (dir, path)
}

#[test]
fn damaged_indexes_are_refused_at_open_and_can_be_recreated() {
    let truncate = |p: &Path| {
        for f in segment_files(p) {
            let len = fs::metadata(&f).unwrap().len();
            fs::OpenOptions::new()
                .write(true)
                .open(&f)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }
    };
    let garble = |p: &Path| {
        for f in segment_files(p) {
            let len = fs::metadata(&f).unwrap().len() as usize;
            fs::write(&f, vec![0xA5; len]).unwrap();
        }
    };
    let garble_meta = |p: &Path| fs::write(p.join("meta.json"), b"{ not json").unwrap();
    let lose_meta = |p: &Path| fs::remove_file(p.join("meta.json")).unwrap();
    let lose_segment = |p: &Path| fs::remove_file(&segment_files(p)[0]).unwrap();
    let cases: [(&str, &Damage); 5] = [
        ("truncated", &truncate),
        ("garbled", &garble),
        ("garbled meta.json", &garble_meta),
        ("no meta.json", &lose_meta),
        ("a missing segment file", &lose_segment),
    ];
    for (what, damage) in cases {
        let (_dir, path) = damaged_index(damage);
        match Index::open_or_create(&path) {
            Err(SearchError::Damaged(reason)) => {
                let shown = SearchError::Damaged(reason).to_string();
                assert!(
                    shown.starts_with("the search index is damaged"),
                    "{what}: {shown}"
                );
                assert!(
                    !shown.contains(path.to_str().unwrap()),
                    "{what}: no path in {shown}"
                );
            }
            other => panic!(
                "{what}: expected Damaged, got {:?}",
                other.map(|_| "an index")
            ),
        }
        let fresh = Index::recreate(&path, IndexOptions::default()).unwrap();
        assert_eq!(fresh.doc_count(), 0, "{what}");
        assert_eq!(fresh.applied_seq().unwrap(), None);
        fresh
            .rebuild(library().into_iter().map(Ok::<_, String>), 6)
            .unwrap();
        assert_eq!(set(&fresh, &words("magic")), [1, 2], "{what}");
    }
}

/// Overwrite bytes in place: the file keeps its length (never shrinks under a mapping).
fn overwrite(file: &Path, at: u64, bytes: &[u8]) {
    use std::os::unix::fs::FileExt;
    fs::OpenOptions::new()
        .write(true)
        .open(file)
        .unwrap()
        .write_all_at(bytes, at)
        .unwrap();
}

#[test]
fn verify_finds_damage_that_open_cannot_see() {
    let (_dir, path) = damaged_index(|_| {});
    let index = Index::open_or_create(&path).unwrap();
    assert_eq!(index.verify().unwrap(), Vec::<String>::new());
    drop(index);
    for target in segment_files(&path) {
        // Flip bytes in the middle of one file: its footer is intact, its checksum is not.
        let original = fs::read(&target).unwrap();
        let mid = original.len() / 2;
        let at = mid.saturating_sub(4);
        let flipped: Vec<u8> = original[at..(mid + 4).min(original.len())]
            .iter()
            .map(|b| b ^ 0xFF)
            .collect();
        overwrite(&target, at as u64, &flipped);
        match Index::open_or_create(&path) {
            Ok(index) => {
                let damaged = index.verify().unwrap();
                assert_eq!(damaged.len(), 1, "{damaged:?}");
                assert!(target.ends_with(&damaged[0]), "{damaged:?} vs {target:?}");
                // Searching a damaged index may give wrong answers or errors, but it returns.
                let queries = [
                    Query::default(),
                    words("magic"),
                    words("\"the storm\""),
                    Query {
                        sort: Sort::Title,
                        ..Query::default()
                    },
                ];
                for q in queries {
                    let _ = index.search(&q);
                    let _ = index.facets(&q, 10);
                }
            }
            Err(e) => assert!(matches!(e, SearchError::Damaged(_)), "{target:?}: {e}"),
        }
        overwrite(
            &target,
            at as u64,
            &original[at..(mid + 4).min(original.len())],
        );
    }
}

#[test]
fn an_index_of_another_schema_is_outdated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    fs::create_dir_all(&path).unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("title", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&path, schema.build()).unwrap();
    assert!(matches!(
        Index::open_or_create(&path),
        Err(SearchError::Outdated)
    ));
    let fresh = Index::recreate(&path, IndexOptions::default()).unwrap();
    assert_eq!(fresh.doc_count(), 0);
}
