#!/bin/sh
# Runs sendhub's test suites and prints one summary line, `N passed, N failed`.
#
#   BUILD=build sh scripts/run-tests.sh [unit|http|e2e|all]
#
#   unit  every $BUILD/tests/test_* (cmocka, ASan + UBSan)
#   http  node --test tests/http/  against $BUILD/sendhub-asan, on SQLite and
#         on PostgreSQL
#   e2e   node --test tests/e2e/   (playwright-core + axe-core in chromium)
#
# One throwaway PostgreSQL cluster (scripts/pg-cluster.sh) serves the whole
# run and is always removed at the end. Tests see it through
#   SENDHUB_TEST_PG        a database for the unit tests (sendhub_test)
#   SENDHUB_TEST_PG_ADMIN  the same URL; the HTTP tests create their own
#                          databases next to it
# Exit status is non-zero when anything failed.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

mode=${1:-all}
case "$mode" in
  unit | http | e2e | all) ;;
  *) echo "usage: $0 [unit|http|e2e|all]" >&2; exit 2 ;;
esac

BUILD=${BUILD:-build}
case "$BUILD" in
  /*) ;;
  *) BUILD=$root/$BUILD ;;
esac

# Sanitizers: leaks count, and the first error stops the program so a test
# cannot pass over it.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
CMOCKA_MESSAGE_OUTPUT=stdout
export ASAN_OPTIONS UBSAN_OPTIONS CMOCKA_MESSAGE_OUTPUT

passed=0
failed=0
report=   # one line per runner, printed above the summary

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendhub-tests.XXXXXX")
pgdir=
cleanup() {
  if [ -n "$pgdir" ]; then
    sh scripts/pg-cluster.sh stop "$pgdir" || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

note() { # line for the final report
  report="$report$1
"
}

# Adds one runner's counts to the totals.
count() { # label passed failed
  passed=$((passed + $2))
  failed=$((failed + $3))
  note "$(printf '  %-28s %4d passed, %d failed' "$1" "$2" "$3")"
}

# Sum of the numbers in the first group of a sed pattern over a file.
sum_matches() { # file sed-expression
  sed -n "$2" "$1" | awk '{ s += $1 } END { print s + 0 }'
}

# ---- PostgreSQL ---------------------------------------------------------------
start_pg() {
  pgdir=$(mktemp -d "${TMPDIR:-/tmp}/sendhub-pg.XXXXXX")
  if url=$(sh scripts/pg-cluster.sh start "$pgdir" | tail -n 1) && [ -n "$url" ]; then
    SENDHUB_TEST_PG=$url
    SENDHUB_TEST_PG_ADMIN=$url
    export SENDHUB_TEST_PG SENDHUB_TEST_PG_ADMIN
    echo "== PostgreSQL test cluster at $url"
  else
    # Carry on with SQLite alone, but the run fails.
    echo "== could not start a PostgreSQL cluster; PostgreSQL tests are skipped" >&2
    count "postgresql cluster" 0 1
    unset SENDHUB_TEST_PG SENDHUB_TEST_PG_ADMIN || true
  fi
}

# ---- cmocka -------------------------------------------------------------------
run_unit() {
  bins=$(find "$BUILD/tests" -maxdepth 1 -type f -name 'test_*' -perm -u+x 2>/dev/null | sort)
  if [ -z "$bins" ]; then
    echo "== unit: no test binaries in $BUILD/tests (make unit builds them)"
    return 0
  fi
  for bin in $bins; do
    name=$(basename "$bin")
    log=$tmp/$name.log
    echo "== unit: $name"
    # The pipe through tee shows the output as it comes; the status has to
    # travel through a file because POSIX sh has no pipefail.
    { st=0; "$bin" || st=$?; echo "$st" >"$tmp/rc"; } 2>&1 | tee "$log"
    rc=$(cat "$tmp/rc")
    p=$(sum_matches "$log" 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\..*/\1/p')
    f=$(sum_matches "$log" 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s).*/\1/p')
    # Without a summary (the binary died), count the tests that finished.
    if ! grep -q '^\[  PASSED  \]' "$log"; then
      p=$(grep -c '^\[       OK \]' "$log" || true)
    fi
    # A crash or a sanitizer report may leave no cmocka summary behind.
    if [ "$f" -eq 0 ] && { [ "$rc" -ne 0 ] ||
        grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' "$log"; }; then
      echo "== unit: $name exited with status $rc (crash or sanitizer report)" >&2
      f=1
    fi
    count "unit $name" "$p" "$f"
  done
}

# ---- node:test ------------------------------------------------------------------
# node --test runs each file in its own process; the spec reporter goes to the
# terminal and a TAP copy to a file, whose `# pass N` / `# fail N` we count.
run_node() { # label dir
  label=$1
  dir=$2
  if ! command -v node >/dev/null 2>&1; then
    echo "== $label: node not found (make test-deps installs it)" >&2
    count "$label" 0 1
    return 0
  fi
  # List the files ourselves: how node treats a directory argument differs
  # between versions, and lib/ holds helpers, not tests.
  files=$(find "$dir" -path "$dir/lib" -prune -o -type f \
    \( -name '*.test.mjs' -o -name '*.test.js' \) -print 2>/dev/null | sort)
  if [ -z "$files" ]; then
    echo "== $label: no tests in $dir"
    return 0
  fi
  tap=$tmp/$label.tap
  timeout_opt=
  if node --test-timeout=1000 -e '' >/dev/null 2>&1; then
    timeout_opt=--test-timeout=${SENDHUB_TEST_TIMEOUT_MS:-900000}
  fi
  echo "== $label: node --test $dir"
  set +e
  # shellcheck disable=SC2086 # word splitting of $files is intended
  node --test $timeout_opt \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    $files
  rc=$?
  set -e
  p=$(sum_matches "$tap" 's/^# pass \([0-9][0-9]*\)$/\1/p')
  f=$(sum_matches "$tap" 's/^# fail \([0-9][0-9]*\)$/\1/p')
  c=$(sum_matches "$tap" 's/^# cancelled \([0-9][0-9]*\)$/\1/p')
  f=$((f + c))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "== $label: node exited with status $rc" >&2
    f=1
  fi
  count "$label" "$p" "$f"
}

need_bin() { # label
  SENDHUB_BIN=$BUILD/sendhub-asan
  export SENDHUB_BIN
  if [ ! -x "$SENDHUB_BIN" ]; then
    echo "== $1: $SENDHUB_BIN not found (make $BUILD/sendhub-asan builds it)" >&2
    count "$1" 0 1
    return 1
  fi
}

# ---- the run --------------------------------------------------------------------
case "$mode" in
  unit | http | all) start_pg ;;
esac

case "$mode" in
  unit | all) run_unit ;;
esac
case "$mode" in
  http | all) if need_bin http; then run_node http tests/http; fi ;;
esac
case "$mode" in
  e2e | all)
    CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
    export CHROMIUM
    if need_bin e2e; then run_node e2e tests/e2e; fi
    ;;
esac

echo
echo "== summary ($mode)"
printf '%s' "$report"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
