//! CI's share of fuzzing: every seed and every committed regression input of every target runs
//! through the same body the fuzzer runs (`ficshelf_fuzzing::run`), which panics when an
//! invariant breaks. Long fuzzing runs are `scripts/fuzz.sh`, not a test.

use std::panic::{AssertUnwindSafe, catch_unwind};

use ficshelf_fuzzing::{TARGETS, run, seeds};

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
    eprintln!("{count} regression inputs replayed");
}

#[test]
fn a_broken_invariant_is_caught() {
    // The replay must be able to fail: an input that breaks nothing passes, one that names no
    // target panics, and a detect input's NUL is refused without panicking.
    assert!(replay("sanitize", &[("ok".into(), b"<p>x</p>".to_vec())]).is_empty());
    assert!(catch_unwind(|| run("no_such_target", b"")).is_err());
    assert!(replay("detect_decode", &[("nul".into(), b"\0\0\0".to_vec())]).is_empty());
}
