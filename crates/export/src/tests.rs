//! Tests of the public API: format names, dispatch, atomic writes.

use std::fs;
use std::path::Path;

use super::*;
use crate::testutil::{bare_work, full_work};

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn format_names_and_extensions() {
    for &f in ExportFormat::ALL {
        assert_eq!(f.to_string().parse::<ExportFormat>().unwrap(), f);
        assert_eq!(
            ExportFormat::from_path(Path::new(&format!("x.{}", f.extension()))),
            Some(f)
        );
    }
    assert_eq!(
        "markdown".parse::<ExportFormat>().unwrap(),
        ExportFormat::Md
    );
    assert_eq!(
        " EPUB ".parse::<ExportFormat>().unwrap(),
        ExportFormat::Epub
    );
    let err = "pdf".parse::<ExportFormat>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown export format \"pdf\" (expected epub, html, txt, md or json)"
    );
    assert_eq!(
        ExportFormat::from_path(Path::new("a/Story.HTM")),
        Some(ExportFormat::Html)
    );
    assert_eq!(
        ExportFormat::from_path(Path::new("notes.markdown")),
        Some(ExportFormat::Md)
    );
    assert_eq!(ExportFormat::from_path(Path::new("story.pdf")), None);
    assert_eq!(ExportFormat::from_path(Path::new("story")), None);
    assert_eq!(ExportFormat::from_path(Path::new(".epub")), None);
}

#[test]
fn render_dispatches_to_each_writer() {
    let w = full_work();
    let start = |f| render(&w, f).unwrap()[..8].to_vec();
    assert_eq!(start(ExportFormat::Epub)[..4], *b"PK\x03\x04");
    assert_eq!(start(ExportFormat::Html), b"<!DOCTYP");
    assert_eq!(start(ExportFormat::Txt), b"Title: T");
    assert_eq!(start(ExportFormat::Md), b"---\ntitl");
    assert_eq!(start(ExportFormat::Json), b"{\n  \"sch");
}

#[test]
fn every_format_is_deterministic() {
    let w = full_work();
    for &f in ExportFormat::ALL {
        assert_eq!(
            render(&w, f).unwrap(),
            render(&w.clone(), f).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn a_work_of_another_schema_is_refused() {
    let mut w = bare_work();
    w.schema = 2;
    for &f in ExportFormat::ALL {
        let err = render(&w, f).unwrap_err();
        assert_eq!(
            err.to_string(),
            "work has schema 2, this version of ficshelf writes schema 1"
        );
    }
}

#[test]
fn write_file_writes_the_rendered_bytes_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let w = full_work();
    for &f in ExportFormat::ALL {
        let path = dir.path().join(format!("story.{}", f.extension()));
        write_file(&w, f, &path).unwrap();
        assert_eq!(fs::read(&path).unwrap(), render(&w, f).unwrap());
    }
    assert_eq!(
        names_in(dir.path()),
        [
            "story.epub",
            "story.html",
            "story.json",
            "story.md",
            "story.txt"
        ]
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("story.epub"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn write_file_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    fs::write(&path, "old contents").unwrap();
    write_file(&bare_work(), ExportFormat::Txt, &path).unwrap();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .starts_with("Title: Bare\n")
    );
    assert_eq!(names_in(dir.path()), ["story.txt"]);
}

#[test]
fn a_failed_render_leaves_the_target_and_directory_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.epub");
    fs::write(&path, "precious").unwrap();
    let mut w = bare_work();
    w.schema = 99;
    let err = write_file(&w, ExportFormat::Epub, &path).unwrap_err();
    assert!(matches!(err, ExportError::UnsupportedSchema(99)));
    assert_eq!(fs::read_to_string(&path).unwrap(), "precious");
    assert_eq!(names_in(dir.path()), ["story.epub"]);
}

#[test]
fn a_missing_directory_is_an_error_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no").join("such").join("story.epub");
    let err = write_file(&bare_work(), ExportFormat::Epub, &path).unwrap_err();
    assert_eq!(err.to_string(), "output directory does not exist");
    assert!(!dir.path().join("no").exists());
    assert!(names_in(dir.path()).is_empty());
}

#[test]
fn a_directory_as_target_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("story.epub");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("inside"), "x").unwrap();
    let err = write_file(&bare_work(), ExportFormat::Epub, &target).unwrap_err();
    assert_eq!(err.to_string(), "output path is a directory");
    assert_eq!(names_in(dir.path()), ["story.epub"]);
    assert_eq!(names_in(&target), ["inside"]);
    assert!(matches!(
        write_file(&bare_work(), ExportFormat::Txt, Path::new("/")),
        Err(ExportError::NoFileName)
    ));
}

#[test]
fn a_file_where_a_directory_should_be_is_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    fs::write(&file, "x").unwrap();
    let err = write_file(&bare_work(), ExportFormat::Txt, &file.join("story.txt")).unwrap_err();
    assert_eq!(err.to_string(), "output directory does not exist");
    assert_eq!(names_in(dir.path()), ["plain"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn a_failed_rename_removes_the_temporary_file() {
    // Renaming a file over a directory fails after the temporary file was written.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target");
    fs::create_dir(&target).unwrap();
    let err = write_atomic(dir.path(), &target, b"bytes").unwrap_err();
    assert!(matches!(err, ExportError::Io(_)), "{err:?}");
    assert_eq!(names_in(dir.path()), ["target"]);
    assert!(names_in(&target).is_empty());
}
