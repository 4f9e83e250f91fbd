#!/usr/bin/env bash
# Builds Portcullis and lists the packages of the bundled demo image, offline.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
image=$(bash scripts/build-demo-image.sh)
java -jar target/portcullis.jar sbom image "docker-archive:$image" --cache-dir target/demo/cache "$@"
