//! Limits set by the library's `ficshelf.toml` and by `--limit KEY=VALUE`: a lowered limit
//! changes what is refused, the refusal names the limit's key, a flag beats the file, and a
//! file or flag that cannot be used stops the command (exit 2, one line) before any input is
//! read or any library is created.

use std::path::Path;

use crate::util::{assert_one_error_line, ficshelf, fixture};

/// A story of three chapters (marked), 1 KB or so.
const STORY: &str = "Title: Three Parts\nAuthor: Wren\nFandom: Original Work\n\n\
Chapter 1\n\nThe first part, long enough to be a chapter of its own.\n\n\
Chapter 2\n\nThe second part, also long enough to count as one.\n\n\
Chapter 3\n\nThe third part, where the story ends.\n\nThe End\n";

fn write_story(dir: &Path) -> String {
    let path = dir.join("three-parts.txt");
    std::fs::write(&path, STORY).unwrap();
    path.to_string_lossy().into_owned()
}

fn import(lib: &Path, file: &str, flags: &[&str]) -> std::process::Output {
    ficshelf()
        .arg("import")
        .arg(file)
        .args(flags)
        .arg("--library")
        .arg(lib)
        .output()
        .unwrap()
}

#[test]
fn a_limit_lowered_in_ficshelf_toml_refuses_what_it_used_to_take() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_story(dir.path());
    // Taken with the defaults.
    let open = dir.path().join("open");
    let out = import(&open, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");

    let lib = dir.path().join("strict");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("ficshelf.toml"), "[limits]\nmax_chapters = 2\n").unwrap();
    let out = import(&lib, &file, &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let reason = assert_one_error_line(&out.stderr, &file);
    assert_eq!(reason, "3 chapters, over the 2 limit (max_chapters)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("imported 0, updated 0, unchanged 0, failed 1"),
        "{stdout}"
    );

    // The same file's limit applies to inspect when the library is the default one.
    let out = ficshelf()
        .arg("inspect")
        .arg(&file)
        .env("FICSHELF_LIBRARY", &lib)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let reason = assert_one_error_line(&out.stderr, &file);
    assert!(reason.ends_with("(max_chapters)"), "{reason}");
}

#[test]
fn a_limit_flag_refuses_and_beats_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_story(dir.path());
    let size = STORY.len();

    // Lowered by the flag alone: inspect, convert and audit refuse, naming the key.
    let small = format!("max_file_bytes={}", size - 1);
    for cmd in [
        vec!["inspect"],
        vec!["audit"],
        vec!["convert", "-o", "out.json"],
    ] {
        let out = ficshelf()
            .args(&cmd)
            .arg(&file)
            .args(["--limit", &small])
            .env("FICSHELF_LIBRARY", dir.path().join("none"))
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "{cmd:?}");
        let reason = assert_one_error_line(&out.stderr, &file);
        assert_eq!(
            reason,
            format!(
                "file is {size} bytes, over the {} bytes limit (max_file_bytes)",
                size - 1
            ),
            "{cmd:?}"
        );
    }
    assert!(!dir.path().join("out.json").exists());

    // The file lowers it, the flag raises it again: the flag wins.
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(
        lib.join("ficshelf.toml"),
        "[limits]\nmax_file_bytes = 100\n",
    )
    .unwrap();
    let out = import(&lib, &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(assert_one_error_line(&out.stderr, &file).ends_with("(max_file_bytes)"));
    let out = import(&lib, &file, &["--limit", "max_file_bytes=1MiB"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 1,"));
}

#[test]
fn a_tag_map_over_its_limit_is_a_usage_error_naming_the_key() {
    let map = fixture("tagmaps/example.csv");
    let out = ficshelf()
        .arg("inspect")
        .arg(fixture("txt/the-quiet-between-stacks.txt"))
        .arg("--tag-map")
        .arg(&map)
        .args(["--limit", "max_tag_map_bytes=10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let reason = assert_one_error_line(&out.stderr, &map.to_string_lossy());
    assert!(
        reason.ends_with("over the 10 bytes limit (max_tag_map_bytes)"),
        "{reason}"
    );
}

#[test]
fn a_bad_ficshelf_toml_stops_with_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_story(dir.path());
    let cases = [
        (
            "[limits]\nmax_file_size = 10\n",
            "unknown limit \"max_file_size\"",
        ),
        (
            "[limit]\nmax_file_bytes = 10\n",
            "unknown setting \"limit\"",
        ),
        (
            "[limits]\nmax_chapters = \"lots\"\n",
            "limit max_chapters: ",
        ),
        (
            "[limits]\nmax_chapters = = 2\n",
            "not valid TOML (line 2): ",
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let lib = dir.path().join(format!("lib-{i}"));
        std::fs::create_dir(&lib).unwrap();
        let config = lib.join("ficshelf.toml");
        std::fs::write(&config, text).unwrap();
        let out = import(&lib, &file, &[]);
        assert_eq!(out.status.code(), Some(2), "{text:?}: {out:?}");
        let reason = assert_one_error_line(&out.stderr, &config.to_string_lossy());
        assert!(reason.starts_with(want), "{text:?}: {reason}");
        assert!(out.stdout.is_empty());
        // Stopped before the library was created.
        assert!(!lib.join("library.sqlite3").exists(), "{text:?}");
    }
}

#[test]
fn a_bad_limit_flag_stops_with_one_line_and_exit_2() {
    for (flag, want) in [
        (
            "max_chapters",
            "error: --limit: \"max_chapters\" is not KEY=VALUE",
        ),
        (
            "max_chapter=3",
            "error: --limit: unknown limit \"max_chapter\"",
        ),
        (
            "max_file_bytes=3MB",
            "error: --limit: limit max_file_bytes: \"3MB\" is not",
        ),
    ] {
        let out = ficshelf()
            .arg("inspect")
            .arg(fixture("txt/the-quiet-between-stacks.txt"))
            .args(["--limit", flag])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(want), "{flag}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn readme_and_reliability_doc_list_every_limit_with_its_default() {
    let defaults = ficshelf_model::Limits::default();
    for doc in ["README.md", "docs/reliability.md"] {
        let text = std::fs::read_to_string(crate::util::repo().join(doc)).unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| `")).collect();
        for info in ficshelf_model::LIMITS {
            let row = rows
                .iter()
                .find(|r| r.starts_with(&format!("| `{}` |", info.key)))
                .unwrap_or_else(|| panic!("{doc} does not list {}", info.key));
            let shown = row.split('|').nth(2).unwrap().trim().replace(',', "");
            let value = defaults.get(info.key).unwrap();
            let written = match shown.strip_suffix(" MiB") {
                Some(n) => n.parse::<u64>().map(|n| n << 20),
                None => shown.parse::<u64>(),
            };
            assert_eq!(written, Ok(value), "{doc}: {}: {shown}", info.key);
        }
    }
}
