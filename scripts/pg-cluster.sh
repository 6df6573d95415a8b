#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, owned by an
# unprivileged user. `start` prints the admin URL; `stop DIR` removes it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    id -u store-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin store-pg
    runuser -u store-pg -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    ensure_postgres
    bin="$(pg_bin_dir)"
    dir="$(mktemp -d /tmp/store-pg.XXXXXX)"
    [ "$(id -u)" -eq 0 ] && { id -u store-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin store-pg; chown store-pg "$dir"; }
    port="$(free_port)"
    as_pg_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir="${2:?usage: pg-cluster.sh stop DIR}"
    bin="$(pg_bin_dir)"
    as_pg_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    # A server process may still be writing its last files for a moment.
    rm -rf "$dir" 2>/dev/null || { sleep 2; rm -rf "$dir"; }
    ;;
  *)
    echo "usage: pg-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
