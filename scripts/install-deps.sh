#!/bin/sh
# Installs what sendhub needs to build (and, with --test, to run its tests)
# on Debian 12, then the npm packages and the GOV.UK Frontend assets.
# Quick and silent when everything is already there: apt is only asked
# (and its index only updated) when a package is actually missing.
#
#   sh scripts/install-deps.sh [--test]
set -eu
# Package lists are space-separated words, split on purpose:
# shellcheck disable=SC2086
cd "$(dirname "$0")/.."

with_tests=0
case "${1:-}" in
  '') ;;
  --test) with_tests=1 ;;
  *) echo "usage: $0 [--test]" >&2; exit 2 ;;
esac

# ---- Debian packages --------------------------------------------------------
want="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
      libpq-dev libsodium-dev libxml2-dev sqlite3"
if [ "$with_tests" = 1 ]; then
  want="$want libcmocka-dev postgresql chromium libxml2-utils"
fi
# Node may come from elsewhere (e.g. NodeSource ships npm inside nodejs), so
# only ask Debian for it when the commands are missing.
command -v node >/dev/null 2>&1 || want="$want nodejs"
command -v npm >/dev/null 2>&1 || want="$want npm"

if command -v dpkg-query >/dev/null 2>&1; then
  # One dpkg-query for all; unknown packages only complain on stderr.
  installed=" $(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $want 2>/dev/null |
    awk '$1 == "ii" { printf "%s ", $2 }') " || true
  missing=
  for p in $want; do
    case "$installed" in
      *" $p "*) ;;
      *) missing="$missing $p" ;;
    esac
  done
  missing=${missing# }

  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      as_root=
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root="sudo -n"
    else
      echo "install-deps: these Debian packages are missing:" >&2
      echo "  $missing" >&2
      echo "install them as root, then run this again:" >&2
      echo "  apt-get install $missing" >&2
      exit 1
    fi
    echo "install-deps: installing $missing"
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  fi
else
  echo "install-deps: not a Debian system; make sure the equivalents of these are installed:" >&2
  echo "  "$want >&2
fi

# The pinned playwright-core (1.60) runs on Debian 12's own nodejs (18).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 18 ]; then
  echo "install-deps: warning: node $(node --version 2>/dev/null) is older than 18;" \
    "the HTTP and browser tests need node >= 18" >&2
fi

# ---- npm packages -------------------------------------------------------------
# npm ci writes node_modules/.package-lock.json; it is stale when the real
# lock file is newer.
# shellcheck disable=SC3013 # -nt: dash and bash both have it
if [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# ---- GOV.UK Frontend assets into static/govuk/ -------------------------------
sh scripts/copy-assets.sh
