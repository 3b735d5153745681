#!/bin/sh
# Runs the demo: fills sendhub.db with demo data (first time only; `demo`
# prints the sign-ins) and serves it.
#
#   sh scripts/demo.sh BIN        LISTEN=host:port to listen elsewhere
set -eu
[ $# -eq 1 ] || { echo "usage: $0 path/to/sendhub" >&2; exit 2; }
bin=$1
case "$bin" in
  /*) ;;
  *) bin=$(pwd)/$bin ;;
esac
# The server finds static/ relative to its working folder: the repo root.
cd "$(dirname "$0")/.."
[ -x "$bin" ] || { echo "demo: $bin not found; run 'make' first" >&2; exit 1; }
listen=${LISTEN:-127.0.0.1:8080}
db=sqlite:sendhub.db

"$bin" demo --db "$db"
echo
echo "sendhub is running at http://$listen/  (Ctrl-C stops it)"
exec "$bin" serve --db "$db" --listen "$listen"
