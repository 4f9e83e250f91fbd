#!/usr/bin/env bash
# Fuzzes the Jazzer targets (*FuzzTest) one after another, one target per JVM, each for DURATION.
#
#   scripts/fuzz.sh [DURATION] [TARGET...]
#
# DURATION: Jazzer's syntax, 1h (default), 30m, 90s. TARGET: Class#method or just Class, e.g.
# GlobFuzzTest; default every @FuzzTest under src/test/java. The corpus each run grows is kept in
# .cifuzz-corpus/<class>/<method> (gitignored) and seeds the next run. Jazzer writes a crashing
# input into the target's inputs directory (src/test/resources/<package>/<Class>Inputs/<method>/),
# where `./mvnw test` replays it as a regression seed; one left in the working directory is moved
# there. Logs: target/fuzz/<target>.log. Ends with one summary line per target.
set -uo pipefail
cd "$(dirname "$0")/.."

duration="${1:-1h}"
[ $# -gt 0 ] && shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  while IFS= read -r file; do
    class="$(basename "$file" .java)"
    for method in $(grep -A1 '@FuzzTest' "$file" | grep -oE 'void [a-zA-Z0-9_]+' | cut -d' ' -f2); do
      targets+=("$class#$method")
    done
  done < <(find src/test/java -name '*FuzzTest.java' | sort)
fi

# Compiled once; every target then runs from the compiled classes.
./mvnw -q -o test-compile || exit 2
mkdir -p target/fuzz
summary=()
failed=0
for target in "${targets[@]}"; do
  class="${target%%#*}"
  method=""
  [[ "$target" == *"#"* ]] && method="${target#*#}"
  file="$(find src/test/java -name "$class.java" | head -1)"
  if [ -z "$file" ]; then
    echo "fuzz.sh: no fuzz test class $class" >&2
    exit 2
  fi
  package_dir="$(dirname "${file#src/test/java/}")"
  inputs="src/test/resources/$package_dir/${class}Inputs${method:+/$method}"
  log="target/fuzz/${class}${method:+-$method}.log"
  before="$(find "$inputs" -type f 2>/dev/null | sort)"
  echo "== fuzzing $target for $duration (log: $log)"
  start=$(date +%s)
  # Heap: 1 GiB, so that an input of at most a few hundred kilobytes that needs more is an
  # OutOfMemoryError finding. Surefire hands the jazzer.* properties to the test JVM; the hooks
  # (comparison tracing, sanitizers), off for the plain test run, guide the fuzzer.
  JAZZER_FUZZ=1 ./mvnw -o surefire:test \
    -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="$duration" -Djazzer.hooks=true -DargLine="-Xmx1g" \
    >"$log" 2>&1
  status=$?
  seconds=$(($(date +%s) - start))
  # A reproducer libFuzzer left in the working directory becomes a regression seed too.
  for artifact in crash-* timeout-* oom-* slow-unit-*; do
    [ -f "$artifact" ] || continue
    mkdir -p "$inputs"
    mv "$artifact" "$inputs/"
  done
  after="$(find "$inputs" -type f 2>/dev/null | sort)"
  findings=$(comm -13 <(echo "$before") <(echo "$after") | grep -c . || true)
  executions=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  if [ -z "$executions" ]; then
    executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  fi
  [ "$status" -ne 0 ] && failed=1
  summary+=("$(printf '%-55s %12s executions %6ss %3s findings%s' "$target" "${executions:-?}" \
    "$seconds" "$findings" "$([ "$status" -ne 0 ] && echo ' (test failed: see log)')")")
done
echo "== summary (new seeds under src/test/resources/**/*Inputs/)"
printf '%s\n' "${summary[@]}"
exit $failed
