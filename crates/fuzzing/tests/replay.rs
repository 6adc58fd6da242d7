//! CI's share of fuzzing: every seed and every committed regression input of every target runs
//! through the same body the fuzzer runs (`ficshelf_fuzzing::run`), which panics when an
//! invariant breaks. Long fuzzing runs are `scripts/fuzz.sh`, not a test.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ficshelf_fuzzing::{TARGETS, assert_same_work, check_work, run, seeds};
use ficshelf_ingest::Options;
use ficshelf_model::{Limits, Work};

fn replay(target: &str, inputs: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, bytes) in inputs {
        if catch_unwind(AssertUnwindSafe(|| run(target, bytes))).is_err() {
            failures.push(format!("{target}: {name}"));
        }
    }
    failures
}

#[test]
fn every_target_has_seeds() {
    for (target, _) in TARGETS {
        assert!(!seeds::seeds(target).is_empty(), "{target} has no seeds");
    }
}

#[test]
fn seeds_keep_every_invariant() {
    let mut failures = Vec::new();
    for (target, _) in TARGETS {
        failures.extend(replay(target, &seeds::seeds(target)));
    }
    assert!(
        failures.is_empty(),
        "seeds that fail:\n{}",
        failures.join("\n")
    );
}

#[test]
fn regression_inputs_keep_every_invariant() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (target, _) in TARGETS {
        let inputs = seeds::regressions(target);
        count += inputs.len();
        failures.extend(replay(target, &inputs));
    }
    assert!(
        failures.is_empty(),
        "regression inputs that fail again:\n{}",
        failures.join("\n")
    );
    // An empty or misread folder must not pass as "no failures".
    assert!(count >= 20, "only {count} regression inputs found");
    eprintln!("{count} regression inputs replayed");
}

#[test]
fn every_regression_folder_names_a_target() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions");
    let mut folders = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            assert!(
                TARGETS.iter().any(|(t, _)| *t == name),
                "fuzz/regressions/{name} is not a target: its inputs are never replayed"
            );
            assert!(!seeds::regressions(&name).is_empty(), "{name} is empty");
            folders += 1;
        }
    }
    assert!(folders > 0);
}

/// What a test does to a work, and what it calls it.
type Change = (&'static str, fn(&mut Work));

fn read(name: &str, text: &str) -> Work {
    ficshelf_ingest::read_bytes(name, text.as_bytes(), &Options::default()).expect("reads")
}

const STORY: &str = "Title: The Lighthouse\nAuthor: Fen Harrow\nFandom: Original Work\n\
    Summary: Keepers.\n\nChapter 1\n\nThe lamp was lit at dusk and the keeper slept.\n\n\
    Chapter 2\n\nMorning came grey over the water.\n";

#[test]
fn the_work_checks_catch_a_broken_work() {
    let limits = Limits::default();
    let good = read("story.txt", STORY);
    check_work(&good, &limits);
    let broken: [Change; 5] = [
        ("empty title", |w| w.title = " ".into()),
        ("words not the chapters' sum", |w| w.words += 1),
        ("chapter words", |w| {
            w.chapters[0].html.push_str("<p>more</p>")
        }),
        ("unsanitized HTML", |w| {
            w.chapters[1].html = "<script>x</script>".into()
        }),
        ("empty tag", |w| w.tags.push(String::new())),
    ];
    for (what, breaks) in broken {
        let mut w = good.clone();
        breaks(&mut w);
        assert!(
            catch_unwind(AssertUnwindSafe(|| check_work(&w, &limits))).is_err(),
            "a work with {what} passed"
        );
    }
}

#[test]
fn the_round_trip_check_catches_a_changed_work() {
    let good = read("story.txt", STORY);
    assert_same_work(&good, &good.clone());
    // Each change keeps the word count, so only comparing the text itself finds it.
    let changed: [Change; 6] = [
        ("chapter text", |w| {
            w.chapters[0].html = w.chapters[0].html.replace("dusk", "dawn")
        }),
        ("chapter title", |w| {
            w.chapters[1].title = Some("Grey".into())
        }),
        ("summary", |w| w.summary = Some("<p>Sleepers.</p>".into())),
        ("end notes", |w| w.end_notes = Some("<p>Thanks.</p>".into())),
        ("language", |w| w.language = Some("fr".into())),
        ("a chapter's notes", |w| {
            w.chapters[0].notes = Some("<p>Hi.</p>".into())
        }),
    ];
    for (what, change) in changed {
        let mut w = good.clone();
        change(&mut w);
        assert!(
            catch_unwind(AssertUnwindSafe(|| assert_same_work(&good, &w))).is_err(),
            "a changed {what} passed the round-trip check"
        );
    }
}

#[test]
fn a_broken_invariant_is_caught() {
    // The replay must be able to fail: an input that breaks nothing passes, one that names no
    // target panics, and a detect input's NUL is refused without panicking.
    assert!(replay("sanitize", &[("ok".into(), b"<p>x</p>".to_vec())]).is_empty());
    assert!(catch_unwind(|| run("no_such_target", b"")).is_err());
    assert!(replay("detect_decode", &[("nul".into(), b"\0\0\0".to_vec())]).is_empty());
}
