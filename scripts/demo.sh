#!/usr/bin/env bash
# Builds Portcullis and scans the bundled demo image offline: its packages (an SBOM summary), then
# its vulnerabilities against the bundled demo advisories (demo/osv, not real ones) and the gate.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
image=$(bash scripts/build-demo-image.sh)
db=target/demo/demo-advisories.sqlite
rm -f "$db"
bin/portcullis db import demo/osv --db "$db" >/dev/null
bin/portcullis sbom image "docker-archive:$image" --cache-dir target/demo/cache | tail -n 1
echo
bin/portcullis scan image "docker-archive:$image" --cache-dir target/demo/cache --db "$db" \
  --severity CRITICAL,HIGH,MEDIUM --exit-code 1 "$@" || status=$?
echo
echo "Gate exit code: ${status:-0} (1 = CRITICAL, HIGH or MEDIUM findings; the demo image has some)"

# The server, left running with the demo image's findings: the same database, the demo image's
# inventory submitted as a CI job would, reads open to loopback callers without a token.
data=target/demo/server-data
port=${PORTCULLIS_DEMO_PORT:-8480}
if [ -f target/demo/server.pid ] && kill -0 "$(cat target/demo/server.pid)" 2>/dev/null; then
  kill "$(cat target/demo/server.pid)" && sleep 1
fi
rm -rf "$data"
nohup bin/portcullis serve --data-dir "$data" --db "$db" --listen "127.0.0.1:$port" --anonymous-reads \
  > target/demo/server.log 2>&1 &
echo $! > target/demo/server.pid
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
token=$(bin/portcullis serve token create --data-dir "$data" --name demo-ci --scope submit)
bin/portcullis sbom image "docker-archive:$image" --cache-dir target/demo/cache --format json \
  -o target/demo/inventory.json
curl -fsS -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data-binary @target/demo/inventory.json \
  "http://127.0.0.1:$port/api/v1/scans?repository=registry.example/portcullis/demo&tag=12" >/dev/null
echo
echo "Server: http://127.0.0.1:$port (pid $(cat target/demo/server.pid), log target/demo/server.log)"
echo "  http://127.0.0.1:$port/ui  (the dashboard)"
echo "  http://127.0.0.1:$port/api/v1/kpis"
echo "  http://127.0.0.1:$port/api/v1/findings"
echo "Stop it with: kill \$(cat target/demo/server.pid)"
