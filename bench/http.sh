#!/bin/sh
# Foundation benchmark: wrk against /healthz (the ceiling: one database
# ping) and a signed-in page (session lookup + page shell), on the optimised
# build and a demo SQLite database. Loopback only; every run is bounded.
#
#   sh bench/http.sh [BIN]      (default build/sendhub)
#   DURATION=10s CONNECTIONS=64 THREADS=2 to change the load.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/sendhub}
duration=${DURATION:-10s}
conns=${CONNECTIONS:-64}
threads=${THREADS:-2}
port=${PORT:-18999}
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: $bin not found; run make" >&2; exit 1; }

work=$(mktemp -d /tmp/sendhub-bench.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT INT TERM

db="sqlite:$work/bench.db"
"$bin" demo --db "$db" >/dev/null
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --quiet 2>"$work/server.log" &
pid=$!
base="http://127.0.0.1:$port"
i=0
until curl -fs "$base/healthz" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "bench: server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done

# Sign in once; wrk sends the session cookie on every request.
jar="$work/jar"
token=$(curl -fs -c "$jar" "$base/sign-in" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null -d "csrf_token=$token&email=officer@northbridge.example&password=demo-password-1" "$base/sign-in"
session=$(awk '$6 == "sh_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "bench: sign-in failed" >&2; exit 1; }

run() {
  name=$1; shift
  printf '\n== %s\n' "$name"
  wrk --latency -t"$threads" -c"$conns" -d"$duration" "$@" | grep -E 'Requests/sec|^ +(50|99)%|Non-2xx|Socket errors'
}
echo "$($bin version) on $(nproc) cores; wrk -t$threads -c$conns -d$duration"
run "/healthz" "$base/healthz"
run "signed-in home page" -H "Cookie: sh_session=$session" "$base/"
printf '\nserver RSS: %s kB\n' "$(awk '/VmRSS/ {print $2}' /proc/$pid/status)"
