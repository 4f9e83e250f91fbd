#!/usr/bin/env bash
# The first run on a fresh runner (issue 24): times `sbom` through bin/portcullis with and without
# its class-data-sharing archive, interleaved run by run, and prints a Markdown table of medians
# (wall time, peak RSS) and the per-round ratios against the run without an archive.
#   bench/first-run.sh [ROUNDS] [INPUT...]
# Default inputs: the Debian 12 docker-archive the tests build and the jars of /usr/share/java
# (rootfs:, which loads the Java analyzer's classes). Each round runs, for each input:
#   first       empty XDG_CACHE_HOME (no archive in the cache, empty layer cache); the archive the
#               build recorded beside the jar is there, as after ./mvnw package
#   other-jvm   first run where no archive fits (a copy of the jar: another jar or JVM): no archive;
#               the background training run it starts is waited for, untimed, before the next run
#   old-first   the launcher before issue 24 (git show 3a385ec~1:bin/portcullis) on an empty cache:
#               records its archive as the JVM exits
#   later       the archive present, an empty layer cache (--cache-dir)
#   warm        the archive present, the layer cache of the "later" run
#   no-archive  PORTCULLIS_NO_CLASS_ARCHIVE=1, an empty layer cache
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
rounds=${1:-5}
shift || true
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(docker-archive:target/test-images/debian-next.tar rootfs:/usr/share/java)
[ -f target/test-images/debian-next.tar ] || bash scripts/build-test-images.sh target/test-images
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
ls target/class-archives/*.jsa >/dev/null 2>&1 || { echo "no archive in target/class-archives: run ./mvnw -DskipTests package" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package 'time')" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git show 3a385ec~1:bin/portcullis > "$work/old-launcher"
mkdir -p "$work/other/demo"
cp target/portcullis.jar "$work/other/portcullis.jar"
cp target/demo/demo-image.tar "$work/other/demo/"

# Runs the launcher with an environment, appends "seconds kilobytes" to a results file.
measure() {
  local out=$1
  shift
  /usr/bin/time -f '%e %M' -o "$work/one" env "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/one" >> "$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for round in $(seq "$rounds"); do
  for i in "${!inputs[@]}"; do
    input=${inputs[$i]}
    r="$work/$i"
    rm -rf "$r" && mkdir -p "$r"
    measure "$work/$i.first" XDG_CACHE_HOME="$r/first" bin/portcullis sbom image "$input"
    measure "$work/$i.other-jvm" XDG_CACHE_HOME="$r/other" PORTCULLIS_JAR="$work/other/portcullis.jar" \
      bin/portcullis sbom image "$input"
    start=$(date +%s.%N)
    while compgen -G "$r/other/portcullis/jvm/*.recording" >/dev/null; do sleep 0.2; done
    echo "$(date +%s.%N) $start" | awk '{printf "%.2f 0\n", $1 - $2}' >> "$work/$i.training"
    ls "$r/other/portcullis/jvm/"*.jsa >/dev/null || { echo "the background training recorded no archive" >&2; exit 1; }
    measure "$work/$i.old-first" XDG_CACHE_HOME="$r/old" PORTCULLIS_JAR=target/portcullis.jar \
      bash "$work/old-launcher" sbom image "$input"
    measure "$work/$i.later" XDG_CACHE_HOME="$r/first" bin/portcullis sbom image "$input" --cache-dir "$r/layers"
    measure "$work/$i.warm" XDG_CACHE_HOME="$r/first" bin/portcullis sbom image "$input" --cache-dir "$r/layers"
    measure "$work/$i.no-archive" XDG_CACHE_HOME="$r/none" PORTCULLIS_NO_CLASS_ARCHIVE=1 \
      bin/portcullis sbom image "$input"
    for v in first other-jvm old-first later warm no-archive; do
      printf 'round %s %s %-10s %s\n' "$round" "$input" "$v" "$(tail -n 1 "$work/$i.$v")" >&2
    done
  done
done

echo "$rounds rounds, interleaved, medians; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)"
for i in "${!inputs[@]}"; do
  echo
  echo "${inputs[$i]}"
  echo
  echo "| run | wall | peak RSS | per-round ratio to no-archive (median) |"
  echo "|---|---|---|---|"
  for v in first other-jvm old-first later warm no-archive; do
    ratio=$(paste -d' ' "$work/$i.$v" "$work/$i.no-archive" | awk '{print $1 / $3}' | median)
    printf '| %s | %s s | %s MiB | %.2f |\n' "$v" "$(cut -d' ' -f1 "$work/$i.$v" | median)" \
      "$(cut -d' ' -f2 "$work/$i.$v" | median | awk '{printf "%.0f", $1/1024}')" "$ratio"
  done
  echo "| (background training after other-jvm, untimed) | $(cut -d' ' -f1 "$work/$i.training" | median) s | | |"
done
