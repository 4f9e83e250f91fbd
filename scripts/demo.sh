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
