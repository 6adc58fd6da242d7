#!/usr/bin/env bash
# Run ficshelf's fuzz targets (fuzz/, cargo fuzz + libFuzzer) one after another.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; no TARGET means every target. Each run starts from the
# target's seeds (written from the fixtures by ficshelf-fuzz-seeds) plus the corpus kept from
# earlier runs in fuzz/corpus/<target> (not committed), in one process on one core (no -jobs:
# that would send libFuzzer's output to fuzz-N.log files). A crash, hang or
# out-of-memory input lands in fuzz/artifacts/<target>/: copy it to fuzz/regressions/<target>/
# once fixed, and `cargo test -p ficshelf-fuzzing` replays it in CI. Figures per target go to
# fuzz/logs/<target>.log (the last libFuzzer status line has execs, coverage and corpus size).
#
# Exits 1 when a run wrote a crash, timeout or out-of-memory input (CI runs
# `FUZZ_PROFILE=dev fuzz.sh 10` as a smoke of every target: a new finding fails it).
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on stable Rust through RUSTC_BOOTSTRAP=1.
# FUZZ_PROFILE=dev builds the targets without optimization: a build of half the time and runs
# several times slower, which suits CI's smoke (`FUZZ_PROFILE=dev scripts/fuzz.sh 10`).
# SANITIZER=address turns AddressSanitizer on (default none: ficshelf is safe Rust, and the
# machine's two cores go further without it). See docs/fuzzing.md.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
shift || true
all=(detect_decode read_txt read_html read_epub epub_parts sanitize search_query epub_roundtrip)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Per-target input size cap: whole EPUBs need room, queries and fragments do not.
max_len() {
  case $1 in
    read_epub | epub_parts) echo 262144 ;;
    search_query) echo 4096 ;;
    *) echo 65536 ;;
  esac
}

sanitizer=${SANITIZER:-none}
case ${FUZZ_PROFILE:-release} in
  release) profile=() ;;
  dev) profile=(--dev) ;;
  *) echo "fuzz.sh: FUZZ_PROFILE is release or dev, not ${FUZZ_PROFILE}" >&2; exit 2 ;;
esac
cd "$repo"
# Built before RUSTC_BOOTSTRAP is set: the variable is part of cargo's fingerprint, and setting
# it here would rebuild the whole workspace's debug build (and again at the next cargo test).
cargo build --quiet -p ficshelf-fuzzing --bin ficshelf-fuzz-seeds
seeder="$repo/target/debug/ficshelf-fuzz-seeds"
export RUSTC_BOOTSTRAP=1
cd "$repo/fuzz"
cargo fuzz build "${profile[@]}" -s "$sanitizer"
mkdir -p logs
findings() { find "artifacts/$1" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort; }
found=()
for t in "${targets[@]}"; do
  seeds=$(mktemp -d)
  "$seeder" "$t" "$seeds"
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(findings "$t")
  echo "== $t: ${seconds}s"
  # -rss_limit_mb: the import must stay far below this; an input that needs more is a finding.
  cargo fuzz run "${profile[@]}" -s "$sanitizer" "$t" "corpus/$t" "$seeds" -- \
    -max_total_time="$seconds" -max_len="$(max_len "$t")" \
    -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" 2>&1 | tee "logs/$t.log" | grep -E "^#[0-9]+.*(pulse|DONE)|^==|SUMMARY|Test unit written|stat::" || true
  rm -rf "$seeds"
  while IFS= read -r f; do
    [ -n "$f" ] && found+=("fuzz/$f")
  done < <(comm -13 <(echo "$before") <(findings "$t"))
done
if [ ${#found[@]} -gt 0 ]; then
  echo "fuzz.sh: ${#found[@]} new finding(s); reproduce with cargo fuzz run ${profile[*]} -s $sanitizer TARGET FILE:"
  printf '  %s\n' "${found[@]}"
  exit 1
fi
