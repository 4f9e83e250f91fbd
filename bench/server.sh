#!/usr/bin/env bash
# The server's speed targets of issue 19, end to end over loopback HTTP, on a PostgreSQL 15 of the
# machine (Debian's postgresql package) in a temporary directory:
#   ingest: CI reports of FINDINGS findings each, posted by CLIENTS concurrent clients;
#   queries: GET /api/v1/kpis and /api/v1/findings with typical filters over a store seeded with
#            10,000 images x 100 findings (bench/server/seed-query-store.sql). The KPIs twice: as
#            callers get them (a snapshot shared for up to 5 s), and with a new window for every
#            request, so that each one counts the store afresh. Then the dashboard's overview, an
#            image's page and a finding's page, signed in with the same token.
#   bench/server.sh [REPORTS [CLIENTS [FINDINGS]]]      defaults: 2000 4 100
# PARTS=ingest or PARTS=query runs one part only (default: both). STORE=h2 runs the query part on
# the embedded H2 store instead of PostgreSQL (bench/server/seed-query-store-h2.sql); with it,
# REPOSITORIES=N seeds N repositories of 10 digests instead of 1,000. PG_STATS=1 prints the ingest's
# ten costliest statements (pg_stat_statements) and PostgreSQL's WAL and checkpoint counters.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
reports=${1:-2000}
clients=${2:-4}
findings=${3:-100}
parts=${PARTS:-ingest,query}
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
[ -x "$pg_bin/initdb" ] || { echo "needs PostgreSQL's server binaries (Debian: postgresql)" >&2; exit 2; }
jar=${JAR:-target/portcullis.jar}   # JAR=…: another build's, to compare
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
as_pg=()
if [ "$(id -u)" = 0 ]; then   # PostgreSQL refuses to run as root
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
# Default durability: fsync and synchronous_commit stay on. Autovacuum looks every 10 s rather than
# every minute: the ingest store is new and a minute old at the end, and until autovacuum first
# analyses it the planner has no statistics (a production store is older than its first minute).
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=50 -c autovacuum_naptime=10s \
      ${PG_STATS:+-c shared_preload_libraries=pg_stat_statements -c track_io_timing=on -c track_wal_io_timing=on}" \
  start >/dev/null
