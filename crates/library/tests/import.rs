//! The facade's import: outcomes per file, dedupe across formats and downloads, idempotence,
//! tag maps, and the search index following the store.

mod common;

use common::{import, new_library, repo, with_another_chapter, work, write};
use ficshelf_library::{
    ExportFormat, FileError, FileOutcome, ImportOptions, Library, Query, WorkId,
};

fn ids(report: &ficshelf_library::ImportReport) -> Vec<WorkId> {
    report
        .files
        .iter()
        .filter_map(|f| match f.outcome {
            FileOutcome::Imported(id) | FileOutcome::Updated(id) | FileOutcome::Unchanged(id) => {
                Some(id)
            }
            FileOutcome::Failed(_) => None,
        })
        .collect()
}

#[test]
fn the_same_story_in_three_formats_is_one_work_and_a_newer_download_updates_it() {
    let (dir, library) = new_library();
    let story = work(11, 3_000, 3);
    let files = dir.path().join("files");
    write(&story, &files, "a-story", ExportFormat::Txt);
    write(&story, &files, "b-story", ExportFormat::Html);
    write(&story, &files, "c-story", ExportFormat::Epub);

    let report = import(&library, std::slice::from_ref(&files));
    assert_eq!(report.files.len(), 3);
    assert_eq!(report.counts.imported, 1, "{:#?}", report.files);
    assert_eq!(report.counts.unchanged, 2);
    let id = match report.files[0].outcome {
        FileOutcome::Imported(id) => id,
        ref other => panic!("the first file (in name order) is the work: {other:?}"),
    };
    assert!(ids(&report).iter().all(|i| *i == id));
    assert_eq!(library.ids().unwrap(), vec![id]);
    assert_eq!(library.sources(id).unwrap().len(), 3);
    assert_eq!(library.get(id).unwrap().work.title, story.title);

    // Importing the same files again adds nothing, not even sources.
    let again = import(&library, std::slice::from_ref(&files));
    assert_eq!(again.counts.unchanged, 3);
    assert_eq!(again.counts.imported + again.counts.updated, 0);
    assert_eq!(library.sources(id).unwrap().len(), 3);

    // A newer download: one more chapter, a later update date.
    let newer = with_another_chapter(&story);
    let newer_file = write(
        &newer,
        &dir.path().join("newer"),
        "story",
        ExportFormat::Epub,
    );
    let report = import(&library, &[newer_file]);
    assert!(matches!(report.files[0].outcome, FileOutcome::Updated(i) if i == id));
    assert_eq!(library.ids().unwrap(), vec![id]);
    let current = library.get(id).unwrap().work;
    assert_eq!(current.chapters.len(), 4);
    let history = library.history(id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].work.chapters.len(), 3);
    assert_eq!(library.sources(id).unwrap().len(), 4);

    // The older download imported afterwards changes nothing.
    let older_file = write(
        &story,
        &dir.path().join("older"),
        "story-old",
        ExportFormat::Html,
    );
    let mut older_html = std::fs::read(&older_file).unwrap();
    older_html.extend_from_slice(b"\n<!-- saved again -->\n");
    std::fs::write(&older_file, older_html).unwrap();
    let report = import(&library, &[older_file]);
    assert!(matches!(report.files[0].outcome, FileOutcome::Unchanged(i) if i == id));
    assert_eq!(library.get(id).unwrap().work.chapters.len(), 4);

    // The index follows: one hit, with four chapters.
    let q = Query {
        words: "lighthouse keeper homecoming".into(),
        ..Query::default()
    };
    let page = library.search(&q).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.hits[0].id, id);
    assert_eq!(page.hits[0].chapters, 4);
    assert!(library.check().unwrap().is_clean());
}

