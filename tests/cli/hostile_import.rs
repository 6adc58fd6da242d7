//! The hostile corpus (`ficshelf_corpus::hostile`: zip bombs, unsafe entry names, links out of
//! the tree, 100,000-deep nesting, a 50 MB line, a file past the size limit, random bytes,
//! lying charsets, UTF-16 without a BOM, a FIFO, a file gone before it is read) imported in one
//! go into a library that already holds works.
//!
//! Every file is imported or refused with one `error: <path>: <reason>` line; the works already
//! there are untouched; nothing is written outside the library; the import neither hangs nor
//! needs more than 300 MB (the child's peak resident set, from `wait4`); exit code 1.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use ficshelf_corpus::hostile::{Expect, HostileOptions, write_hostile};
use serde_json::Value;

use crate::library::{json, ok, summary};
use crate::util::{HANG_GUARD, fixture};

/// The import's memory budget (issue 8).
const MAX_RSS_BYTES: u64 = 300 * 1024 * 1024;

#[test]
fn a_hostile_folder_is_refused_file_by_file_and_costs_the_library_nothing() {
    let root = tempfile::tempdir().unwrap();
    let lib = root.path().join("library");
    let corpus = root.path().join("hostile");

    // A library with works in it, one of each family.
    ok(
        &lib,
        &[
            "import",
            fixture("txt/header-star-frame.txt").to_str().unwrap(),
            fixture("html/labels-table.html").to_str().unwrap(),
            fixture("epub/plain-epub3-nav-landmarks.epub")
                .to_str()
                .unwrap(),
        ],
    );
    let before = works_json(&lib);
    assert_eq!(before.len(), 3);

    // Full size where it is cheap; the bombs at 64 MB, which is already far past every ratio.
    let opts = HostileOptions {
        bomb_bytes: 64 << 20,
        ..HostileOptions::default()
    };
    assert_eq!(opts.long_line_bytes, 50 << 20);
    assert!(opts.over_limit_bytes > ficshelf_model::Limits::default().max_file_bytes);
    let files = write_hostile(&corpus, &opts).unwrap();

    let missing = root.path().join("missing.txt");
    let fifo = corpus.join("fifo.txt");
    // The import runs inside the watched tree (working folder, home and temporary folder), so
    // a relative path that escaped an entry name would land where the check below sees it.
    let scratch = root.path().join("scratch");
    fs::create_dir(&scratch).unwrap();
    let outside_before = tree_outside(root.path(), &lib);
    let run = run_measured(
        &scratch,
        &[
            "import".as_ref(),
            corpus.as_os_str(),
            fifo.as_os_str(),
            missing.as_os_str(),
            "--library".as_ref(),
            lib.as_os_str(),
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.code, Some(1), "stdout {stdout}\nstderr {stderr}");

    // One `error: <path>: <reason>` line per refused file, and nothing else on stderr.
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    for line in stderr.lines() {
        let rest = line
            .strip_prefix("error: ")
            .unwrap_or_else(|| panic!("not an error line: {line:?}"));
        let (path, reason) = split_path(rest, root.path())
            .unwrap_or_else(|| panic!("no known path at the start of {line:?}"));
        assert!(!reason.trim().is_empty(), "{line:?}");
        assert!(
            refused.insert(path.clone(), reason.to_string()).is_none(),
            "{path} reported twice"
        );
    }
    let rel = |name: &str| corpus.join(name).display().to_string();
    // The FIFO is also named on the command line: checked below.
    for f in files.iter().filter(|f| f.name != "fifo.txt") {
        let reported = refused.contains_key(&rel(&f.name));
        match f.expect {
            Expect::Refused => assert!(reported, "{} ({}) was not refused", f.name, f.what),
            Expect::Imported | Expect::NotTaken => {
                assert!(
                    !reported,
                    "{} ({}): {:?}",
                    f.name,
                    f.what,
                    refused[&rel(&f.name)]
                )
            }
            Expect::Either => {}
        }
    }
    // Named on the command line, the FIFO is refused at once (opening it must not wait for a
    // writer) and the missing file says so.
    assert!(
        refused[&fifo.display().to_string()].contains("not a regular file"),
        "{refused:?}"
    );
    assert!(refused[&missing.display().to_string()].contains("cannot read"));
    assert!(refused[&rel("over-the-file-limit.txt")].contains("max_file_bytes"));

    // Every file the import took from the folder is counted once: imported, known or refused.
    let taken = files
        .iter()
        .filter(|f| f.expect != Expect::NotTaken)
        .count()
        + 2;
    let [imported, updated, unchanged, failed] = summary(&stdout);
    assert_eq!(failed as usize, refused.len(), "{stdout}");
    assert_eq!(
        (imported + updated + unchanged + failed) as usize,
        taken,
        "{stdout}\n{stderr}"
    );
    let imported_expected = files
        .iter()
        .filter(|f| f.expect == Expect::Imported)
        .count();
    assert!(imported as usize >= imported_expected, "{stdout}");

    // The files with lying or missing charsets were read as what they are: the story's
    // accented and Japanese words came through, whatever the declaration said.
    let after = works_json(&lib);
    for (title, words) in [
        ("Salt Road (utf-8)", &["café", "Zoë"][..]),
        ("Salt Road (shift_jis)", &["café", "Zoë"]),
        ("Salt Road (windows-1252)", &["海辺の喫茶店", "café", "Zoë"]),
        ("Salt Road", &["café", "Zoë"]),
    ] {
        let work = after
            .values()
            .find(|w| w["title"] == title)
            .unwrap_or_else(|| panic!("{title} was not imported"));
        let text = work["chapters"][0]["html"].as_str().unwrap();
        for word in words {
            assert!(text.contains(word), "{title}: {word} missing from {text}");
        }
    }

    // The works already there are exactly as they were; the library checks clean.
    for (id, work) in &before {
        assert_eq!(after.get(id), Some(work), "work {id} changed");
    }
    assert_eq!(after.len(), before.len() + imported as usize);
    ok(&lib, &["check"]);

    // Nothing outside the library was written, created or removed; no entry escaped.
    assert_eq!(tree_outside(root.path(), &lib), outside_before);
    assert!(!Path::new("/tmp/ficshelf-escaped.xhtml").exists());
    assert!(!root.path().join("escaped.xhtml").exists());

    eprintln!(
        "hostile import: {taken} files, {imported} imported, {unchanged} unchanged, {failed} \
         refused, peak resident set {} MB",
        run.max_rss_bytes >> 20
    );
    assert!(
        run.max_rss_bytes < MAX_RSS_BYTES,
        "the import peaked at {} MB",
        run.max_rss_bytes >> 20
    );
}

/// Every work's JSON, by id.
fn works_json(lib: &Path) -> BTreeMap<u64, Value> {
    let list = json(lib, &["search", "--json", "--limit", "1000"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let id = w["id"].as_u64().unwrap();
            (id, json(lib, &["show", &id.to_string(), "--json"]))
        })
        .collect()
}

/// The path at the start of `rest` (`<path>: <reason>`): the longest prefix ending before a
/// `: ` that names something under `root` (paths may hold `: ` themselves).
fn split_path<'a>(rest: &'a str, root: &Path) -> Option<(String, &'a str)> {
    let root = root.display().to_string();
    rest.match_indices(": ")
        .map(|(i, _)| (&rest[..i], &rest[i + 2..]))
        .find(|(path, _)| path.starts_with(&root))
        .map(|(path, reason)| (path.to_string(), reason))
}

