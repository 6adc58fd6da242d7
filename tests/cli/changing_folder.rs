//! A folder that changes while it is imported: files deleted, emptied, made unreadable,
//! replaced by another file, by a link out of the tree, by a FIFO or by a folder, while
//! `import` walks and reads it. When the test runs as root (as CI does), the import runs as
//! `nobody`, since root reads past a file's permissions.
//!
//! Which change lands before the walk, during the reading or after it depends on timing, so
//! the test asserts only what must hold for every interleaving: each changed file is imported,
//! refused with one `error:` line, or never seen; no file that was left alone fails or goes
//! missing; nothing from outside the folder is read; the works already in the library are
//! untouched and the library checks clean. That a swap after the walk is refused, not
//! followed, is shown deterministically by the unit test in `crates/library/src/walk.rs`; here
//! the figures of each run are printed.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::faults::{stories, works};
use crate::library::ok;
use crate::util::{HANG_GUARD, fixture};

/// Files in the folder, and how often one of them is changed (every third).
const FILES: usize = 600;
const CHANGE_EVERY: usize = 3;

/// What happens to a changed file, in turn.
const CHANGES: [&str; 7] = [
    "delete",
    "link out",
    "fifo",
    "folder",
    "replace",
    "empty",
    "unreadable",
];

/// The user the import runs as when the test runs as root.
const NOBODY: u32 = 65534;

fn change(path: &Path, how: &str, secret: &Path) {
    let replace = |make: &dyn Fn()| {
        let _ = std::fs::remove_file(path);
        make();
    };
    match how {
        "delete" => {
            let _ = std::fs::remove_file(path);
        }
        "link out" => replace(&|| std::os::unix::fs::symlink(secret, path).unwrap()),
        "fifo" => replace(&|| {
            let made = std::process::Command::new("mkfifo").arg(path).status();
            assert!(made.unwrap().success());
        }),
        "folder" => replace(&|| std::fs::create_dir(path).unwrap()),
        "replace" => {
            let tmp = path.with_extension("tmp");
            std::fs::write(
                &tmp,
                "Title: A Replacement\n\nAnother story, written over it.\n",
            )
            .unwrap();
            std::fs::rename(&tmp, path).unwrap();
        }
        "empty" => std::fs::write(path, "").unwrap(),
        "unreadable" => {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000));
        }
        _ => unreachable!(),
    }
}

/// `ficshelf import` of `folder` into `lib`. As root, the tree under `root` is handed to
/// `nobody` and the import runs as `nobody`, from a link to the binary inside the tree (the
/// build folder may be out of its reach).
fn import_command(root: &Path, lib: &Path, folder: &Path) -> assert_cmd::Command {
    let bin = assert_cmd::cargo::cargo_bin("ficshelf");
    let mut cmd = if unsafe { libc::geteuid() } == 0 {
        let chowned = std::process::Command::new("chown")
            .args(["-R", &format!("{NOBODY}:{NOBODY}")])
            .arg(root)
            .status()
            .unwrap();
        assert!(chowned.success());
        // Linked after the chown: a hard link shares the build's inode, which must keep its
        // owner.
        let own = root.join("bin/ficshelf");
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        if std::fs::hard_link(&bin, &own).is_err() {
            std::fs::copy(&bin, &own).unwrap();
        }
        let mut cmd = std::process::Command::new(own);
        cmd.uid(NOBODY).gid(NOBODY).env("HOME", root);
        cmd
    } else {
        std::process::Command::new(bin)
    };
    cmd.args(["import", "--threads", "2", "--library"])
        .arg(lib)
        .arg(folder);
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(HANG_GUARD);
    cmd
}