#[test]
fn different_stories_stay_apart_and_failures_do_not_stop_the_batch() {
    let (dir, library) = new_library();
    let files = dir.path().join("files");
    for seed in 0..6 {
        write(
            &work(100 + seed, 800, 1),
            &files,
            &format!("w{seed}"),
            ExportFormat::Html,
        );
    }
    std::fs::write(files.join("empty.txt"), b"").unwrap();
    std::fs::write(files.join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    std::fs::write(files.join("cover.jpg"), [0xffu8, 0xd8, 0xff]).unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let report = import(&library, &[files.clone(), missing.clone()]);
    assert_eq!(report.counts.imported, 6);
    assert_eq!(report.counts.failed, 3, "{:#?}", report.files);
    let failures: Vec<(String, String)> = report
        .files
        .iter()
        .filter_map(|f| match &f.outcome {
            FileOutcome::Failed(e) => Some((
                f.path.file_name().unwrap().to_string_lossy().into_owned(),
                e.to_string(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(failures[0].0, "binary.txt");
    assert!(failures[0].1.contains("binary"), "{failures:?}");
    assert_eq!(failures[1], ("empty.txt".into(), "file is empty".into()));
    assert_eq!(failures[2].0, "no-such-file.txt");
    assert!(failures[2].1.starts_with("cannot read"), "{failures:?}");
    // The jpg is not a fic file: a folder's other files are not failures.
    assert_eq!(report.files.len(), 9);
    assert_eq!(library.ids().unwrap().len(), 6);
    assert!(library.check().unwrap().is_clean());
}

#[test]
fn every_fixture_family_imports_and_hostile_files_are_refused_one_row_each() {
    let (_dir, library) = new_library();
    let fixtures = repo().join("fixtures");
    let report = import(&library, std::slice::from_ref(&fixtures));
    assert_eq!(report.counts.total() as usize, report.files.len());
    for family in ["txt", "html", "epub", "fanficfare"] {
        let taken = report.files.iter().any(|f| {
            f.path.starts_with(fixtures.join(family))
                && matches!(
                    f.outcome,
                    FileOutcome::Imported(_) | FileOutcome::Unchanged(_) | FileOutcome::Updated(_)
                )
        });
        assert!(taken, "nothing from fixtures/{family} was imported");
    }
    for f in &report.files {
        let name = f.path.file_name().unwrap().to_string_lossy();
        if let FileOutcome::Failed(e) = &f.outcome {
            assert!(
                name.starts_with("hostile-"),
                "{name} failed: {e} (only hostile fixtures may)"
            );
            assert!(!e.to_string().is_empty());
        }
    }
    let stored = library.ids().unwrap().len() as u64;
    assert_eq!(stored, report.counts.imported);
    // The FanFicFare story exists as txt, html and epub: one work.
    let q = Query {
        words: "\"keeper's ledger\"".into(),
        ..Query::default()
    };
    let page = library.search(&q).unwrap();
    let ledger: Vec<_> = page
        .hits
        .iter()
        .filter(|h| h.title == "The Keeper's Ledger")
        .collect();
    assert_eq!(ledger.len(), 1, "{:#?}", page.hits);
    assert!(library.sources(ledger[0].id).unwrap().len() >= 3);
    let again = import(&library, &[fixtures]);
    assert_eq!(again.counts.imported + again.counts.updated, 0);
    assert_eq!(library.ids().unwrap().len() as u64, stored);
}

#[test]
fn a_tag_map_applies_on_import_and_reparse_applies_todays_reading() {
    let (dir, library) = new_library();
    let mut story = work(21, 900, 1);
    story.tags = vec!["Angst".into(), "Kinky".into()];
    let file = write(&story, &dir.path().join("f"), "story", ExportFormat::Html);
    let report = import(&library, std::slice::from_ref(&file));
    let id = ids(&report)[0];
    assert!(
        library
            .get(id)
            .unwrap()
            .work
            .tags
            .contains(&"Kinky".to_string())
    );

    let map = ficshelf_normalize::TagMap::from_csv(
        "Original Tag,Original Tag Type,Recommended AO3 Tag,Recommended AO3 Type\n\
         Angst,freeform,\"Angst, Hurt/Comfort\",freeform\nKinky,,,\n",
    )
    .unwrap();
    let mut opts = ImportOptions::default();
    opts.read.normalize.tag_map = Some(map);

    // Reparse with the map: the work changes, the old reading becomes history.
    let report = library.reparse(&opts, |_| {}).unwrap();
    assert_eq!(report.counts.updated, 1, "{:#?}", report.works);
    let tags = library.get(id).unwrap().work.tags;
    assert!(tags.contains(&"Hurt/Comfort".to_string()), "{tags:?}");
    assert!(!tags.contains(&"Kinky".to_string()), "{tags:?}");
    assert_eq!(library.history(id).unwrap().len(), 1);
    // Nothing changes the second time.
    let report = library.reparse(&opts, |_| {}).unwrap();
    assert_eq!(report.counts.unchanged, 1);
    assert_eq!(report.counts.updated, 0);
    // The index follows the reparse.
    let mut q = Query {
        tags: vec!["hurt/comfort".into()],
        ..Query::default()
    };
    assert_eq!(library.search(&q).unwrap().total, 1);
    q.tags = vec!["Kinky".into()];
    assert_eq!(library.search(&q).unwrap().total, 0);

    // A new file imported with the map gets it at once.
    let mut other = work(22, 900, 1);
    other.tags = vec!["Kinky".into()];
    let file = write(&other, &dir.path().join("g"), "other", ExportFormat::Txt);
    let report = library.import(&[file], &opts, |_| {}).unwrap();
    let id = ids(&report)[0];
    assert!(
        !library
            .get(id)
            .unwrap()
            .work
            .tags
            .contains(&"Kinky".to_string())
    );
}

#[test]
fn progress_is_reported_and_adds_up() {
    let (dir, library) = new_library();
    let files = dir.path().join("files");
    for seed in 0..150 {
        write(
            &work(300 + seed, 200, 1),
            &files,
            &format!("w{seed:03}"),
            ExportFormat::Txt,
        );
    }
    let calls = std::cell::RefCell::new(Vec::new());
    let report = library
        .import(&[files], &ImportOptions::default(), |p| {
            calls.borrow_mut().push((p.done, p.total, p.counts.total()))
        })
        .unwrap();
    let calls = calls.into_inner();
    assert!(calls.len() >= 3, "{calls:?}");
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(calls.iter().all(|c| c.1 == 150 && c.0 == c.2));
    assert_eq!(calls.last().unwrap().0, 150);
    assert_eq!(report.counts.imported, 150);
}

#[test]
fn an_upload_in_memory_imports_like_a_file() {
    let (_dir, library) = new_library();
    let bytes =
        b"Title: Ferry Lights\nAuthor: Wren\nRating: PG-13\n\nThe ferry ran late.\n".to_vec();
    let outcome = library
        .import_bytes("ferry.txt", bytes.clone(), &ImportOptions::default())
        .unwrap();
    let FileOutcome::Imported(id) = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(library.get(id).unwrap().work.title, "Ferry Lights");
    let again = library
        .import_bytes("ferry.txt", bytes, &ImportOptions::default())
        .unwrap();
    assert!(matches!(again, FileOutcome::Unchanged(i) if i == id));
    let refused = library
        .import_bytes("x.txt", Vec::new(), &ImportOptions::default())
        .unwrap();
    assert!(matches!(refused, FileOutcome::Failed(FileError::Ingest(_))));
}

#[test]
fn open_refuses_a_folder_without_a_library_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let err = Library::open(&dir.path().join("lib")).err().unwrap();
    assert_eq!(
        err.to_string(),
        "no ficshelf library here (import something first to create one)"
    );
    assert!(!dir.path().join("lib").exists());
}
