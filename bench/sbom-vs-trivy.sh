#!/usr/bin/env bash
# Times `sbom` against Trivy on the same docker-archive, side by side in one run, and prints a
# Markdown table: median wall time and peak RSS over N runs of each.
#   bench/sbom-vs-trivy.sh [IMAGE.tar|large] [RUNS]
# Default image: the Debian 12 docker-archive the tests build (target/test-images/debian-next.tar);
# "large": the 479 MB Debian image of issue 24 (bench/images/debian-large.sh builds and caches it).
#   cold     Portcullis with an empty layer cache, Trivy with an empty cache (--format cyclonedx)
#   warm     Portcullis again with the cache the cold run filled
#   openssl  one `openssl dgst -sha256` of the archive: what reading and hashing it once costs
# Every round runs each command once, in turn, so that a shared machine's drift hits all alike.
# Portcullis keeps its class-data-sharing archive in a cache directory of this run: bin/portcullis
# deletes the archives of other builds of the jar from the shared ~/.cache, so another engineer's
# scan on the same machine could otherwise make a timed run record a new one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
image=${1:-target/test-images/debian-next.tar}
runs=${2:-5}
if [ "$image" = large ]; then
  image=$(bash bench/images/debian-large.sh target/bench-images/debian-large.tar)
fi
[ -f "$image" ] || bash scripts/build-test-images.sh target/test-images
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
trivy=$(bash scripts/install-trivy.sh)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package 'time')" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/xdg"

# Runs a command, appends "seconds kilobytes" to a results file.
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/one" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/one" >> "$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# One untimed run of the measured command. bin/portcullis uses the class-data-sharing archive the
# build recorded; with another JVM this run starts the launcher's background recording of one, which
# the timed runs wait for.
bin/portcullis sbom image "docker-archive:$image" --format cyclonedx --cache-dir "$work/first-cache" \
  --output "$work/p.cdx.json" >/dev/null 2>&1
while compgen -G "${XDG_CACHE_HOME:-$HOME/.cache}/portcullis/jvm/*.recording" >/dev/null; do sleep 0.2; done

for i in $(seq "$runs"); do
  rm -rf "$work/trivy-cache" "$work/cache"
  # Offline, Trivy cannot read jars: it would download its Java index (ghcr.io) first and stop when
  # it cannot. Jars are skipped on its side (the large image holds two); Portcullis still reads them.
  measure "$work/trivy" "$trivy" image --quiet --input "$image" --format cyclonedx --skip-db-update --offline-scan \
    --skip-files '**/*.jar' --cache-dir "$work/trivy-cache" --output "$work/trivy.cdx.json"
  measure "$work/cold" bin/portcullis sbom image "docker-archive:$image" --format cyclonedx --cache-dir "$work/cache" --output "$work/p.cdx.json"
  measure "$work/warm" bin/portcullis sbom image "docker-archive:$image" --format cyclonedx --cache-dir "$work/cache" --output "$work/p.cdx.json"
  measure "$work/openssl" openssl dgst -sha256 "$image"
done
measure "$work/jvm" bin/portcullis --version

row() {
  printf '| %s | %s s | %s MiB |\n' "$1" "$(cut -d' ' -f1 "$2" | median)" "$(cut -d' ' -f2 "$2" | median | awk '{printf "%.0f", $1/1024}')"
}
echo "image: $image ($(du -m "$image" | cut -f1) MiB), $runs runs each, median; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
echo
echo "| command | wall time | peak RSS |"
echo "|---|---|---|"
row "trivy image --format cyclonedx (empty cache)" "$work/trivy"
row "portcullis sbom --format cyclonedx, cold (empty layer cache)" "$work/cold"
row "portcullis sbom --format cyclonedx, warm (layer cache)" "$work/warm"
row "portcullis --version (JVM start-up alone)" "$work/jvm"
row "openssl dgst -sha256 of the archive (reference)" "$work/openssl"
echo
# Per round, so that a slow minute weighs on both sides of each ratio alike.
paste -d' ' <(cut -d' ' -f1 "$work/trivy") <(cut -d' ' -f1 "$work/cold") <(cut -d' ' -f1 "$work/warm") \
  <(cut -d' ' -f1 "$work/openssl") \
  | awk '{print $1/$2, $3/$4}' > "$work/ratios"
echo "Trivy / cold, median of per-round ratios: $(cut -d' ' -f1 "$work/ratios" | median)"
echo "warm / openssl, median of per-round ratios: $(cut -d' ' -f2 "$work/ratios" | median)"