#[test]
fn files_changed_during_an_import_fail_alone_and_nothing_outside_is_read() {
    let root = tempfile::tempdir().unwrap();
    let lib = root.path().join("library");
    let folder = root.path().join("incoming");
    let secret = root.path().join("outside/secret.txt");
    std::fs::create_dir_all(secret.parent().unwrap()).unwrap();
    std::fs::write(
        &secret,
        "Title: Secret Outside\n\nOUTSIDE-MARKER must never be read.\n",
    )
    .unwrap();
    ok(
        &lib,
        &[
            "import",
            fixture("txt/header-star-frame.txt").to_str().unwrap(),
        ],
    );
    let before = works(&lib);

    let files = stories(&folder, FILES, 300, "drift");
    // One file is unreadable from the start: it must be refused, whatever the timing (and
    // it shows the import really runs without root's reach).
    let locked = folder.join("locked-from-the-start.txt");
    std::fs::write(&locked, "Title: Locked\n\nNobody may read this story.\n").unwrap();
    change(&locked, "unreadable", &secret);
    let mut import = import_command(root.path(), &lib, &folder);
    // The last files are read last: changing them from the end first gives the reading the
    // best chance to meet a change.
    let changed: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .filter(|(i, _)| i % CHANGE_EVERY == CHANGE_EVERY - 1)
        .map(|(_, p)| p.clone())
        .rev()
        .collect();
    let mutator = {
        let (changed, secret) = (changed.clone(), secret.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(5));
            for (k, path) in changed.iter().enumerate() {
                change(path, CHANGES[k % CHANGES.len()], &secret);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let out = import.output().unwrap();
    mutator.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?}\n{stderr}",
        out.status
    );

    // Every line on stderr is one refusal of a changed file, each file at most once.
    let changed_names: BTreeSet<String> = changed
        .iter()
        .chain([&locked])
        .map(|p| p.display().to_string())
        .collect();
    let mut refused = BTreeSet::new();
    let (mut replaced, mut denied) = (0, 0);
    for line in stderr.lines() {
        let rest = line
            .strip_prefix("error: ")
            .unwrap_or_else(|| panic!("{line:?}"));
        let (path, reason) = rest
            .split_once(".txt: ")
            .map(|(p, r)| (format!("{p}.txt"), r))
            .unwrap_or_else(|| panic!("no path in {line:?}"));
        assert!(
            changed_names.contains(&path),
            "a file left alone failed: {line}"
        );
        assert!(
            !reason.trim().is_empty() && !reason.contains("bug"),
            "{line}"
        );
        assert!(refused.insert(path), "reported twice: {line}");
        replaced += usize::from(reason.contains("replaced while the import ran"));
        denied += usize::from(reason.contains("ermission denied"));
    }
    assert!(
        refused.contains(&locked.display().to_string()),
        "the unreadable file was not refused:\n{stderr}"
    );
    let [_, _, _, failed] = crate::library::summary(&stdout);
    assert_eq!(failed as usize, refused.len(), "{stdout}");

    // Every file left alone is in the library once; nothing came from outside the folder; the
    // works already there are as they were.
    let after = works(&lib);
    for (id, work) in &before {
        assert_eq!(after.get(id), Some(work), "work {id} changed");
    }
    let titles: Vec<&str> = after.values().map(|w| w.title.as_str()).collect();
    for (i, path) in files.iter().enumerate() {
        if !changed.contains(path) {
            let title = format!("drift story {i}");
            let n = titles.iter().filter(|t| **t == title).count();
            assert_eq!(n, 1, "{title} imported {n} times");
        }
    }
    for w in after.values() {
        assert_ne!(w.title, "Secret Outside");
        assert_ne!(w.title, "Locked");
        assert!(
            w.chapters
                .iter()
                .all(|c| !c.html.contains("OUTSIDE-MARKER"))
        );
    }
    ok(&lib, &["check"]);
    eprintln!(
        "changing folder: {} of {} files changed during the import; {} refused ({} as replaced \
         after the walk, {} unreadable), {} works imported",
        changed.len(),
        FILES,
        refused.len(),
        replaced,
        denied,
        after.len() - before.len()
    );
}
