#!/usr/bin/env bash
# Recall and decoys of secret scanning on the planted image (scripts/build-secret-image.sh), for
# Portcullis and Trivy, as docs/benchmarks.md "Accuracy: secrets" reports them:
#   bench/secrets-accuracy.sh [SECRET_IMAGE_DIR]
# A planted secret counts as found when a tool reports as many findings at its file (or config
# field) as were planted there; findings in /app/config/reference.conf (the decoy file) and extra
# ones in Env are decoys reported. Trivy names config findings by the archive: they are told apart
# by what they show (Env's GITHUB_TOKEN, the label deploy.token). PORTCULLIS_JAR points at another
# build (an older one, to compare).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
secret_dir=${1:-target/secret-image}
jar=${PORTCULLIS_JAR:-target/portcullis.jar}
[ -f target/test-images/.complete-2 ] || bash scripts/build-test-images.sh target/test-images
bash scripts/build-secret-image.sh "$secret_dir" target/test-images
[ -f "$jar" ] || ./mvnw -q -B -DskipTests package
trivy=$(bash scripts/install-trivy.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

java -jar "$jar" scan image "docker-archive:$secret_dir/secrets.tar" --scanners secret --no-cache \
  --format json --output "$work/portcullis.json"
"$trivy" image --quiet --input "$secret_dir/secrets.tar" --scanners secret --skip-db-update \
  --offline-scan --image-config-scanners secret --format json --cache-dir "$work/trivy-cache" \
  --output "$work/trivy.json"

jq -r '.secrets[].target' "$work/portcullis.json" > "$work/portcullis.targets"
jq -r '.Results[] | .Target as $t | (.Secrets // [])[] |
  if ($t | endswith(".tar")) then
    (if (.Match | test("GITHUB_TOKEN|GOOGLE")) then "config:Env"
     elif (.Match | test("deploy.token")) then "config:Labels" else "config:?" end)
  else $t end' "$work/trivy.json" > "$work/trivy.targets"

decoys=8 # the 7 lines of reference.conf and GOOGLE_APPLICATION_CREDENTIALS in Env
for tool in portcullis trivy; do
  jq -rn --rawfile expected "$secret_dir/expected-secrets.tsv" --rawfile found "$work/$tool.targets" \
    --arg tool "$tool" --argjson decoys "$decoys" '
    def counts: reduce .[] as $t ({}; .[$t] += 1);
    ($expected | split("\n") | map(select(length > 0) | split("\t")[1]) | counts) as $e
    | ($found | split("\n") | map(select(length > 0)) | counts) as $f
    | ([$e | to_entries[] | [.value, ($f[.key] // 0)] | min] | add) as $hits
    | (($f["/app/config/reference.conf"] // 0)
       + ([0, ($f["config:Env"] // 0) - ($e["config:Env"] // 0)] | max)) as $decoy_hits
    | ([$f | to_entries[] | select(.key != "/app/config/reference.conf" and .key != "config:Env")
        | [0, .value - ($e[.key] // 0)] | max] | add // 0) as $other
    | ([$e | to_entries[] | select(($f[.key] // 0) < .value) | .key] | join(", ")) as $missed
    | "\($tool): planted found \($hits) of \($e | add), decoys reported \($decoy_hits) of \($decoys), other findings \($other); missed: \($missed)"'
done
