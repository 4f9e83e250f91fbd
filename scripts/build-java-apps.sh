#!/usr/bin/env bash
# Builds the real Java applications the tests scan, with Maven and artifacts from Maven Central:
# a Spring Boot fat jar (spring-boot-maven-plugin) and a shaded jar (maven-shade-plugin), from the
# projects under scripts/java-apps. Next to each jar it writes what Maven itself says the jar
# bundles (dependency:list), the oracle the tests compare with.
#   scripts/build-java-apps.sh [OUT]   (default target/java-apps; kept once built)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/target/java-apps}
marker="$out/.complete-1"
[ -f "$marker" ] && exit 0
rm -rf "$out"
mkdir -p "$out"
for app in spring-boot shaded; do
  cp -r "$here/scripts/java-apps/$app" "$out/$app"
  echo "== building the $app application with Maven"
  (cd "$here" && ./mvnw -B -q -f "$out/$app/pom.xml" package dependency:list \
    -DincludeScope=runtime -DoutputFile="$out/$app/dependencies.txt" -DoutputAbsoluteArtifactFilename=false)
done
cp "$out/spring-boot/target/app.jar" "$out/spring-boot-app.jar"
cp "$out/shaded/target/shaded-tool-2.3.0.jar" "$out/shaded-tool.jar"
touch "$marker"
