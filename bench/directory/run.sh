#!/bin/sh
# Local Offer at national scale: generate 50,000 services / 80,000 locations
# (generate.mjs), import them with `sendhub directory import` into a fresh
# database, then drive with wrk, one endpoint at a time, on loopback:
#   /oruk/services?search=...                       full-text search
#   /oruk/service_at_locations?postcode=...&proximity=8000   spatial search
#   /directory?q=...&postcode=...                   the HTML search page
#   /healthz                                        the ceiling
# and then the three searches again, 2,000 different ones of each at random
# (mix.mjs, mix.lua).
#
#   sh bench/directory/run.sh [sqlite|postgresql://...] [BIN]
#   SERVICES=50000 LOCATIONS=80000 DURATION=10s CONNECTIONS=64 THREADS=2 PORT=18250
#   MIX=2000 (different searches of each kind in the mixed runs)
#   REUSE=1 (no import: drive the database already there)
#   SENDHUB_DIR_CACHE=0 (the server without its search cache: every request
#   runs the search and builds the page)
# With a PostgreSQL URL the database it names must exist and be empty.
set -eu
cd "$(dirname "$0")/../.."
target=${1:-sqlite}
bin=${2:-build/sendhub}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18250}
work=${WORK:-/tmp/sendhub-bench-directory}
command -v wrk >/dev/null || { echo "bench: wrk is not installed" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: $bin not found; run make" >&2; exit 1; }
mkdir -p "$work"
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

[ -s "$work/services.ndjson" ] || node bench/directory/generate.mjs "$work" "${SERVICES:-50000}" "${LOCATIONS:-80000}"
if [ "$target" = sqlite ]; then
  db="sqlite:$work/bench.db"
else
  db=$target
fi
# REUSE=1: drive the database a previous run imported (or pg-copy.sh copied).
if [ "${REUSE:-0}" != 1 ]; then
  [ "$target" = sqlite ] && rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
  "$bin" init --db "$db" >/dev/null
  "$bin" postcodes import "$work/postcodes.csv" --db "$db"
  start=$(date +%s)
  "$bin" directory import "$work/services.ndjson" --db "$db"
  echo "import: $(( $(date +%s) - start )) s"
fi
[ "$target" = sqlite ] && echo "database: $(du -sh "$work/bench.db" | cut -f1)"

"$bin" serve --db "$db" --listen "127.0.0.1:$port" --quiet --threads 4 2>"$work/server.log" &
pid=$!
base="http://127.0.0.1:$port"
i=0
until curl -fs "$base/healthz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "bench: server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
pc=$(sed -n 2p "$work/postcodes.csv" | cut -d, -f1 | sed 's/ /%20/')
run() { # label wrk-arguments...
  echo "== $1"; shift
  wrk -t "$threads" -c "$conns" -d "$duration" --latency "$@" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
}
# The issue's three searches, each asked again and again, then the ceiling.
for path in "/oruk/services?search=autistic%20support" \
            "/oruk/service_at_locations?postcode=$pc&proximity=8000" \
            "/directory?q=club&postcode=$pc&distance=5" \
            "/healthz"; do
  curl -fs -o /dev/null "$base$path" || { echo "bench: $path failed" >&2; exit 1; }
  run "$path" "$base$path"
done
# The same three kinds of search, $MIX different ones of each drawn at random
# (mix.mjs: typed words and prefixes, postcodes, distances): the answer cache
# then holds only what fits and repeats, as in real use.
node bench/directory/mix.mjs "$work" "${MIX:-2000}"
for kind in words places page; do
  run "mixed: $(sed -n 1p "$work/mix-$kind.txt" | cut -d'?' -f1), ${MIX:-2000} different" -s bench/directory/mix.lua "$base/" -- "$work/mix-$kind.txt"
done
[ "$target" = sqlite ] || echo "database: $("$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -n 1)" -X -At "$db" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
# The server's own memory (heap: caches, buffers) apart from the database
# file's pages SQLite maps (shared page cache, counted once per connection).
echo "server memory: $(awk '/^(VmHWM|RssAnon|RssFile):/ {printf "%s %d MB  ", $1, $2 / 1024}' /proc/$pid/status)"
