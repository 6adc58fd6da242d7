#!/usr/bin/env bash
# Benchmark `ficshelf serve` (issue 7) with wrk on loopback, over a generated library:
#   - latency (one connection, one request at a time) of the works list with two filters
#     (a fandom and a rating, over many fandoms) and of chapter pages (random works and chapters);
#   - throughput with several connections on each of them.
# Targets: list with two filters p99 <= 30 ms, chapter page p99 <= 10 ms, >= 1,000 requests/s.
#
#   scripts/bench-web.sh                                   # 100,000 works
#   FICSHELF_BENCH_WORKS=10000 scripts/bench-web.sh        # a smaller library
#   FICSHELF_BENCH_LIBRARY=DIR scripts/bench-web.sh        # any existing library
#   FICSHELF_BENCH_SECONDS=30 FICSHELF_BENCH_CONNECTIONS=32 scripts/bench-web.sh
#
# The library is built once by scripts/bench-library.sh and kept under target/. Needs wrk
# (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

WORKS=${FICSHELF_BENCH_WORKS:-100000}
SECONDS_EACH=${FICSHELF_BENCH_SECONDS:-20}
CONNECTIONS=${FICSHELF_BENCH_CONNECTIONS:-16}
OUT=target/bench-web
mkdir -p "$OUT"

command -v wrk >/dev/null || { echo "error: wrk is needed: apt-get install -y wrk" >&2; exit 2; }

cargo build --release --bin ficshelf -p ficshelf
BIN=target/release/ficshelf

# The library: the one scripts/bench-library.sh builds (once) and keeps under target/, or any
# library given.
LIB=${FICSHELF_BENCH_LIBRARY:-}
if [ -z "$LIB" ]; then
  LIB=$(FICSHELF_BENCH_WORKS=$WORKS scripts/bench-library.sh --print-library)
fi
[ -f "$LIB/library.sqlite3" ] || { echo "error: no library at $LIB" >&2; exit 2; }

LOG=$OUT/serve.log
"$BIN" serve --library "$LIB" --addr 127.0.0.1:0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  grep -q 'http://' "$LOG" 2>/dev/null && break
  kill -0 $SERVER 2>/dev/null || { cat "$LOG" >&2; exit 2; }
  sleep 0.1
done
BASE=$(grep -o 'http://[0-9.:]*' "$LOG" | head -1)
echo "server: $BASE over $LIB"

# The requests: two-filter list pages over the 200 most common fandoms and every rating, and
# chapter pages of 2,000 works picked across the library.
python3 - "$BASE" "$OUT" <<'EOF'
import json, random, sys, urllib.parse, urllib.request
base, out = sys.argv[1], sys.argv[2]
get = lambda path: json.load(urllib.request.urlopen(base + path))
facets = get("/api/facets?limit=200")
total = facets["total"]
fandoms = [f["name"] for f in facets["fandoms"]]
ratings = [r["name"] for r in facets["ratings"]]
rng = random.Random(7)
lists = [
    "/works?" + urllib.parse.urlencode([("fandom", f), ("rating", r)])
    for f in fandoms for r in ratings
]
rng.shuffle(lists)
chapters = []
for _ in range(20):
    offset = rng.randrange(max(1, total - 100))
    page = get(f"/api/works?sort=title&limit=100&offset={offset}")
    for w in page["works"]:
        chapters.append(f"/works/{w['id']}/chapters/{rng.randint(1, max(1, w['chapters']))}")
rng.shuffle(chapters)
open(f"{out}/list-paths.txt", "w").write("\n".join(lists) + "\n")
open(f"{out}/chapter-paths.txt", "w").write("\n".join(chapters) + "\n")
print(f"library: {total} works; {len(lists)} list URLs, {len(chapters)} chapter URLs")
EOF

run() { # name connections threads paths
  wrk -t"$3" -c"$2" -d"${SECONDS_EACH}s" --timeout 10s -s scripts/bench-web.lua "$BASE" -- "$4" \
    | grep RESULT | sed "s/^RESULT/$1/"
}

# Warm up (first touches of the index and the database pages), not reported.
wrk -t1 -c4 -d5s -s scripts/bench-web.lua "$BASE" -- "$OUT/list-paths.txt" >/dev/null
wrk -t1 -c4 -d5s -s scripts/bench-web.lua "$BASE" -- "$OUT/chapter-paths.txt" >/dev/null

echo "--- latency: one connection, one request at a time"
run "list (fandom + rating)" 1 1 "$OUT/list-paths.txt"
run "chapter page          " 1 1 "$OUT/chapter-paths.txt"
echo "--- throughput: $CONNECTIONS connections, 2 wrk threads"
run "list (fandom + rating)" "$CONNECTIONS" 2 "$OUT/list-paths.txt"
run "chapter page          " "$CONNECTIONS" 2 "$OUT/chapter-paths.txt"
