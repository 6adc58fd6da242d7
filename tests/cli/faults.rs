//! Faults a library must survive, driven through the command line: a full disk during import
//! and export (a small tmpfs), a read-only library (a read-only bind mount: the tests run as
//! root, which `chmod` does not stop), a damaged search index and a database from a newer
//! ficshelf. Each gives one clear line and loses nothing already committed. `kill -9` during
//! reindex and export is in `faults_kill.rs`.
//!
//! Mounting needs root (CI runs as root). Where `mount` is refused, the two mount tests say
//! so on stderr and return: there is no other honest way to make a disk full or read-only.

#[path = "faults_kill.rs"]
mod kill;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ficshelf_library::Library;
use ficshelf_model::Work;

use crate::library::{export_all_json, lib_run, ok, prose, stderr, stdout, summary, txt_story};

/// A mount point that is unmounted (lazily, so that a failing test cannot leave it busy) when
/// dropped.
pub struct Mount(PathBuf);

impl Mount {
    /// A tmpfs of `size` (`2m`) on `dir` (created), or `None` where mounting is not allowed.
    pub fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(dir).unwrap();
        let opts = format!("size={size}");
        mount(dir, &["-t", "tmpfs", "-o", &opts, "tmpfs"])
    }

    /// `src` again at `dir`, read-only.
    pub fn read_only(src: &Path, dir: &Path) -> Option<Mount> {
        std::fs::create_dir_all(dir).unwrap();
        let m = mount(dir, &["--bind", &src.to_string_lossy()])?;
        let ok = Command::new("mount")
            .args(["-o", "remount,bind,ro"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(m)
    }

    pub fn resize(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount {}", self.0.display());
    }
}

fn mount(dir: &Path, args: &[&str]) -> Option<Mount> {
    let out = Command::new("mount").args(args).arg(dir).output().ok()?;
    if out.status.success() {
        Some(Mount(dir.to_path_buf()))
    } else if std::env::var_os("FICSHELF_REQUIRE_MOUNTS").is_some_and(|v| v == "1") {
        // CI runs as root on a machine that can mount: a refusal there is a failure, not a
        // reason for four fault tests to pass without testing anything.
        panic!(
            "cannot mount on {} ({}) and FICSHELF_REQUIRE_MOUNTS=1",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    } else {
        eprintln!(
            "skipped: cannot mount on {} ({}); this test needs root",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        None
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// `n` stories of about `words` words each in `dir`, distinct by title and author.
pub fn stories(dir: &Path, n: usize, words: usize, tag: &str) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|i| {
            let text = txt_story(
                &[
                    ("Title", &format!("{tag} story {i}")),
                    ("Author", &format!("Writer {tag}{i}")),
                    ("Fandom", "Original Work"),
                    ("Tags", &format!("{tag}, number {i}")),
                ],
                &prose(words, i * 31 + tag.len()),
                false,
            );
            let path = dir.join(format!("{tag}-{i:03}.txt"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// Every work in the library, by id.
pub fn works(lib: &Path) -> BTreeMap<u64, Work> {
    let library = Library::open(lib).unwrap();
    library
        .ids()
        .unwrap()
        .into_iter()
        .map(|id| (id.0, library.get(id).unwrap().work))
        .collect()
}

fn check_ok(lib: &Path) -> usize {
    let out = ok(lib, &["check"]);
    let n: usize = out
        .strip_prefix("ok: ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("check: {out}"));
    n
}

#[test]
fn a_full_disk_during_import_stops_clearly_and_keeps_what_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Mount::tmpfs(&dir.path().join("disk"), "2m") else {
        return;
    };
    let lib = dir.path().join("disk/lib");
    let first = stories(&dir.path().join("first"), 3, 300, "first");
    let more = dir.path().join("more");
    stories(&more, 150, 4_000, "more"); // about 3.5 MB: more than the disk holds
    let out = ok(
        &lib,
        &["import", &dir.path().join("first").to_string_lossy()],
    );
    assert_eq!(summary(&out), [3, 0, 0, 0]);
    let before = works(&lib);

    let out = lib_run(&lib, &["import", &more.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let last = err.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        format!(
            "error: {}: cannot write in the library folder: No space left on device (os error 28)",
            lib.display()
        ),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // Full, the library can still be read: a search opens it read-only, with a note.
    let out = lib_run(&lib, &["search", "--json", "--tag", "first"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let note = format!(
        "note: {}: the folder cannot be written (No space left on device (os error 28))",
        lib.display()
    );
    assert!(stderr(&out).starts_with(&note), "{}", stderr(&out));
    let found: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(found.as_array().map(Vec::len), Some(3), "{found}");

    // With room again: the library opens, checks clean, the first works are as they were, and
    // the import completes.
    disk.resize("64m");
    let committed = check_ok(&lib);
    let after = works(&lib);
    assert_eq!(after.len(), committed);
    for (id, work) in &before {
        assert_eq!(after.get(id), Some(work), "work {id} changed");
    }
    let out = ok(&lib, &["import", &more.to_string_lossy()]);
    let [imported, updated, unchanged, failed] = summary(&out);
    assert_eq!((updated, failed), (0, 0), "{out}");
    assert_eq!(imported + unchanged, 150, "{out}");
    assert_eq!(check_ok(&lib), 3 + 150);
    assert_eq!(first.len(), 3);
}

#[test]
fn a_full_disk_during_export_leaves_only_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let src = dir.path().join("src");
    stories(&src, 40, 3_000, "exp");
    ok(&lib, &["import", &src.to_string_lossy()]);
    let whole = dir.path().join("whole");
    assert!(export_all_json(&lib, &whole).status.success());
    let Some(_disk) = Mount::tmpfs(&dir.path().join("out"), "256k") else {
        return;
    };
    let out_dir = dir.path().join("out/books");
    let out = export_all_json(&lib, &out_dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.ends_with("cannot write the export: No space left on device (os error 28)\n"),
        "{err}"
    );
    let written: Vec<_> = std::fs::read_dir(&out_dir).unwrap().flatten().collect();
    assert!(
        !written.is_empty() && written.len() < 40,
        "{}",
        written.len()
    );
    for entry in written {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "a temporary file was left: {name}");
        let bytes = std::fs::read(entry.path()).unwrap();
        assert_eq!(
            bytes,
            std::fs::read(whole.join(&name)).unwrap(),
            "{name} is not whole"
        );
    }
    // The library is untouched by it.
    assert_eq!(check_ok(&lib), 40);
}

/// A read-only library (read-only media or mount) is read as it is: the commands that only read
/// give what they give on the writable library, after one note; the commands that write are
/// refused in one line; nothing in the library changes.
#[test]
fn a_read_only_library_is_read_as_it_is_and_writes_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let src = dir.path().join("src");
    stories(&src, 5, 300, "ro");
    ok(&lib, &["import", &src.to_string_lossy()]);
    let reads: [&[&str]; 6] = [
        &["search", "--json", "story"],
        &["search", "--facets", "--fandom", "Original Work"],
        &["show", "2", "--json"],
        &["stats"],
        &["tags", "--csv"],
        &["check"],
    ];
    let expected: Vec<String> = reads.iter().map(|args| ok(&lib, args)).collect();
    let db = std::fs::read(lib.join("library.sqlite3")).unwrap();
    let Some(_ro) = Mount::read_only(&lib, &dir.path().join("ro")) else {
        return;
    };
    let ro = dir.path().join("ro");
    let note = format!(
        "note: {}: the folder cannot be written (Read-only file system (os error 30)); reading \
         the library as it is\n",
        ro.display()
    );
    for (args, expected) in reads.iter().zip(&expected) {
        let out = lib_run(&ro, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), note, "{args:?}");
        // `stats` counts SQLite's shared-memory file, which the writable run had open.
        let comparable = |s: &str| -> String {
            s.replace(&ro.display().to_string(), &lib.display().to_string())
                .lines()
                .filter(|l| !l.starts_with("on disk"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(comparable(&stdout(&out)), comparable(expected), "{args:?}");
    }
    let out_dir = dir.path().join("out");
    let out = lib_run(&ro, &["export", "--all", "-o", &out_dir.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 5);

    let src_arg = src.to_string_lossy().into_owned();
    let writes: [&[&str]; 3] = [&["import", &src_arg], &["remove", "1"], &["reindex"]];
    for args in writes {
        let out = lib_run(&ro, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        assert_eq!(
            stderr(&out),
            format!(
                "error: {}: cannot write in the library folder: Read-only file system (os error 30)\n",
                ro.display()
            ),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read(lib.join("library.sqlite3")).unwrap(), db);
    // A damaged index cannot be rebuilt on the read-only mount: one line says where it can be.
    std::fs::write(lib.join("index/meta.json"), b"{ not json").unwrap();
    let out = lib_run(&ro, &["search", "story"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "error: {}: the search index cannot be used (damaged",
            ro.display()
        )) && err.ends_with("open the library once where it can be written\n"),
        "{err}"
    );
    assert_eq!(std::fs::read(lib.join("library.sqlite3")).unwrap(), db);
    assert_eq!(check_ok(&lib), 5);
}

/// A library shared read-only while its owner writes to it (or copied read-only after a writer
/// was killed): the newest commits are still in SQLite's write-ahead log, which a read-only
/// open must read through the `-shm` file it cannot write.
#[test]
fn a_read_only_mount_reads_commits_still_in_the_write_ahead_log() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let src = dir.path().join("src");
    stories(&src, 4, 200, "wal");
    ok(&lib, &["import", &src.to_string_lossy()]);
    let writer = Library::open(&lib).unwrap();
    let gone = writer.ids().unwrap()[0];
    writer.remove(&[gone]).unwrap();
    let wal = std::fs::metadata(lib.join("library.sqlite3-wal")).map_or(0, |m| m.len());
    assert!(
        wal > 0,
        "the removal should still be in the write-ahead log"
    );
    let Some(_ro) = Mount::read_only(&lib, &dir.path().join("ro")) else {
        return;
    };
    let ro = dir.path().join("ro");
    let out = lib_run(&ro, &["search", "--json", "story"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reading the library as it is"),
        "{}",
        stderr(&out)
    );
    let found: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<u64> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids.len(), 3, "{found}");
    assert!(!ids.contains(&gone.0), "{found}");
    let out = lib_run(&ro, &["show", &gone.0.to_string()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(&format!("there is no work {}", gone.0)),
        "{}",
        stderr(&out)
    );
    let out = lib_run(&ro, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("ok: 3 works"), "{}", stdout(&out));
    drop(writer);
    assert_eq!(check_ok(&lib), 3);
}

/// Index files scrambled inside or overwritten with noise, the index's meta file garbled, the
/// index removed: the next command says so in a note, rebuilds it from the database and goes
/// on.
#[test]
fn a_damaged_index_is_rebuilt_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let src = dir.path().join("src");
    stories(&src, 30, 300, "idx");
    ok(&lib, &["import", &src.to_string_lossy()]);
    let index = lib.join("index");
    type Damage = fn(&Path);
    let damages: [(&str, Damage, &str); 5] = [
        (
            "segment bodies, footers intact",
            |i| garble_middles(i, &["idx", "term", "store"]),
            "the search index is damaged (",
        ),
        (
            "segment files",
            |i| garble(i, &["idx", "term"]),
            "the search index is damaged (",
        ),
        (
            "every file",
            |i| garble(i, &[]),
            "the search index is damaged (",
        ),
        (
            "meta.json",
            |i| std::fs::write(i.join("meta.json"), "{ not json").unwrap(),
            "the search index is damaged (",
        ),
        (
            "the whole index",
            |i| std::fs::remove_dir_all(i).unwrap(),
            "the search index was missing: building it from the library (30 works)",
        ),
    ];
    for (what, damage, note) in damages {
        damage(&index);
        let out = lib_run(&lib, &["check"]);
        let err = stderr(&out);
        assert!(out.status.success(), "{what}: {err}");
        assert!(err.starts_with(&format!("note: {note}")), "{what}: {err}");
        assert_eq!(err.lines().count(), 1, "{what}: {err}");
        assert!(
            !err.contains("; rebuild it from the library:"),
            "said twice: {err}"
        );
        assert_eq!(
            stdout(&out),
            "ok: 30 works; the database and the search index agree\n"
        );
        // Rebuilt once: the next run has nothing to say, and search finds every work.
        let out = lib_run(&lib, &["search", "--json", "--limit", "100"]);
        assert_eq!(stderr(&out), "", "{what}");
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(found.as_array().unwrap().len(), 30, "{what}");
        let out = lib_run(&lib, &["search", "idx", "--json", "--limit", "100"]);
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            found.as_array().unwrap().len(),
            30,
            "{what}: words are indexed again"
        );
    }
}

/// Scramble the bytes of these index files but their first 50 and last 100 (headers and
/// footers, which tantivy checks on opening, stay whole).
fn garble_middles(index: &Path, exts: &[&str]) {
    let mut n = 0;
    for entry in std::fs::read_dir(index).unwrap().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let mut bytes = std::fs::read(&path).unwrap();
        if exts.contains(&ext) && bytes.len() > 200 {
            let end = bytes.len() - 100;
            for b in &mut bytes[50..end] {
                *b = b.wrapping_mul(7).wrapping_add(13);
            }
            std::fs::write(&path, bytes).unwrap();
            n += 1;
        }
    }
    assert!(n > 0, "no index file garbled");
}

/// Overwrite the index files with these extensions (all when empty) with noise of their size.
fn garble(index: &Path, exts: &[&str]) {
    let mut n = 0;
    for entry in std::fs::read_dir(index).unwrap().flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if path.is_file() && (exts.is_empty() || exts.contains(&ext)) {
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            let noise: Vec<u8> = (0..len.max(16)).map(|i| (i * 151 % 251) as u8).collect();
            std::fs::write(&path, noise).unwrap();
            n += 1;
        }
    }
    assert!(n > 0, "no index file garbled");
}

#[test]
fn a_database_from_a_newer_ficshelf_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let src = dir.path().join("src");
    stories(&src, 3, 300, "new");
    ok(&lib, &["import", &src.to_string_lossy()]);
    // The schema version is SQLite's user_version: 4 big-endian bytes at offset 60.
    let db = lib.join("library.sqlite3");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&db, &bytes).unwrap();
    let listing = |p: &Path| {
        let mut v: Vec<_> = std::fs::read_dir(p)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        v.sort();
        v
    };
    let files = listing(&lib);
    let src_arg = src.to_string_lossy().into_owned();
    for args in [
        &["search"][..],
        &["check"],
        &["import", &src_arg],
        &["reindex"],
        &["remove", "1"],
    ] {
        let out = lib_run(&lib, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        let want = format!(
            "error: {}: the library database has schema version 99, newer than this ficshelf \
             knows (",
            lib.display()
        );
        assert!(err.starts_with(&want), "{args:?}: {err}");
        assert!(
            err.ends_with("); upgrade ficshelf to open it\n"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the database was changed"
    );
    assert_eq!(listing(&lib), files, "files were added or removed");
}
