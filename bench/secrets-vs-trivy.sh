#!/usr/bin/env bash
# Times secret scanning against Trivy on the same docker-archives, side by side in one run, and
# prints a Markdown table of median wall seconds over N runs of each:
#   bench/secrets-vs-trivy.sh [RUNS] [SECRET_IMAGE_DIR]
# Images: the clean Debian 12 image the tests build (target/test-images/debian.tar) and the same
# image with planted secrets (SECRET_IMAGE_DIR/secrets.tar, default target/secret-image).
#   trivy, cold   trivy image --scanners secret with an empty cache each run
#   trivy, warm   the same with the cache an untimed run filled
#   portcullis    bin/portcullis scan image --scanners vuln,secret (vulnerabilities AND secrets, against
#                 the demo advisories): cold (--no-cache) and warm (layer cache filled)
# Also keeps Trivy's reports on the secrets image in target/bench: trivy-secrets.json (the timed
# command) and trivy-secrets-config.json (with --image-config-scanners secret, which Trivy needs
# to look at Env, Labels and history). PORTCULLIS_JAR and TRIVY_DIR point at other builds.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
runs=${1:-5}
secret_dir=${2:-target/secret-image}
jar=${PORTCULLIS_JAR:-target/portcullis.jar}
[ -f target/test-images/.complete-3 ] || bash scripts/build-test-images.sh target/test-images
bash scripts/build-secret-image.sh "$secret_dir" target/test-images
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
trivy=$(bash scripts/install-trivy.sh)
command -v hyperfine >/dev/null || command -v /usr/bin/time >/dev/null \
  || { echo "needs hyperfine or GNU time (Debian package 'time')" >&2; exit 2; }
mkdir -p target/bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -jar "$jar" db import demo/osv --db "$work/advisories.sqlite" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# time_runs NAME PREPARE COMMAND: prints the median seconds of RUNS runs of COMMAND, each after
# PREPARE (both shell strings), or "fails" with the first error line if a trial run fails.
time_runs() {
  local name=$1 prepare=$2 command=$3
  bash -c "$prepare"
  if ! bash -c "$command" >/dev/null 2>"$work/$name.err"; then
    printf 'fails: %s' "$(grep -m 1 . "$work/$name.err" | tr '|' '/')"
    return
  fi
  if command -v hyperfine >/dev/null; then
    hyperfine --style none --runs "$runs" --prepare "$prepare" --export-json "$work/$name.json" \
      "$command" >/dev/null 2>&1 || { printf 'fails: a timed run failed'; return; }
    jq '.results[0].median * 100 | round / 100' "$work/$name.json"
  else
    : > "$work/$name.times"
    for _ in $(seq "$runs"); do
      bash -c "$prepare"
      /usr/bin/time -f %e -a -o "$work/$name.times" bash -c "$command" >/dev/null 2>&1 \
        || { printf 'fails: a timed run failed'; return; }
    done
    median < "$work/$name.times"
  fi
}

# The two scans as shell strings: IMAGE CACHE OUTPUT [TRIVY OPTIONS...], and IMAGE OUTPUT.
trivy_scan() {
  printf '%q ' "$trivy" image --quiet --input "$1" --scanners secret --skip-db-update --offline-scan \
    --format json --cache-dir "$2" --output "$3" "${@:4}"
}
# IMAGE OUTPUT CACHE-OPTION...
portcullis_scan() {
  printf '%q ' bin/portcullis scan image "docker-archive:$1" --scanners vuln,secret \
    --offline --db "$work/advisories.sqlite" --format json --output "$2" "${@:3}"
}

export PORTCULLIS_JAR=$jar
# The class-data archive bin/portcullis uses is part of an installed tool: the build's, or with
# another JVM the one the launcher records in the background after this untimed scan.
bin/portcullis scan image "docker-archive:target/test-images/debian.tar" --scanners secret --no-cache >/dev/null
while compgen -G "${XDG_CACHE_HOME:-$HOME/.cache}/portcullis/jvm/*.recording" >/dev/null; do sleep 0.2; done
declare -A cold warm ours ours_warm
for image in target/test-images/debian.tar "$secret_dir/secrets.tar"; do
  name=$(basename "$image" .tar)
  cold[$name]=$(time_runs "$name-trivy-cold" "rm -rf $(printf %q "$work/cold")" "$(trivy_scan "$image" "$work/cold" "$work/trivy.json")")
  bash -c "rm -rf $(printf %q "$work/warm"); $(trivy_scan "$image" "$work/warm" "$work/trivy.json")"
  warm[$name]=$(time_runs "$name-trivy-warm" : "$(trivy_scan "$image" "$work/warm" "$work/trivy.json")")
  ours[$name]=$(time_runs "$name-portcullis" : "$(portcullis_scan "$image" "$work/portcullis.json" --no-cache)")
  bash -c "$(portcullis_scan "$image" "$work/portcullis.json" --cache-dir "$work/layers-$name")" >/dev/null
  ours_warm[$name]=$(time_runs "$name-portcullis-warm" : "$(portcullis_scan "$image" "$work/portcullis.json" --cache-dir "$work/layers-$name")")
done

rm -rf "$work/cold"
bash -c "$(trivy_scan "$secret_dir/secrets.tar" "$work/cold" target/bench/trivy-secrets.json)"
rm -rf "$work/cold"
bash -c "$(trivy_scan "$secret_dir/secrets.tar" "$work/cold" target/bench/trivy-secrets-config.json --image-config-scanners secret)"
reports="target/bench/trivy-secrets.json, target/bench/trivy-secrets-config.json"
if bash -c "$(portcullis_scan "$secret_dir/secrets.tar" target/bench/portcullis-secrets.json --no-cache)" >/dev/null 2>&1; then
  reports+=", target/bench/portcullis-secrets.json"
fi

echo "$runs runs each, median wall seconds; $(command -v hyperfine >/dev/null && echo hyperfine || echo 'GNU time');" \
  "$(nproc) cores; $(java -version 2>&1 | head -n 1); trivy $("$trivy" --version 2>/dev/null | head -n 1)"
echo
echo "| command | debian.tar ($(du -m target/test-images/debian.tar | cut -f1) MiB) | secrets.tar ($(du -m "$secret_dir/secrets.tar" | cut -f1) MiB) |"
echo "|---|---|---|"
echo "| trivy image --scanners secret, cold (empty cache) | ${cold[debian]} | ${cold[secrets]} |"
echo "| trivy image --scanners secret, warm (cache filled) | ${warm[debian]} | ${warm[secrets]} |"
echo "| portcullis scan image --scanners vuln,secret, cold (--no-cache) | ${ours[debian]} | ${ours[secrets]} |"
echo "| portcullis scan image --scanners vuln,secret, warm (layer cache filled) | ${ours_warm[debian]} | ${ours_warm[secrets]} |"
echo
echo "reports: $reports"
