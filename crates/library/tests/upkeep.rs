//! The facade's reading and upkeep: search pages and facets, chapters, export, remove, and
//! check / reindex / repair of the search index.

mod common;
#[path = "../../store/tests/common/tree.rs"]
mod tree;

use common::{import, new_library, work, write};
use ficshelf_library::{ExportFormat, FileOutcome, Library, LibraryError, Query, WorkId};
use ficshelf_model::{Ao3Rating, Author};

/// A library of `n` generated works written as html; their ids in file order.
fn library_of(n: u64) -> (tempfile::TempDir, Library, Vec<WorkId>) {
    let (dir, library) = new_library();
    let files = dir.path().join("files");
    for seed in 0..n {
        let mut w = work(500 + seed, 400, 1 + (seed % 3) as usize);
        w.title = format!("Harbour Lights {seed:02}");
        w.authors = vec![Author::named(if seed % 2 == 0 { "Wren" } else { "Tern" })];
        w.rating.ao3 = if seed % 4 == 0 {
            Ao3Rating::Explicit
        } else {
            Ao3Rating::General
        };
        write(&w, &files, &format!("w{seed:02}"), ExportFormat::Html);
    }
    let report = import(&library, &[files]);
    let ids = report
        .files
        .iter()
        .map(|f| match f.outcome {
            FileOutcome::Imported(id) => id,
            ref o => panic!("{o:?}"),
        })
        .collect();
    (dir, library, ids)
}

#[test]
fn search_pages_facets_and_summaries() {
    let (_dir, library, ids) = library_of(12);
    let mut q = Query {
        limit: 5,
        ..Query::default()
    };
    let page = library.search(&q).unwrap();
    assert_eq!(page.total, 12);
    assert_eq!(page.hits.len(), 5);
    q.offset = 10;
    assert_eq!(library.search(&q).unwrap().hits.len(), 2);

    let mut q = Query {
        authors: vec!["wren".into()],
        ..Query::default()
    };
    q.ratings = vec![Ao3Rating::Explicit];
    q.limit = 100;
    let page = library.search(&q).unwrap();
    // Seeds 0, 4, 8: even (Wren) and a multiple of four (Explicit).
    let mut got: Vec<WorkId> = page.hits.iter().map(|h| h.id).collect();
    got.sort();
    assert_eq!(got, vec![ids[0], ids[4], ids[8]]);
    assert!(page.hits.iter().all(|h| h.authors == ["Wren"]));

    let facets = library.facets(&Query::default(), 10).unwrap();
    let explicit = facets
        .ratings
        .iter()
        .find(|f| f.name == "Explicit")
        .unwrap();
    assert_eq!(explicit.count, 3);
    let general = facets
        .ratings
        .iter()
        .find(|f| f.name == "General Audiences")
        .unwrap();
    assert_eq!(general.count, 9);

    let (page, facets) = library.search_with_facets(&q, 10).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(facets.ratings.len(), 1);
}

#[test]
fn chapters_count_from_one() {
    let (_dir, library, ids) = library_of(3);
    // Seed 2 has three chapters.
    let id = ids[2];
    let meta = library.meta(id).unwrap();
    assert_eq!(meta.toc.len(), 3);
    let whole = library.get(id).unwrap().work;
    assert_eq!(library.chapter(id, 1).unwrap(), whole.chapters[0]);
    assert_eq!(library.chapter(id, 3).unwrap(), whole.chapters[2]);
    for n in [0, 4] {
        let err = library.chapter(id, n).unwrap_err();
        assert!(
            matches!(err, LibraryError::NoSuchChapter { chapters: 3, .. }),
            "{err}"
        );
    }
    assert!(matches!(
        library.chapter(WorkId(999), 1),
        Err(LibraryError::NoSuchWork(_))
    ));
}

