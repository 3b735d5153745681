#!/bin/sh
# SEN2 at national scale: import time and peak memory against xmllint's
# streaming parse of the same file (the parse ceiling), export and kpis time.
#
#   BUILD=build sh bench/sen2/run.sh [N] [sqlite|postgresql://...]
#
# N persons (default 640000). With a PostgreSQL URL the database it names
# must exist and be empty (scripts/pg-cluster.sh createdb ... NAME).
# FILE=path reuses a generated file (gen.py N > path) instead of a new one.
# Wall times on a shared machine move with its load: compare the import
# with the xmllint line of the same run, and look at cpu (user + system).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
N=${1:-640000}
target=${2:-sqlite}
dir=$(mktemp -d "${TMPDIR:-/tmp}/sendhub-bench-sen2.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin=$BUILD/sendhub
if [ "$target" = sqlite ]; then db=sqlite:$dir/bench.db; else db=$target; fi
command -v xmllint >/dev/null || { echo "install libxml2-utils (xmllint)"; exit 2; }
xml=${FILE:-$dir/sen2.xml}
[ -n "${FILE:-}" ] || python3 bench/sen2/gen.py "$N" > "$xml"
echo "file: $(grep -c '<Person>' "$xml") persons, $(du -m "$xml" | cut -f1) MB; database: ${target%%://*}"
$bin demo --db "$db" >/dev/null
measure() { # label command...; sets $wall (seconds)
  label=$1; shift
  /usr/bin/time -v "$@" 2>"$dir/time.txt" >"$dir/out.txt" || { cat "$dir/time.txt"; exit 1; }
  wall=$(awk '/Elapsed \(wall clock\)/ {n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$dir/time.txt")
  printf '%-14s wall %8s  cpu %7s s  peak %6s MB\n' "$label" \
    "$(grep 'Elapsed (wall clock)' "$dir/time.txt" | awk '{print $NF}')" \
    "$(awk '/User time/ {u=$NF} /System time/ {s=$NF} END {printf "%.2f", u+s}' "$dir/time.txt")" \
    "$(awk '/Maximum resident/ {printf "%d", $NF/1024}' "$dir/time.txt")"
}
measure "xmllint" xmllint --stream --noout "$xml"; x1=$wall
measure "sen2 import" $bin sen2 import "$xml" --area 991 --db "$db"; imp=$wall
measure "xmllint" xmllint --stream --noout "$xml"
echo "import / xmllint: $(awk -v i="$imp" -v a="$x1" -v b="$wall" 'BEGIN {printf "%.2f", 2 * i / (a + b)}') (goal: 2 or less; the import's wall over the mean of the xmllint runs either side)"
measure "sen2 export" $bin sen2 export --year 2025 --area 991 --db "$db" --out "$dir/export.xml"
measure "sen2 kpis" $bin sen2 kpis --year 2024 --db "$db"
[ -z "${REIMPORT:-}" ] || measure "sen2 re-import" $bin sen2 import "$xml" --area 991 --db "$db"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) (wall times on a shared machine; cpu = user + system)"
echo "exported persons: $(grep -c '<Person>' "$dir/export.xml")"
