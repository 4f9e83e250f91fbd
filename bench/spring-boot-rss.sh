#!/usr/bin/env bash
# Peak memory of scanning a Spring Boot image, against the same image without the application:
# what streaming the nested jars costs. Builds (once, into target/bench/spring-boot) a Debian 12
# image with the Java runtime (openjdk-17-jre-headless, by mmdebstrap) and, one layer up, the
# Spring Boot fat jar of scripts/build-java-apps.sh; prints a Markdown table, median of N runs.
#   bench/spring-boot-rss.sh [RUNS]     (needs root, mmdebstrap, umoci, skopeo, GNU time)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
runs=${1:-5}
out=target/bench/spring-boot
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (Debian package 'time')" >&2; exit 2; }
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
bash scripts/build-java-apps.sh target/java-apps

if [ ! -f "$out/.complete" ]; then
  rm -rf "$out"
  mkdir -p "$out"
  bash scripts/install-packages.sh
  work=$(mktemp -d "$out/work.XXXXXX")
  sources=$(bash scripts/apt-sources.sh)
  echo "== Debian 12 with openjdk-17-jre-headless (mmdebstrap)" >&2
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/rootfs.tar" "$sources"
  umoci init --layout "$out/oci"
  umoci new --image "$out/oci:jre"
  umoci unpack --image "$out/oci:jre" "$work/bundle"
  tar -xf "$work/rootfs.tar" -C "$work/bundle/rootfs"
  umoci repack --image "$out/oci:jre" --history.created_by "mmdebstrap --include=openjdk-17-jre-headless bookworm" "$work/bundle"
  mkdir -p "$work/app/app"
  cp target/java-apps/spring-boot-app.jar "$work/app/app/app.jar"
  tar -C "$work/app" --numeric-owner -cf "$work/app.tar" .
  umoci raw add-layer --image "$out/oci:jre" --tag app --history.created_by "COPY target/app.jar /app/app.jar" "$work/app.tar"
  for tag in jre app; do
    skopeo --insecure-policy copy -q "oci:$out/oci:$tag" "docker-archive:$out/$tag.tar:portcullis-bench/$tag:1"
  done
  rm -rf "$work"
  touch "$out/.complete"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {
  local file=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/one" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/one" >> "$file"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
bin/portcullis sbom image "docker-archive:$out/jre.tar" --no-cache --output "$work/x.json" >/dev/null 2>&1
for i in $(seq "$runs"); do
  for tag in jre app; do
    measure "$work/$tag" bin/portcullis sbom image "docker-archive:$out/$tag.tar" --no-cache -f json --output "$work/$tag.json"
  done
done
count() { python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['packages']))" "$1"; }
row() {
  printf '| %s | %s MiB | %s | %s s | %s MiB |\n' "$1" "$(du -m "$out/$2.tar" | cut -f1)" "$(count "$work/$2.json")" \
    "$(cut -d' ' -f1 "$work/$2" | median)" "$(cut -d' ' -f2 "$work/$2" | median | awk '{printf "%.0f", $1/1024}')"
}
echo "$runs runs each, median, no layer cache; $(nproc) cores; $(java -version 2>&1 | head -n 1)"
echo
echo "| image | size | packages | wall time | peak RSS |"
echo "|---|---|---|---|---|"
row "Debian 12 + JRE (no application)" jre
row "the same + Spring Boot fat jar" app
