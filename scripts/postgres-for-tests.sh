#!/usr/bin/env bash
# A throwaway PostgreSQL server for the catalog tests.
#
#   scripts/postgres-for-tests.sh start DIR   initdb into DIR (a new folder, in a parent folder other users may
#                                             enter, such as the system temporary folder), start the server on a free
#                                             loopback port, print its connection string (key=value) on standard output
#   scripts/postgres-for-tests.sh stop DIR    stop the server and delete DIR
#
# PostgreSQL refuses to run as root: when started by root the server runs as the user "steppe-pg" (created when
# missing). Authentication is "trust" on 127.0.0.1 only; fsync is off (the data is thrown away).
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2
pg_user=steppe-pg

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  echo "postgres-for-tests: no PostgreSQL server binaries (install the Debian package 'postgresql')" >&2
  return 1
}

as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$pg_user" -- "$@"
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$action" in
  start)
    bindir=$(find_bindir)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id -u "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
      chown "$pg_user" "$dir"
    fi
    as_server_user "$bindir/initdb" -D "$dir/data" -U steppe --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user mkdir -p "$dir/socket"
    for attempt in $(seq 1 20); do
      port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
      port_free "$port" || continue
      if as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
           -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
           start >/dev/null; then
        echo "$port" >"$dir/port"
        echo "Host=127.0.0.1;Port=$port;Username=steppe;Database=postgres"
        exit 0
      fi
      echo "postgres-for-tests: port $port did not work (attempt $attempt), trying another" >&2
    done
    cat "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      bindir=$(find_bindir)
      as_server_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) usage ;;
esac
