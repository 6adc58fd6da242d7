#!/usr/bin/env bash
# Benchmark the library (issue 6) on generated corpora (ficshelf-corpus), release builds:
#   1. `ficshelf import` of 10,000 works into a new library, FICSHELF_BENCH_RUNS times: works/s
#      and peak memory (/usr/bin/time). Targets: >= 1,000 works/s, <= 300 MB.
#   2. Throughput vs library size: the FICSHELF_BENCH_WORKS corpus (100,000 works) imported into
#      one library in steps (1k, 2k, 5k, 10k, 20k, 50k, 100k), each step timed with its peak RSS.
#   3. Search latency percentiles through the library facade on that library (bench binary
#      `crates/library/benches/library.rs`): full text + two filters (p50 <= 5 ms, p99 <= 30 ms),
#      filters only with facets (p99 <= 20 ms), and two heavier shapes.
#   4. Size on disk against the text the library holds (<= 1.5x).
# Each timed import waits for the 1-minute load average to fall below FICSHELF_BENCH_MAX_LOAD
# (default 1.5; others build on this machine) for at most FICSHELF_BENCH_WAIT seconds, and
# records the load it started at; libraries are deleted a minute before any timed import (see
# settle).
# Then writes target/bench-library/results.txt and the plot docs/benchmarks-library.svg
# (scripts/plot-library.py, Python's standard library only).
#
#   scripts/bench-library.sh                       # everything (the 100k library takes a while)
#   scripts/bench-library.sh --print-library       # build the FICSHELF_BENCH_WORKS library if
#                                                  # needed and print its path (for bench-web.sh)
#   FICSHELF_BENCH_WORKS=20000 scripts/bench-library.sh   # a smaller big library
#
# Corpora are generated once into target/bench-corpus/works-N and libraries kept under
# target/bench-library/, so a second run only re-measures.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WORKS=${FICSHELF_BENCH_WORKS:-100000}
IMPORT_WORKS=${FICSHELF_BENCH_IMPORT_WORKS:-10000}
RUNS=${FICSHELF_BENCH_RUNS:-3}
CORPORA=target/bench-corpus
OUT=target/bench-library
mkdir -p "$CORPORA" "$OUT"
log() { echo "$@" >&2; }

build() {
  cargo build --release -q -p ficshelf-corpus --bin ficshelf-corpus >&2
  cargo build --release -q -p ficshelf --bin ficshelf >&2
}

# The search/size bench binary, built before anything is timed (its build would load the
# machine during the imports).
build_bench() {
  cargo bench -q --no-run -p ficshelf-library --bench library >&2 2>/dev/null
}

# corpus N SEED: the folder of N generated works (1,000 per subfolder), made once.
corpus() {
  local dir=$CORPORA/works-$1
  if [ ! -f "$dir/.complete" ]; then
    log "generating $1 works into $dir (once)"
    rm -rf "$dir"
    target/release/ficshelf-corpus "$dir" --works "$1" --seed "$2" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# The steps of the throughput-vs-size run, up to N.
steps() {
  for s in 1000 2000 5000 10000 20000 50000 100000 200000 500000; do
    [ "$s" -lt "$1" ] && echo "$s"
  done
  echo "$1"
}

# settle: after deleting a library, wait until the deleted inodes are a minute old. On this
# machine's ext4 (no journal) creating a file scans past inodes deleted in the last minute, and
# an import creates one file per original: timing an import right after `rm -rf` of the last
# one measured the deletion (a fifth of the CPU in the kernel's recently_deleted()).
settle() {
  sync
  sleep "${FICSHELF_BENCH_SETTLE:-65}"
}

# quiet: wait (at most FICSHELF_BENCH_WAIT seconds, default 900) for the 1-minute load average
# to fall below FICSHELF_BENCH_MAX_LOAD (default 1.5): other people build on this machine.
# Prints the load it started at.
quiet() {
  local waited=0 max=${FICSHELF_BENCH_MAX_LOAD:-1.5}
  while python3 -c "import sys; sys.exit(0 if float(open('/proc/loadavg').read().split()[0]) >= $max else 1)" \
    && [ "$waited" -lt "${FICSHELF_BENCH_WAIT:-900}" ]; do
    sleep 10
    waited=$((waited + 10))
  done
  cut -d' ' -f1 /proc/loadavg
}

# timed CMD...: run CMD under /usr/bin/time, which writes "seconds user sys peak_kb" to
# $OUT/time.<pid>; CMD's own output passes through.
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.$$" "$@"
}

