#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL + PostGIS server: `scripts/with_postgres.sh CMD...`
#
# Creates a cluster with initdb in a temporary directory, starts it on 127.0.0.1 at a free port,
# creates a database with the PostGIS extension and the roles zonemap_editor and zonemap_viewer
# (read-only), exports ZONEMAP_TEST_DATABASE_URL (as the superuser), runs the command, then stops
# the server and removes the directory -- also when the command fails or the script is
# interrupted. The command's exit status is passed through.
#
# initdb and postgres refuse to run as root: as root the cluster belongs to the `postgres`
# system user (created by Debian's postgresql package; created here when missing).
# The cluster is for tests only: trust authentication on 127.0.0.1, fsync off.
set -uo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir="$d"; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ]; then
  echo "with_postgres.sh: PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin" \
       "or on PATH). Run \`make system-deps\` (or: apt-get install postgresql postgresql-15-postgis-3)," \
       "or run pytest directly to skip the PostgreSQL tests." >&2
  exit 1
fi
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "with_postgres.sh: PostGIS is not installed. Run \`make system-deps\`" \
       "(or: apt-get install postgresql-15-postgis-3)." >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres >/dev/null 2>&1 || {
      echo "with_postgres.sh: running as root and cannot create the 'postgres' user" >&2; exit 1; }
  fi
  as_owner=(runuser -u postgres --)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/zonemap-pg.XXXXXX")"
chmod 755 "$tmp"
[ ${#as_owner[@]} -gt 0 ] && chown postgres "$tmp"
pgdata="$tmp/data"
started=0

cleanup() {
  if [ "$started" -eq 1 ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$(python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
)"

if ! "${as_owner[@]}" "$bindir/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 \
     --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1; then
  echo "with_postgres.sh: initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 1
fi
if ! "${as_owner[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$tmp/server.log" -w -t 60 \
     -o "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c full_page_writes=off -c max_connections=100" \
     start >/dev/null 2>&1; then
  echo "with_postgres.sh: the server did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi
started=1

psql=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)
# The two roles of docs/deploy.md: zonemap_editor owns the tables (editors, imports,
# migrations); zonemap_viewer may only read (the viewers' server), and its transactions are
# read-only by default as well. Tests grant the viewer SELECT on the schemas they create.
roles="CREATE ROLE zonemap_editor LOGIN; CREATE ROLE zonemap_viewer LOGIN;
ALTER ROLE zonemap_viewer SET default_transaction_read_only = on;
GRANT CREATE ON DATABASE zonemap_test TO zonemap_editor;"
if ! "${psql[@]}" -d postgres -c "CREATE DATABASE zonemap_test" >/dev/null \
   || ! "${psql[@]}" -d zonemap_test -c "CREATE EXTENSION postgis" >/dev/null \
   || ! "${psql[@]}" -d zonemap_test -c "$roles" >/dev/null; then
  echo "with_postgres.sh: cannot create the test database with PostGIS and its roles (see above)" >&2
  exit 1
fi

export ZONEMAP_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/zonemap_test"
echo "with_postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') with PostGIS" \
     "on 127.0.0.1:$port" >&2
"$@"
status=$?
exit "$status"
