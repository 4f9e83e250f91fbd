#!/usr/bin/env bash
# Issue 20's hostile inputs, end to end: each class through target/portcullis.jar in a 512 MiB heap,
# its exit code, wall-clock time and peak RSS, and whether it wrote anything but its report.
#   bench/hostile.sh            all classes
# Inputs are generated into a temporary directory (bench/hostile/inputs.py); nothing is kept.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/hostile/inputs.py "$work/inputs"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
printf '| %-52s | %4s | %7s | %8s | %s |\n' class exit seconds "RSS MiB" "wrote only the report"
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..54})" ------ --------- ---------- -----
for dir in "$work"/inputs/*/; do
  name=$(basename "$dir")
  read -r -a args < "$dir/args"
  home="$work/home-$name"; mkdir -p "$home"
  before=$(find "$dir" -type f | sort)
  set +e
  (cd "$dir" && HOME="$home" /usr/bin/time -f '%e %M' -o "$work/time" \
    java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$here/target/portcullis.jar" \
    "${args[@]}" -f json -o report.json >/dev/null 2>"$work/err")
  code=$?
  set -e
  read -r seconds kib < <(tail -n 1 "$work/time")
  after=$(find "$dir" -type f ! -name report.json | sort)
  clean=yes
  [ "$before" = "$after" ] && [ -z "$(find "$home" -type f)" ] || clean=no
  printf '| %-52s | %4s | %7s | %8s | %s |\n' "$name" "$code" "$seconds" "$((kib / 1024))" "$clean"
  [ "$code" -le 2 ] || { echo "  stderr: $(head -c 300 "$work/err")"; }
done