/// Every entry under `root` except the library: path, kind, size and modification time.
fn tree_outside(root: &Path, lib: &Path) -> Vec<(PathBuf, String, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path == lib {
                continue;
            }
            let meta = fs::symlink_metadata(&path).unwrap();
            let kind = format!("{:?}", meta.file_type());
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.push((path, kind, meta.len(), meta.modified().ok()));
        }
    }
    out.sort();
    out
}

struct Measured {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    max_rss_bytes: u64,
}

/// Run the ficshelf binary with `args` in `cwd` and wait for it with `wait4`, which gives this child's
/// own peak resident set (not that of other tests' children, as `RUSAGE_CHILDREN` would). A
/// watchdog kills it past the hang guard.
fn run_measured(cwd: &Path, args: &[&std::ffi::OsStr]) -> Measured {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let child = Command::new(assert_cmd::cargo::cargo_bin("ficshelf"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", cwd)
        .env("TMPDIR", cwd)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let done = Arc::new(AtomicBool::new(false));
    let killed = Arc::new(Mutex::new(false));
    let watchdog = {
        let (done, killed) = (done.clone(), killed.clone());
        std::thread::spawn(move || {
            let start = Instant::now();
            while !done.load(Ordering::SeqCst) {
                if start.elapsed() > HANG_GUARD {
                    *killed.lock().unwrap() = true;
                    // SAFETY: the child is not reaped until wait4 returns, so the pid is ours.
                    unsafe { libc::kill(pid, libc::SIGKILL) };
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    let mut status = 0;
    // SAFETY: rusage is plain data, zeroed is a valid value; wait4 writes it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child, with valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, Ordering::SeqCst);
    watchdog.join().unwrap();
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        !*killed.lock().unwrap(),
        "the import hung (killed after {HANG_GUARD:?})"
    );
    // `Child` was never waited for through std; forgetting it leaves nothing behind (reaped).
    std::mem::forget(child);
    Measured {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: fs::read(out_path).unwrap(),
        stderr: fs::read(err_path).unwrap(),
        // ru_maxrss is in kilobytes on Linux.
        max_rss_bytes: u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024,
    }
}
