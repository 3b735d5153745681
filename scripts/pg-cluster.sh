#!/bin/sh
# A throwaway PostgreSQL cluster for the tests.
#
#   pg-cluster.sh start DIR              start a cluster in DIR, print its URL
#   pg-cluster.sh createdb DIR|URL NAME  create database NAME, print its URL
#   pg-cluster.sh stop DIR               stop the cluster (fast) and remove DIR
#
# The cluster listens on 127.0.0.1 only, on the first free port from 55432
# upwards, with trust authentication and a superuser called `sendhub`; its
# Unix socket lives inside DIR, so it never touches the system's clusters.
# The URL is the last line on stdout, e.g.
#   postgresql://sendhub@127.0.0.1:55432/sendhub_test
#
# PG_SHARED_BUFFERS (default 32MB, small for tests) sizes its buffer cache,
# e.g. 1GB for benchmarks at national scale.
#
# initdb and postgres refuse to run as root, so as root the cluster belongs
# to the `postgres` user (DIR is chowned to it); otherwise to the caller.
set -eu

PG_FIRST_PORT=${PG_FIRST_PORT:-55432}
PG_TRIES=50

die() { echo "pg-cluster: $*" >&2; exit 1; }

# Newest server binaries. Debian keeps pg_ctl and initdb off PATH.
pg_bindir() {
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1)
  if [ -z "$d" ]; then
    # Not Debian-style: fall back to PATH (e.g. a self-built PostgreSQL).
    p=$(command -v pg_ctl 2>/dev/null) || die "no PostgreSQL server found (apt-get install postgresql)"
    d=$(dirname "$p")
  fi
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] || die "$d has no initdb/pg_ctl"
  echo "$d"
}

# Runs a server command as the cluster's owner, from inside DIR (a root-only
# cwd would make postgres complain).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

abs_dir() {
  case "$1" in
    /*) echo "$1" ;;
    *) echo "$(pwd)/$1" ;;
  esac
}

cluster_url() { # port dbname
  echo "postgresql://sendhub@127.0.0.1:$1/$2"
}

cmd_start() {
  dir=$(abs_dir "$1")
  bin=$(pg_bindir)
  [ ! -e "$dir/data" ] || die "$dir/data already exists (stop it first)"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (apt-get install postgresql)"
    chown postgres: "$dir"
    # postgres must be able to reach DIR through its parents.
    runuser -u postgres -- test -w "$dir" ||
      die "user postgres cannot write $dir (a parent folder is not world-searchable?)"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -U sendhub -A trust -E UTF8 \
    --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  # Settings for a disposable cluster: durability off, small memory.
  cat >>"$dir/data/postgresql.conf" <<EOF

# pg-cluster.sh: disposable test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = ${PG_SHARED_BUFFERS:-32MB}
max_connections = 200
log_min_messages = warning
EOF

  # Probing for a free port and then binding leaves a race with other test
  # runs, so try to start on each port and move on when the bind fails.
  port=$PG_FIRST_PORT
  last=$((PG_FIRST_PORT + PG_TRIES))
  while [ "$port" -lt "$last" ]; do
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port" start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      psql=$bin/psql
      [ -x "$psql" ] || psql=psql
      "$psql" -X -q -v ON_ERROR_STOP=1 "$(cluster_url "$port" postgres)" \
        -c 'CREATE DATABASE sendhub_test' >/dev/null ||
        die "could not create sendhub_test"
      cluster_url "$port" sendhub_test
      return 0
    fi
    if ! grep -qi -e 'address already in use' -e 'could not create any TCP/IP' \
        -e 'lock file .* already exists' "$dir/server.log" 2>/dev/null; then
      cat "$dir/server.log" >&2 2>/dev/null || true
      die "postgres failed to start (log above)"
    fi
    : >"$dir/server.log"
    port=$((port + 1))
  done
  die "no free port in $PG_FIRST_PORT..$((last - 1))"
}

cmd_createdb() {
  target=$1
  name=$2
  case "$name" in
    '' | *[!a-z0-9_]*) die "database name must be [a-z0-9_]+: '$name'" ;;
  esac
  case "$target" in
    postgres://* | postgresql://*)
      # Keep everything up to the path; swap the database.
      base=${target%%\?*}
      base=${base%/*}
      admin=$target
      ;;
    *)
      dir=$(abs_dir "$target")
      [ -f "$dir/port" ] || die "no running cluster in $dir"
      base=postgresql://sendhub@127.0.0.1:$(cat "$dir/port")
      admin=$base/postgres
      ;;
  esac
  bin=$(pg_bindir)
  psql=$bin/psql
  [ -x "$psql" ] || psql=psql
  "$psql" -X -q -v ON_ERROR_STOP=1 "$admin" -c "CREATE DATABASE \"$name\"" >/dev/null ||
    die "could not create database $name"
  echo "$base/$name"
}

cmd_stop() {
  dir=$(abs_dir "$1")
  [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    bin=$(pg_bindir)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      echo "pg-cluster: pg_ctl stop failed; removing $dir anyway" >&2
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    [ $# -eq 2 ] || die "usage: $0 start DIR"
    cmd_start "$2" ;;
  createdb)
    [ $# -eq 3 ] || die "usage: $0 createdb DIR|URL NAME"
    cmd_createdb "$2" "$3" ;;
  stop)
    [ $# -eq 2 ] || die "usage: $0 stop DIR"
    cmd_stop "$2" ;;
  *)
    die "usage: $0 start DIR | createdb DIR|URL NAME | stop DIR" ;;
esac
