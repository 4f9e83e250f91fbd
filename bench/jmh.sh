#!/usr/bin/env bash
# Builds and runs the JMH benchmarks of bench/jmh against the Debian test image.
#   bench/jmh.sh [JMH options, e.g. -f 1 -wi 2 -i 3]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/build-test-images.sh target/test-images   # does nothing once the images are built
./mvnw -q -B -DskipTests install
./mvnw -q -B -f bench/jmh/pom.xml package
java -jar bench/jmh/target/benchmarks.jar -p image="$here/target/test-images/debian-next.tar" "$@"
