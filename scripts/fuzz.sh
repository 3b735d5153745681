#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c with clang (libFuzzer + ASan + UBSan)
# against sendhub's sources and runs each for a bounded time.
#
#   BUILD=build FUZZ_SECONDS=60 sh scripts/fuzz.sh [tests/fuzz/fuzz_x.c ...]
#
# Seeds come from tests/fuzz/corpus/NAME/ (NAME = the harness without
# "fuzz_"); crashes are written to $BUILD/fuzz/crashes/. Exit status is
# non-zero when a harness failed to build or found a crash.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SECS=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
out=$BUILD/fuzz
mkdir -p "$out/obj" "$out/crashes"

files="$*"
[ -n "$files" ] || files=$(ls tests/fuzz/fuzz_*.c 2>/dev/null || true)
[ -n "$files" ] || { echo "no fuzz harnesses"; exit 0; }

PKGS="libmicrohttpd jansson sqlite3 libpq libsodium libxml-2.0"
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -Isrc -I$BUILD/gen $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lpthread -lm"

# The sources once, shared by every harness (main.c left out).
make -s BUILD="$BUILD" "$BUILD/gen/migrations.c"
objs=
for src in $(find src -name '*.c' ! -name main.c | sort) "$BUILD/gen/migrations.c"; do
  o=$out/obj/$(echo "$src" | tr '/' '_' | sed 's/\.c$/.o/')
  if [ ! -f "$o" ] || [ "$src" -nt "$o" ]; then
    $CC $CFLAGS -c "$src" -o "$o"
  fi
  objs="$objs $o"
done

status=0
for h in $files; do
  name=$(basename "$h" .c)
  corpus=tests/fuzz/corpus/${name#fuzz_}
  mkdir -p "$corpus"
  work=$(mktemp -d "${TMPDIR:-/tmp}/sendhub-fuzz.XXXXXX")
  cp -r "$corpus"/. "$work"/ 2>/dev/null || true
  $CC $CFLAGS -fsanitize=fuzzer "$h" $objs $LIBS -o "$out/$name"
  echo "fuzzing $name for ${SECS}s"
  if ASAN_OPTIONS=detect_leaks=1 "$out/$name" -max_total_time="$SECS" -max_len=65536 -rss_limit_mb=1024 \
       -artifact_prefix="$out/crashes/$name-" "$work" 2>"$out/$name.log"; then
    echo "$name: no crash ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$out/$name.log" | tail -1 || true))"
    tail -1 "$out/$name.log" || true
  else
    echo "$name: FAILED, see $out/$name.log and $out/crashes/"
    status=1
  fi
  rm -rf "$work"
done
exit $status
