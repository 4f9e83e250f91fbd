#!/usr/bin/env bash
# Compares the package lists Portcullis reports with Trivy's: OS packages (with architecture and
# source package) and language packages (type, name, version).
#   scripts/compare-with-trivy.sh IMAGE_TAR       an image (trivy image / portcullis sbom image)
#   scripts/compare-with-trivy.sh rootfs:DIR      a root filesystem (trivy rootfs / sbom image)
#   scripts/compare-with-trivy.sh fs:DIR          a project (trivy fs / portcullis sbom fs)
# Prints packages only one side reports and packages both report with different details
# (version, architecture, source name and version). Exits 0 only if the lists are equal.
set -euo pipefail
target=${1:?usage: compare-with-trivy.sh IMAGE_TAR|rootfs:DIR|fs:DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/portcullis.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -DskipTests package)
trivy=$(cd "$here" && bash scripts/install-trivy.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$target" in
  fs:*) trivy_args=(fs "${target#fs:}"); ours_args=(fs "${target#fs:}") ;;
  rootfs:*) trivy_args=(rootfs "${target#rootfs:}"); ours_args=(image "$target") ;;
  *) trivy_args=(image --input "$target"); ours_args=(image "$target") ;;
esac
"$trivy" "${trivy_args[@]}" --quiet --format json --list-all-pkgs --scanners license \
  --skip-db-update --offline-scan --cache-dir "$work/trivy-cache" --output "$work/trivy.json"
java -jar "$jar" sbom "${ours_args[@]}" --no-cache --format json --output "$work/portcullis.json"

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
LANGUAGE_TYPES = {"python-pkg": "pypi", "pip": "pypi", "pipenv": "pypi", "poetry": "pypi",
                  "uv": "pypi", "jar": "maven", "pom": "maven", "gradle": "maven",
                  "node-pkg": "npm", "npm": "npm", "yarn": "npm", "pnpm": "npm",
                  "gemspec": "gem", "bundler": "gem", "gobinary": "golang", "gomod": "golang",
                  "rust-binary": "cargo", "rustbinary": "cargo", "cargo": "cargo", "dotnet-core": "nuget",
                  "nuget": "nuget", "packages-props": "nuget", "composer": "composer",
                  "composer-vendor": "composer"}

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
            version = p.get("Version", "")
            # Some Trivy versions write Go module versions without their "v"; Portcullis keeps it.
            if kind == "golang" and version and not version.startswith("v"):
                version = "v" + version
            trivy[(kind, p.get("Name", ""), version)] = ("language package",)

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
