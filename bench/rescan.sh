#!/usr/bin/env bash
# Issue 19's rescan target, end to end: IMAGES stored images of PACKAGES packages each, rescanned
# after a database update, against a vulnerability database at the scale of bench/db-import.sh
# (its zip of the real Go and PyPI records sixteen times over, plus Debian:12 records for this
# machine's packages; built once and cached in target/bench-rescan). For each store (PostgreSQL 15
# from Debian's postgresql package in a temporary directory, and the embedded H2):
#   1. `portcullis serve` with --db-import-dir and a 2 s update interval, on loopback;
#   2. IMAGES inventories (`portcullis sbom --format json` shape) posted to /api/v1/scans, each
#      image in a repository of a "registry" on loopback that only counts the requests it gets;
#   3. a new advisory dropped into the import directory; the clock runs from the drop to the log
#      line "rescanned N images in X s" of the rescan that the update queued.
# The target: at most 30 s, and zero registry requests. PG_STATS=1 prints PostgreSQL's costliest
# statements of the rescan (pg_stat_statements).
#   bench/rescan.sh [IMAGES [PACKAGES [STORES]]]      defaults: 1000 200 "postgres h2"
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
images=${1:-1000}
packages=${2:-200}
stores=${3:-postgres h2}
copies=${COPIES:-16}
osv=../shared/testdata/osv
[ -d "$osv" ] || { echo "needs $osv" >&2; exit 2; }
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
jar=target/portcullis.jar
data=bench/rescan/rescan_data.py
work=$(mktemp -d)
chmod 755 "$work"
server_pid=""
registry_pid=""
pg_bin=""
as_pg=()
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true
  [ -n "$pg_bin" ] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
# User and system CPU seconds of a process so far: the machine is shared, so wall time alone
# says little.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
# The same for PostgreSQL: the postmaster and its processes (backends, writers) that live now.
pg_cpu_seconds() {
  [ -f "$work/pg/postmaster.pid" ] || { echo 0; return; }
  local postmaster total=0 pid
  postmaster=$(head -n 1 "$work/pg/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    total=$(echo "$total + $(cpu_seconds "$pid" 2>/dev/null || echo 0)" | bc)
  done
  echo "$total"
}
kpis() {   # kpis URL TOKEN: open findings by severity
  curl -s -H "Authorization: Bearer $2" "$1/api/v1/kpis" \
    | python3 -c 'import json,sys; k=json.load(sys.stdin); print(k.get("open", k))'
}

# This machine's Debian packages: the images' Debian part, and the Debian records' packages.
dpkg-query -W -f '${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n' \
  | sort >"$work/debs.tsv"
cache=target/bench-rescan
mkdir -p "$cache"
# Bump records_version when rescan_data.py writes other records.
records_version=1
key=$( (cat "$work/debs.tsv"; echo "$records_version") | sha256sum | cut -c1-12)
database="$cache/vulnerabilities-$copies-$key.sqlite"
if [ ! -f "$database" ]; then
  python3 "$data" database "$work/debs.tsv" "$osv" "$work/all.zip" "$copies"
  java -jar "$jar" db import "$work/all.zip" --db "$work/v.sqlite" | head -n 1
  mv "$work/v.sqlite" "$database"
  rm "$work/all.zip"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -n 1)"
echo "vulnerability database: $(du -m "$database" | cut -f1) MiB, $(java -jar "$jar" db status --db "$database" | awk '/^Vulnerabilities:/ {print $2}') records"

# A "registry" that answers nothing useful and counts what it is asked.
registry_port=$(free_port)
python3 - "$registry_port" "$work/registry-requests" <<'PY' &
import http.server, sys
port, log = int(sys.argv[1]), sys.argv[2]
open(log, "w").close()
class Counting(http.server.BaseHTTPRequestHandler):
    def handle_one_request(self):
        super().handle_one_request()
    def do_any(self):
        with open(log, "a") as f:
            f.write(f"{self.command} {self.path}\n")
        self.send_response(404)
        self.end_headers()
    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_any
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Counting).serve_forever()
PY
registry_pid=$!

start_postgres() {
  pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
  [ -x "$pg_bin/initdb" ] || { echo "needs PostgreSQL's server binaries (Debian: postgresql)" >&2; exit 2; }
  if [ "$(id -u)" = 0 ]; then   # PostgreSQL refuses to run as root
    mkdir -p "$work/pg"
    chown postgres "$work/pg"
    as_pg=(runuser -u postgres --)
  fi
  pg_port=$(free_port)
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
  # Default durability: fsync and synchronous_commit stay on.
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
    -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 ${PG_STATS:+-c shared_preload_libraries=pg_stat_statements}" \
    start >/dev/null
  command psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c 'CREATE DATABASE rescan'
  if [ -n "${PG_STATS:-}" ]; then
    command psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d rescan \
      -c 'CREATE EXTENSION pg_stat_statements'
  fi
  echo "store: $("$pg_bin/postgres" --version)"
}