#[test]
fn export_names_files_safely_and_never_overwrites() {
    let (dir, library, ids) = library_of(2);
    let out = dir.path().join("out");
    let first = library
        .export(&[ids[0], WorkId(999)], &out, ExportFormat::Epub)
        .unwrap();
    let path = first[0].result.as_ref().unwrap().clone();
    assert_eq!(
        path.file_name().unwrap().to_string_lossy(),
        "Harbour Lights 00 - Wren.epub"
    );
    assert!(matches!(first[1].result, Err(LibraryError::NoSuchWork(_))));
    let before = std::fs::read(&path).unwrap();
    let second = library.export(&[ids[0]], &out, ExportFormat::Epub).unwrap();
    let again = second[0].result.as_ref().unwrap();
    assert_eq!(
        again.file_name().unwrap().to_string_lossy(),
        "Harbour Lights 00 - Wren (2).epub"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Every format reads back to the same title (JSON is the Work itself).
    for format in ExportFormat::ALL {
        let r = library.export(&[ids[1]], &out, *format).unwrap();
        let p = r[0].result.as_ref().unwrap();
        assert_eq!(p.extension().unwrap(), format.extension());
        let back: ficshelf_model::Work = if *format == ExportFormat::Json {
            serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
        } else {
            ficshelf_ingest::read_path(p, &Default::default()).unwrap()
        };
        assert_eq!(back.title, "Harbour Lights 01", "{format}");
    }
}

#[test]
fn remove_takes_works_out_of_store_and_index() {
    let (_dir, library, ids) = library_of(4);
    let removed = library.remove(&[ids[1], WorkId(999)]).unwrap();
    assert_eq!(removed, vec![(ids[1], true), (WorkId(999), false)]);
    assert_eq!(library.ids().unwrap().len(), 3);
    let q = Query {
        words: "\"harbour lights 01\"".into(),
        ..Query::default()
    };
    assert_eq!(library.search(&q).unwrap().total, 0);
    assert!(matches!(
        library.get(ids[1]),
        Err(LibraryError::NoSuchWork(_))
    ));
    let report = library.check().unwrap();
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn check_finds_an_index_that_disagrees_and_reindex_repairs_it() {
    let (dir, library, ids) = library_of(5);
    assert!(library.check().unwrap().is_clean());
    let lib_dir = library.dir().to_path_buf();
    drop(library);

    // Another program drops a work from the index behind the library's back.
    {
        let index = ficshelf_search::Index::open_or_create(&lib_dir.join("index")).unwrap();
        let seq = index.applied_seq().unwrap().unwrap();
        index.remove(ids[2].0).unwrap();
        index.commit(seq).unwrap();
        index.release_writer().unwrap();
    }
    let library = Library::open(&lib_dir).unwrap();
    let report = library.check().unwrap();
    assert_eq!(
        report.problems,
        vec![format!(
            "work {} is in the library but not in the search index",
            ids[2]
        )]
    );
    assert_eq!(library.reindex().unwrap(), 5);
    assert!(library.check().unwrap().is_clean());
    drop((library, dir));
}

#[test]
fn a_deleted_or_damaged_index_is_rebuilt_on_open_with_a_notice() {
    let (_dir, library, _ids) = library_of(4);
    let lib_dir = library.dir().to_path_buf();
    drop(library);

    std::fs::remove_dir_all(lib_dir.join("index")).unwrap();
    let library = Library::open(&lib_dir).unwrap();
    let notices = library.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("missing"), "{notices:?}");
    assert_eq!(library.search(&Query::default()).unwrap().total, 4);
    assert!(library.check().unwrap().is_clean());
    drop(library);

    // Garble meta.json: the index is damaged, and rebuilt from the store.
    std::fs::write(lib_dir.join("index/meta.json"), b"{ not json").unwrap();
    let library = Library::open(&lib_dir).unwrap();
    let notices = library.take_notices();
    assert!(notices.iter().any(|n| n.contains("damaged")), "{notices:?}");
    assert_eq!(library.search(&Query::default()).unwrap().total, 4);
    assert!(library.check().unwrap().is_clean());
}

#[test]
fn stats_and_tags_add_up() {
    let (_dir, library, _ids) = library_of(6);
    let stats = library.stats().unwrap();
    assert_eq!(stats.store.works, 6);
    assert_eq!(stats.store.chapters, 1 + 2 + 3 + 1 + 2 + 3);
    assert_eq!(stats.store.sources, 6);
    assert!(stats.disk.database > 0 && stats.disk.originals > 0 && stats.disk.index > 0);
    let tags = library.tags().unwrap();
    let ratings: u64 = tags
        .iter()
        .filter(|t| t.kind == ficshelf_library::TagKind::Rating)
        .map(|t| t.works)
        .sum();
    assert_eq!(ratings, 6);
}

#[test]
fn a_library_opened_read_only_searches_and_exports_and_writes_nothing() {
    let (dir, library, ids) = library_of(6);
    let lib = library.dir().to_path_buf();
    let query = Query {
        authors: vec!["tern".into()],
        limit: 100,
        ..Query::default()
    };
    let (page, facets) = library.search_with_facets(&query, 10).unwrap();
    drop(library);
    let before = tree::snapshot(&lib);

    let ro = Library::open_read_only(&lib).unwrap();
    assert!(ro.is_read_only());
    assert!(ro.take_notices().is_empty(), "the index is up to date");
    let (ro_page, ro_facets) = ro.search_with_facets(&query, 10).unwrap();
    assert_eq!(ro_page, page);
    assert_eq!(ro_facets, facets);
    assert_eq!(ro.get(ids[1]).unwrap().work.title, "Harbour Lights 01");
    assert_eq!(ro.stats().unwrap().store.works, 6);
    assert!(ro.check().unwrap().is_clean());
    let out = dir.path().join("out");
    assert_eq!(ro.export(&ids, &out, ExportFormat::Json).unwrap().len(), 6);
    // Every kind of write is refused before it starts.
    let files = dir.path().join("files");
    assert!(matches!(
        ro.import(&[files], &Default::default(), |_| {}),
        Err(LibraryError::ReadOnly)
    ));
    assert!(matches!(ro.remove(&ids[..1]), Err(LibraryError::ReadOnly)));
    assert!(matches!(ro.reindex(), Err(LibraryError::ReadOnly)));
    assert!(matches!(ro.catch_up(), Err(LibraryError::ReadOnly)));
    drop(ro);
    assert_eq!(
        tree::snapshot(&lib),
        before,
        "a read-only library was written"
    );
}

#[test]
fn a_read_only_library_with_a_damaged_index_says_where_to_rebuild_it() {
    let (_dir, library, _ids) = library_of(2);
    let lib = library.dir().to_path_buf();
    drop(library);
    std::fs::write(lib.join("index/meta.json"), b"{ not json").unwrap();
    let before = tree::snapshot(&lib);
    let err = Library::open_read_only(&lib)
        .err()
        .expect("a damaged index is refused");
    assert!(
        matches!(&err, LibraryError::IndexUnusableHere { why } if why.starts_with("damaged")),
        "{err:?}"
    );
    assert!(err.to_string().contains("where it can be written"), "{err}");
    assert_eq!(tree::snapshot(&lib), before, "a read-only open wrote");
    // Where the folder can be written, the same library opens and its index is rebuilt.
    let library = Library::open(&lib).unwrap();
    assert_eq!(library.search(&Query::default()).unwrap().total, 2);
}

#[test]
fn a_read_only_library_whose_index_is_behind_says_so() {
    let (dir, library, ids) = library_of(3);
    let lib = library.dir().to_path_buf();
    drop(library);
    // Another ficshelf removed a work and was killed before its index caught up: the database
    // is ahead of the index.
    let mut store = ficshelf_store::Store::open(&lib).unwrap();
    assert!(store.remove(ids[0]).unwrap());
    drop(store);
    let ro = Library::open_read_only(&lib).unwrap();
    let notices = ro.take_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("the library is read-only and its search index is behind it"),
        "{notices:?}"
    );
    assert_eq!(ro.ids().unwrap().len(), 2);
    drop(dir);
}