psql() { command psql -X -q -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
psql -d postgres -c 'CREATE DATABASE ingest' -c 'CREATE DATABASE query'

# The server runs on the JVM's defaults (not bin/portcullis's settings for short CLI runs).
serve() {   # serve DATABASE: starts the server on that database, sets $url and $token
  local port; port=$(free_port)
  local store=(--db-url "jdbc:postgresql://127.0.0.1:$pg_port/$1?user=postgres")
  [ "$1:${STORE:-}" = query:h2 ] && store=(--data-dir "$work/h2")
  java ${SERVER_JAVA_OPTS:-} -jar "$jar" serve "${store[@]}" \
    --listen "127.0.0.1:$port" --db "$work/none.sqlite" >"$work/serve-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    grep -q 'listening on' "$work/serve-$1.log" && break
    sleep 0.5
  done
  grep -q 'listening on' "$work/serve-$1.log" || { cat "$work/serve-$1.log" >&2; exit 3; }
  token=$(java -jar "$jar" serve token create "${store[@]}" --name bench --scope submit,read)
  url="http://127.0.0.1:$port"
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -n 1); $("$pg_bin/postgres" --version)"
if [[ $parts == *ingest* ]]; then
  serve ingest
  if [ -n "${PG_STATS:-}" ]; then
    psql -d ingest -c 'CREATE EXTENSION pg_stat_statements' -c 'SELECT pg_stat_statements_reset()' \
      -c 'SELECT pg_stat_reset_shared('"'"'wal'"'"')' -c 'SELECT pg_stat_reset_shared('"'"'bgwriter'"'"')' >/dev/null
  fi
  echo "load average before ingest: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  # CPU time, in clock ticks, of the server JVM and of PostgreSQL (live processes, and those ended)
  ticks_server() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
  ticks_pg() {
    local main; main=$(head -n 1 "$work/pg/postmaster.pid")
    local sum; sum=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$main/stat")
    for child in $(pgrep -P "$main"); do
      sum=$((sum + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$sum"
  }
  # the load client's: the CPU time of this shell's ended children (bash's times), before and after
  ticks_clients() { awk -v hz="$(getconf CLK_TCK)" 'NR == 2 {split($1, u, /[ms]/); split($2, s, /[ms]/);
    printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * hz}' "$1"; }
  server0=$(ticks_server); pg0=$(ticks_pg); times >"$work/times0"
  java bench/server/ServerLoad.java ingest "$url" "$token" "$clients" "$reports" "$findings"
  server1=$(ticks_server); pg1=$(ticks_pg); times >"$work/times1"
  clients0=$(ticks_clients "$work/times0"); clients1=$(ticks_clients "$work/times1")
  echo "load average after ingest: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  per_report() { echo "scale=1; $1 * 1000 / $(getconf CLK_TCK) / ($reports + $(( reports / 5 < 200 ? reports / 5 : 200 )))" | bc; }
  echo "CPU per report, warm-up included: server $(per_report $((server1 - server0))) ms," \
    "PostgreSQL $(per_report $((pg1 - pg0))) ms, load client (with its compilation) $(per_report $((clients1 - clients0))) ms"
  psql -d ingest -At -c "SELECT 'stored: ' || (SELECT COUNT(*) FROM scan) || ' scans, ' || (SELECT COUNT(*) FROM finding) || ' findings, ' || (SELECT COUNT(*) FROM finding_image) || ' finding_image rows'"
  if [ -n "${PG_STATS:-}" ]; then
    psql -d ingest -c "SELECT calls, round(total_exec_time::numeric, 0) AS ms, rows,
        shared_blks_hit + shared_blks_read AS blocks, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10"
    psql -d ingest -c "SELECT wal_records, wal_bytes, wal_write, wal_sync, round(wal_sync_time::numeric) AS sync_ms
      FROM pg_stat_wal" -c "SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint, buffers_backend,
      buffers_backend_fsync FROM pg_stat_bgwriter"
  fi
  stop_server
fi
[[ $parts == *query* ]] || exit 0

serve query
seed_start=$(date +%s.%N)
# The repository whose pages are read: the 517th, or the last where fewer are seeded (REPOSITORIES=N,
# H2 only: N repositories of 10 digests each).
sample=$(( ${REPOSITORIES:-1000} < 517 ? ${REPOSITORIES:-1000} : 517 ))
if [ "${STORE:-}" = h2 ]; then
  # The embedded store, written through H2's automatic mixed mode while the server holds it.
  { echo "SET @repositories = ${REPOSITORIES:-1000};"; cat bench/server/seed-query-store-h2.sql; } >"$work/seed-h2.sql"
  java -cp "$jar" org.h2.tools.RunScript -url "jdbc:h2:file:$work/h2/portcullis;AUTO_SERVER=TRUE" \
    -script "$work/seed-h2.sql"
  image_digest=$(printf '%064d' $((sample * 10)))   # the H2 seed's digests are decimal
else
  psql -d query -f bench/server/seed-query-store.sql >/dev/null
  image_digest=$(printf '%064x' $((sample * 10)))
fi
echo "seeded $(( ${REPOSITORIES:-1000} * 10 )) images x 100 findings ($([ "${STORE:-}" = h2 ] && echo "H2, embedded" || echo PostgreSQL)) in $(echo "$(date +%s.%N) - $seed_start" | bc) s"
java bench/server/ServerLoad.java query "$url" "$token" "${ROUNDS:-500}" \
  '/api/v1/kpis' \
  '/api/v1/kpis?windowDays={n}' \
  '/api/v1/findings' \
  '/api/v1/findings?severity=CRITICAL,HIGH' \
  '/api/v1/findings?severity=CRITICAL,HIGH&overdue=true' \
  "/api/v1/findings?repository=registry.seed/team/app-$sample" \
  "/api/v1/findings?repository=registry.seed/team/app-$sample&state=all" \
  '/api/v1/findings?running=true&severity=CRITICAL' \
  '/api/v1/findings?state=fixed&limit=1000' \
  '/api/v1/findings?after=150000&limit=100' \
  '/ui' \
  "/ui/images/sha256:$image_digest?repository=registry.seed/team/app-$sample" \
  "/ui/findings/$(( (sample - 1) * 200 + 101 ))"
# The overview counted afresh: each request 5.1 s after the last, when the shared figures expired.
java bench/server/ServerLoad.java query-spaced "$url" "$token" "${SPACED_ROUNDS:-20}" 5100 '/ui'
stop_server
