#!/usr/bin/env bash
# Soak ficshelf's library for a chosen time: four workers (import, search, export, remove)
# running ficshelf processes back to back on one library, then `ficshelf check` and the
# counts (imported − removed = works; every search result shown; every export whole).
# It is the CI test tests/cli/soak.rs run longer; the last line is the operation counts.
#
#   scripts/soak.sh [SECONDS] [--release]      # default 60 seconds, debug build
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
profile=()
if [[ "${2:-}" == "--release" ]]; then profile=(--release); fi
export FICSHELF_SOAK_SECS="$secs"
cargo test "${profile[@]}" -p ficshelf --test cli -- --exact \
    soak::four_processes_on_one_library_then_the_counts_add_up --nocapture 2>&1 |
    grep -E '^(soak:|test |test result)|panicked|assert'
