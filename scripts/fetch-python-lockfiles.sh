#!/usr/bin/env bash
# Real Python lockfiles for the tests, taken from Debian 12's packages (Debian's apt archive is the
# only place reachable here that ships them), with what an independent reader says they hold.
#   scripts/fetch-python-lockfiles.sh OUT
# OUT/inkscape/            poetry.lock (lock-version 1.1, category = "dev"/"main") and pyproject.toml
#                          of Inkscape's Python extensions (package inkscape)
# OUT/ansible_collections/ the requirements.txt files of Ansible's collections, and netbox's
#                          poetry.lock (lock-version 2.0) and pyproject.toml (package ansible)
# OUT/*.poetry             "name version category" per [[package]], read with Python's tomllib
# OUT/ansible.requirements  "path name version" per requirement that pins one version (== or ===),
#                          read with the PEP 508 parser pip ships (packaging)
# OUT/sources              the Debian package versions used
set -euo pipefail
out=${1:?usage: fetch-python-lockfiles.sh OUT}
packages=(inkscape ansible)
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# apt-get download needs the package lists; a fresh machine may not have them yet.
if ! apt-get download -q "${packages[@]}" 2>/dev/null; then
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  apt-get download -q "${packages[@]}"
fi

rm -rf "$out/inkscape" "$out/ansible_collections"
mkdir -p "$out/inkscape" unpacked
extensions=./usr/share/inkscape/extensions
dpkg-deb --fsys-tarfile inkscape_*.deb \
  | tar -x -C unpacked "$extensions/poetry.lock" "$extensions/pyproject.toml"
cp "unpacked/$extensions/poetry.lock" "unpacked/$extensions/pyproject.toml" "$out/inkscape/"

collections=./usr/lib/python3/dist-packages/ansible_collections
dpkg-deb --fsys-tarfile ansible_*.deb \
  | tar -x -C unpacked --wildcards "$collections/*/requirements.txt" \
    "$collections/netbox/netbox/poetry.lock" "$collections/netbox/netbox/pyproject.toml"
cp -r "unpacked/$collections" "$out/ansible_collections"

python3 - "$out/inkscape/poetry.lock" > "$out/inkscape.poetry" <<'PY'
import sys, tomllib
for p in tomllib.load(open(sys.argv[1], "rb"))["package"]:
    print(p["name"], p["version"], p.get("category", "main"))
PY
python3 - "$out/ansible_collections/netbox/netbox/poetry.lock" > "$out/netbox.poetry" <<'PY'
import sys, tomllib
for p in tomllib.load(open(sys.argv[1], "rb"))["package"]:
    print(p["name"], p["version"], p.get("category", "main"))
PY
# The pins of every requirements.txt, by an independent reader: pip's PEP 508 parser on each
# logical line (continuations joined, comments and options dropped, as pip's requirement files).
python3 - "$out/ansible_collections" > "$out/ansible.requirements" <<'PY'
import pathlib, re, sys
try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
root = pathlib.Path(sys.argv[1])
for path in sorted(root.rglob("requirements.txt")):
    text = re.sub(r"\\\n", "", path.read_text(encoding="utf-8-sig"))
    for line in text.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line or line.startswith("-"):
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement:
            continue
        specs = list(req.specifier)
        if req.url is None and len(specs) == 1 and specs[0].operator in ("==", "===") \
                and "*" not in specs[0].version:
            print(path.relative_to(root), req.name, specs[0].version)
PY
for deb in ./*.deb; do dpkg-deb -f "$deb" Package Version | paste -sd' '; done > "$out/sources"
touch "$out/.complete-2"
