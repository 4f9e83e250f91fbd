#!/usr/bin/env bash
# Compares the package lists Portcullis reports for an image tar with Trivy's: OS packages (with
# architecture and source package) and language packages (type, name, version).
#   scripts/compare-with-trivy.sh IMAGE_TAR
# Prints packages only one side reports and packages both report with different details
# (version, architecture, source name and version). Exits 0 only if the lists are equal.
set -euo pipefail
image=${1:?usage: compare-with-trivy.sh IMAGE_TAR}
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/portcullis.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -DskipTests package)
trivy=$(cd "$here" && bash scripts/install-trivy.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$trivy" image --quiet --input "$image" --format json --list-all-pkgs --scanners license \
  --skip-db-update --offline-scan --cache-dir "$work/trivy-cache" --output "$work/trivy.json"
java -jar "$jar" sbom image "$image" --no-cache --format json --output "$work/portcullis.json"

python3 - "$work/trivy.json" "$work/portcullis.json" <<'PY'
import json, sys

def evr(epoch, version, release):
    text = version or ""
    if release:
        text += "-" + release
    if epoch:
        text = f"{epoch}:{text}"
    return text

# Trivy's language package types, as Portcullis' package types (purl types).
LANGUAGE_TYPES = {"python-pkg": "pypi", "jar": "maven", "pom": "maven", "node-pkg": "npm",
                  "gemspec": "gem", "gobinary": "golang", "rust-binary": "cargo"}

trivy = {}
for result in json.load(open(sys.argv[1])).get("Results", []):
    if result.get("Class") == "os-pkgs":
        for p in result.get("Packages", []):
            key = (p["Name"], p.get("Arch", ""))
            trivy[key] = (evr(p.get("Epoch"), p.get("Version"), p.get("Release")),
                          p.get("SrcName", ""), evr(p.get("SrcEpoch"), p.get("SrcVersion"), p.get("SrcRelease")))
    elif result.get("Class") == "lang-pkgs":
        kind = LANGUAGE_TYPES.get(result.get("Type"), result.get("Type"))
        for p in result.get("Packages", []):
            trivy[(kind, p["Name"], p.get("Version", ""))] = ("language package",)

ours = {}
for p in json.load(open(sys.argv[2]))["packages"]:
    if p["type"] in ("deb", "apk", "rpm"):
        ours[(p["name"], p.get("arch") or "")] = (p["version"], p["sourceName"], p["sourceVersion"])
    else:
        ours[(p["type"], p["name"], p["version"])] = ("language package",)

only_trivy = sorted(set(trivy) - set(ours))
only_ours = sorted(set(ours) - set(trivy))
differ = sorted(k for k in set(trivy) & set(ours) if trivy[k] != ours[k])
for k in only_trivy:
    print("only Trivy:      %s %s" % (" ".join(k), trivy[k]))
for k in only_ours:
    print("only Portcullis: %s %s" % (" ".join(k), ours[k]))
for k in differ:
    print("differ:          %s trivy=%s portcullis=%s" % (" ".join(k), trivy[k], ours[k]))
print(f"{len(trivy)} packages from Trivy, {len(ours)} from Portcullis: "
      f"{len(only_trivy)} only in Trivy, {len(only_ours)} only in Portcullis, {len(differ)} differ")
sys.exit(1 if only_trivy or only_ours or differ else 0)
PY