run() {   # run STORE: one whole measurement on postgres or h2
  local store=$1 store_args
  rm -rf "$work/import" "$work/v.sqlite"
  mkdir -p "$work/import"
  cp "$database" "$work/v.sqlite"
  if [ "$store" = postgres ]; then
    [ -n "$pg_bin" ] || start_postgres
    store_args=(--db-url "jdbc:postgresql://127.0.0.1:$pg_port/rescan?user=postgres")
  else
    store_args=(--data-dir "$work/h2")
    echo "store: embedded H2 in $work/h2"
  fi
  local port log="$work/serve-$store.log"
  port=$(free_port)
  # The server runs on the JVM's defaults (not bin/portcullis's settings for short CLI runs).
  java ${SERVER_JAVA_OPTS:-} -jar "$jar" serve "${store_args[@]}" --listen "127.0.0.1:$port" \
    --db "$work/v.sqlite" --db-import-dir "$work/import" --db-update-interval 2s \
    --rescan-interval 24h >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    grep -q 'listening on' "$log" && break
    sleep 0.5
  done
  grep -q 'listening on' "$log" || { cat "$log" >&2; exit 3; }
  local token url="http://127.0.0.1:$port"
  token=$(java -jar "$jar" serve token create "${store_args[@]}" --name bench --scope submit,read)
  local seeded; seeded=$(now)
  python3 "$data" post "$work/debs.tsv" "$osv" "$url" "$token" "$images" "$packages" 4 \
    "$(java -jar "$jar" --version | awk '{print $2}')" "127.0.0.1:$registry_port"
  echo "seeding took $(since "$seeded") s"
  sleep 3   # let the seeding's own work (notifications, metrics) settle
  if [ "$store" = postgres ]; then
    # The store is a minute old: autovacuum (1 min nap) may or may not have analysed it yet, and
    # without statistics the planner reads a repository's open findings at ~10 ms a call instead
    # of ~0.1 ms. A production store is older than its first minute; analyse it as autovacuum would.
    command psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d rescan -c 'ANALYZE'
  fi

  python3 "$data" update "$work/debs.tsv" "$work/update.json"
  mv "$work/update.json" "$work/import/update.json"
  echo "open findings before: $(kpis "$url" "$token")"
  local cpu_before pg_before
  cpu_before=$(cpu_seconds "$server_pid")
  pg_before=$(pg_cpu_seconds)
  if [ "$store" = postgres ] && [ -n "${PG_STATS:-}" ]; then
    command psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d rescan \
      -c 'SELECT pg_stat_statements_reset()' >/dev/null
  fi
  local dropped; dropped=$(now)
  local updated="" done=""
  for _ in $(seq 1 6000); do   # at most 600 s
    [ -z "$updated" ] && grep -q 'database updated from' "$log" && updated=$(since "$dropped")
    if grep -q 'rescanned .* after the database update' "$log"; then
      done=$(since "$dropped")
      break
    fi
    sleep 0.1
  done
  [ -n "$done" ] || { echo "no rescan within 600 s" >&2; tail -n 20 "$log" >&2; exit 3; }
  echo "database update seen after ${updated:-?} s; rescan done ${done} s after the drop;" \
    "server CPU meanwhile $(echo "$(cpu_seconds "$server_pid") - $cpu_before" | bc) s;" \
    "PostgreSQL CPU $(echo "$(pg_cpu_seconds) - $pg_before" | bc) s;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E 'database updated from|rescanned .* after the database update|rescan failed' "$log" \
    | sed 's/^/  log: /' | head -n 12
  echo "open findings after: $(kpis "$url" "$token")"
  if [ "$store" = postgres ] && [ -n "${PG_STATS:-}" ]; then
    command psql -X -h 127.0.0.1 -p "$pg_port" -U postgres -d rescan -c "SELECT calls,
      round(total_exec_time) AS ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
    local repository
    repository=$(command psql -X -qtA -h 127.0.0.1 -p "$pg_port" -U postgres -d rescan \
      -c 'SELECT repository_id FROM finding ORDER BY id DESC LIMIT 1')
    command psql -X -h 127.0.0.1 -p "$pg_port" -U postgres -d rescan -c "SELECT relname,
      last_autoanalyze, last_autovacuum FROM pg_stat_user_tables WHERE relname = 'finding'" \
      -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM finding
      WHERE repository_id = $repository AND fixed_at IS NULL"
  fi
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

for store in $stores; do
  echo "== $store: $images images x $packages packages"
  run "$store"
done
echo "registry requests: $(wc -l <"$work/registry-requests")"