# big_library: the FICSHELF_BENCH_WORKS library, imported step by step (measuring each step
# into $OUT/steps-N.txt) unless it is already complete. Under a lock: bench-web.sh may ask for
# the same library at the same time, and a half-built library is only ever removed by the one
# process building it.
big_library() {
  local lib=$OUT/library-$WORKS
  exec 9>"$OUT/.library-$WORKS.lock"
  flock 9
  if [ -f "$lib/.complete" ]; then
    flock -u 9
    echo "$lib"
    return
  fi
  local src
  src=$(corpus "$WORKS" 7)
  if [ -e "$lib" ]; then
    rm -rf "$lib"
    settle
  fi
  : >"$OUT/steps-$WORKS.txt"
  local from=0
  for to in $(steps "$WORKS"); do
    # The corpus has 1,000 works per subfolder: this step imports subfolders [from/1000, to/1000).
    local dirs=()
    for ((i = from / 1000; i < (to + 999) / 1000; i++)); do
      dirs+=("$src/$(printf %03d "$i")")
    done
    local load
    load=$(quiet)
    log "step: library of $from works + $((to - from)) (load average $load)"
    local t
    t=$(timed target/release/ficshelf import --library "$lib" "${dirs[@]}" 2>>"$OUT/import-errors.txt" | tail -1)
    read -r secs user sys kb <<<"$(tail -1 "$OUT/time.$$")"
    echo "step from=$from to=$to seconds=$secs user=$user sys=$sys peak_rss_kb=$kb works_per_second=$(python3 -c "print(round(($to-$from)/$secs))") load_before=$load summary=\"$t\"" >>"$OUT/steps-$WORKS.txt"
    from=$to
  done
  touch "$lib/.complete"
  flock -u 9
  echo "$lib"
}

build
if [ "${1:-}" = "--print-library" ]; then
  big_library
  exit 0
fi

# One full run at a time (they share the 10k import library and the results).
exec 8>"$OUT/.run.lock"
flock 8
build_bench
RESULTS=$OUT/results.txt
{
  echo "machine cores=$(nproc) model=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" date=$(date -u +%Y-%m-%dT%H:%MZ)"
} >"$RESULTS"

: >"$OUT/import-errors.txt"

# 1. Import of IMPORT_WORKS works into a new library: each run into a folder of its own, the
# previous runs' libraries deleted once, before the first (see settle).
SMALL=$(corpus "$IMPORT_WORKS" 1)
rm -rf "$OUT/import-$IMPORT_WORKS" "$OUT"/import-"$IMPORT_WORKS".run*
settle
for run in $(seq "$RUNS"); do
  lib=$OUT/import-$IMPORT_WORKS.run$run
  load=$(quiet)
  log "import run $run of $IMPORT_WORKS works (load average $load)"
  summary=$(timed target/release/ficshelf import --library "$lib" "$SMALL" 2>>"$OUT/import-errors.txt" | tail -1)
  read -r secs user sys kb <<<"$(tail -1 "$OUT/time.$$")"
  echo "import run=$run works=$IMPORT_WORKS seconds=$secs user=$user sys=$sys peak_rss_kb=$kb works_per_second=$(python3 -c "print(round($IMPORT_WORKS/$secs))") load_before=$load summary=\"$summary\"" >>"$RESULTS"
done
mv "$OUT/import-$IMPORT_WORKS.run$RUNS" "$OUT/import-$IMPORT_WORKS"
rm -rf "$OUT"/import-"$IMPORT_WORKS".run*
cargo bench -q -p ficshelf-library --bench library -- size "$ROOT/$OUT/import-$IMPORT_WORKS" | sed 's/^size /size library=import-'"$IMPORT_WORKS"' /' >>"$RESULTS"

# 2. Throughput vs library size (and the big library for 3 and 4).
BIG=$(big_library)
cat "$OUT/steps-$WORKS.txt" >>"$RESULTS"

# 3. Search latency through the facade.
log "search percentiles on $BIG"
cargo bench -q -p ficshelf-library --bench library -- search "$ROOT/$BIG" >>"$RESULTS"

# 4. Size on disk.
cargo bench -q -p ficshelf-library --bench library -- size "$ROOT/$BIG" | sed 's/^size /size library=library-'"$WORKS"' /' >>"$RESULTS"

python3 scripts/plot-library.py "$RESULTS" docs/benchmarks-library.svg
cat "$RESULTS"
