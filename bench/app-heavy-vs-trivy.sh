#!/usr/bin/env bash
# Times `sbom` on the application-heavy image of issue 24 (bench/images/app-heavy.sh) against Trivy,
# side by side in one run, and prints a Markdown table: median wall time and peak RSS over N rounds,
# and the median of the per-round ratios to Trivy.
#   bench/app-heavy-vs-trivy.sh [IMAGE.tar] [RUNS]   (default: the image the script builds; 5 runs)
#   trivy    trivy image --format cyclonedx, an empty cache each time. Its jar analyzer needs
#            Trivy's Java database, which cannot be downloaded here: with the jars in the image, this
#            Trivy build analyses the image and then exits 1 without a report. Java archives are
#            therefore skipped (--skip-files): Trivy does less work than Portcullis, which reads them
#            all, and reports what it would offline anyway, no jar.
#   first    Portcullis as on a machine that never ran it: an empty XDG_CACHE_HOME and an empty layer
#            cache; bin/portcullis maps the class-data archive the build recorded beside the jar
#   later    the same again, with the XDG_CACHE_HOME the first run left, an empty layer cache
#   warm     the layer cache the later run filled
# Each round runs all four, so that the machine's drift touches them alike.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
image=${1:-target/bench-images/app-heavy.tar}
runs=${2:-5}
[ -f "$image" ] || bash bench/images/app-heavy.sh "$image"
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
trivy=$(bash scripts/install-trivy.sh)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package 'time')" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command, appends "seconds kilobytes" to a results file.
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/one" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/one" >> "$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
sbom() { # XDG_CACHE_HOME LAYER_CACHE
  measure "$work/$3" env XDG_CACHE_HOME="$1" bin/portcullis sbom image "docker-archive:$image" --format cyclonedx \
    --cache-dir "$2" --output "$work/p.cdx.json"
}

for i in $(seq "$runs"); do
  rm -rf "$work/trivy-cache" "$work/xdg" "$work/cache"
  measure "$work/trivy" "$trivy" image --quiet --input "$image" --format cyclonedx --skip-db-update --offline-scan \
    --skip-files '**/*.jar' --skip-files '**/*.war' --skip-files '**/*.ear' --cache-dir "$work/trivy-cache" --output "$work/trivy.cdx.json"
  sbom "$work/xdg" "$work/cache" first
  rm -rf "$work/cache"
  sbom "$work/xdg" "$work/cache" later
  sbom "$work/xdg" "$work/cache" warm
done

wall() { cut -d' ' -f1 "$1" | median; }
row() {
  local ratio
  ratio=$(paste -d' ' "$work/trivy" "$2" | awk '{print $1 / $3}' | median)
  printf '| %s | %s s | %s MiB | %.2f× |\n' "$1" "$(wall "$2")" \
    "$(cut -d' ' -f2 "$2" | median | awk '{printf "%.0f", $1/1024}')" "$ratio"
}
echo "image: $image ($(du -m "$image" | cut -f1) MiB), $runs rounds, median; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
echo
echo "| command | wall time | peak RSS | faster than Trivy (median of per-round ratios) |"
echo "|---|---|---|---|"
printf '| trivy image --format cyclonedx (empty cache, Java archives skipped) | %s s | %s MiB | 1× |\n' "$(wall "$work/trivy")" \
  "$(cut -d' ' -f2 "$work/trivy" | median | awk '{printf "%.0f", $1/1024}')"
row "portcullis sbom, first run (empty caches; the archive the build recorded)" "$work/first"
row "portcullis sbom, later run (empty layer cache)" "$work/later"
row "portcullis sbom, warm (layer cache)" "$work/warm"
