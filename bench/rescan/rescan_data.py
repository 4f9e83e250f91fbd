"""Data for bench/rescan.sh, Python standard library only; deterministic for one machine.

  rescan_data.py database DEBS OSV OUT.zip COPIES
      the zip of bench/db-import.sh (the real Go and PyPI records of OSV, COPIES times under new
      ids) plus Debian:12 records written for the source packages of DEBS (dpkg-query's list of
      this machine): for each, one fixed below every version, one for Debian 11, and for every
      third an open one, fixed just above the installed version
  rescan_data.py post DEBS OSV URL TOKEN IMAGES PACKAGES CLIENTS TOOL_VERSION REGISTRY
      posts IMAGES inventories (`portcullis sbom --format json` shape) of PACKAGES packages each to
      URL/api/v1/scans from CLIENTS threads: three quarters Debian packages of this machine, the
      rest Go modules and PyPI packages named by the OSV records, one in ten at an affected
      version, the others at their latest fix; each image in its own repository under REGISTRY
  rescan_data.py update DEBS OUT.json
      the database update: a new CRITICAL Debian:12 advisory on glibc, which every image has
Every loop is bounded; the server must be on loopback.
"""
import glob
import hashlib
import json
import random
import re
import sys
import threading
import urllib.parse
import urllib.request
import zipfile

SEVERITIES = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  # critical
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",  # high
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N",  # medium
    "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N",  # low
]
UPDATE_ID = "BENCH-RESCAN-UPDATE"


def debs(path):
    """This machine's packages: (name, version, arch, source, source version), libc6 first."""
    rows = []
    for line in open(path):
        name, version, arch, source, source_version = line.rstrip("\n").split("\t")
        if name and version:
            rows.append((name, version, arch, source or name, source_version or version))
    rows.sort(key=lambda r: (r[0] != "libc6", r[0]))
    return rows


def sources(rows):
    return sorted({(r[3], r[4]) for r in rows})


def osv_files(osv):
    return sorted(glob.glob(osv + "/Go/*.json") + glob.glob(osv + "/PyPI/*.json"))


def debian_record(record_id, release, name, fixed, severity, alias):
    return {
        "id": record_id,
        "modified": "2026-01-01T00:00:00Z",
        "aliases": [alias],
        "summary": f"a benchmark advisory for {name}",
        "severity": [{"type": "CVSS_V3", "score": SEVERITIES[severity]}],
        "affected": [{
            "package": {"ecosystem": release, "name": name},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": fixed}]}],
        }],
    }


def database(debs_path, osv, out, copies):
    records = [open(f).read() for f in osv_files(osv)]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for k in range(copies):
            for text in records:
                record = json.loads(text)
                record["id"] = f"{record['id']}-COPY{k}"
                z.writestr(record["id"] + ".json", json.dumps(record))
        for i, (source, version) in enumerate(sources(debs(debs_path))):
            alias = f"CVE-2098-{10000 + i}"
            written = [debian_record(f"BENCH-DEB-{i}-below", "Debian:12", source, "0~0", i % 4, alias),
                       debian_record(f"BENCH-DEB-{i}-d11", "Debian:11", source, version + "+fix1", i % 4,
                                     alias)]
            if i % 3 == 0:
                written.append(debian_record(f"BENCH-DEB-{i}-open", "Debian:12", source,
                                             version + "+fix1", i % 4, f"CVE-2098-{50000 + i}"))
            for record in written:
                z.writestr(record["id"] + ".json", json.dumps(record))


def version_key(version):
    """A rough order of versions, enough to pick a package's latest fix."""
    return [int(n) for n in re.findall(r"\d+", version)[:6]]


def language_pool(osv):
    """(purl type, name, an affected version, the latest fix of any of its records) by package."""
    bad, fixes = {"golang": {}, "pypi": {}}, {"golang": {}, "pypi": {}}
    for f in osv_files(osv):
        record = json.load(open(f))
        for affected in record.get("affected", []):
            name = affected["package"]["name"]
            ecosystem = affected["package"]["ecosystem"]
            events = [e for r in affected.get("ranges", []) if r["type"] in ("SEMVER", "ECOSYSTEM")
                      for e in r["events"]]
            fixed = [e["fixed"] for e in events if "fixed" in e]
            introduced = [e["introduced"] for e in events if "introduced" in e]
            if not fixed or not introduced:
                continue
            if ecosystem == "Go" and name not in ("stdlib", "toolchain"):
                kind = "golang"
                vulnerable = ("v" + introduced[0] if introduced[0] != "0"
                              else "v0.0.0-20200101000000-000000000000")
                fixed = ["v" + v for v in fixed]
            elif ecosystem == "PyPI" and affected.get("versions"):
                kind = "pypi"
                vulnerable = affected["versions"][-1]
            else:
                continue
            bad[kind].setdefault(name, vulnerable)
            fixes[kind].setdefault(name, []).extend(fixed)
    return {kind: [(name, bad[kind][name], max(fixes[kind][name], key=version_key))
                   for name in sorted(bad[kind])] for kind in bad}


LAYER = {"index": 0, "diffId": "sha256:" + "a" * 64, "digest": "sha256:" + "b" * 64,
         "createdBy": "mmdebstrap bookworm"}
APP_LAYER = {"index": 1, "diffId": "sha256:" + "c" * 64, "digest": "sha256:" + "d" * 64,
             "createdBy": "COPY app /app"}


def inventory(n, rows, pool, packages, tool_version, registry):
    rng = random.Random(n)
    repository = f"{registry}/bench/app-{n}"
    debian_count = packages * 3 // 4
    chosen = [rows[0]] + rng.sample(rows[1:], debian_count - 1)
    listed = []
    for name, version, arch, source, source_version in chosen:
        listed.append({
            "type": "deb", "name": name, "version": version, "arch": arch, "sourceName": source,
            "sourceVersion": source_version, "foundIn": "var/lib/dpkg/status", "layer": LAYER,
            "purl": f"pkg:deb/debian/{urllib.parse.quote(name)}@{urllib.parse.quote(version)}"
                    f"?arch={arch}&distro=debian-12",
            "files": []})
    for kind in ("golang", "pypi"):
        count = (packages - debian_count) // 2 + (kind == "golang") * ((packages - debian_count) % 2)
        seen = set()
        for name, bad, good in rng.sample(pool[kind], len(pool[kind])):
            if len(seen) == count:
                break
            if name in seen:
                continue
            seen.add(name)
            version = bad if rng.random() < 0.1 else good
            listed.append({
                "type": kind, "name": name, "version": version,
                "foundIn": "app/go.mod" if kind == "golang" else "app/requirements.txt",
                "layer": APP_LAYER,
                "purl": f"pkg:{kind}/{name}@{version}", "files": []})
    digest = "sha256:" + hashlib.sha256(f"rescan-bench-image-{n}".encode()).hexdigest()
    return {
        "schemaVersion": 1, "tool": "portcullis", "toolVersion": tool_version,
        "createdAt": "2026-01-01T00:00:00Z",
        "image": {"name": f"registry:{repository}:1", "manifestDigest": digest,
                  "repoTags": [f"{repository}:1"], "os": "linux", "architecture": "amd64"},
        "os": {"family": "debian", "version": "12", "prettyName": "Debian GNU/Linux 12 (bookworm)",
               "foundIn": "usr/lib/os-release"},
        "layers": [LAYER, APP_LAYER], "packages": listed, "warnings": []}


def post(debs_path, osv, url, token, images, packages, clients, tool_version, registry):
    host = urllib.parse.urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only: " + url)
    rows = debs(debs_path)
    pool = language_pool(osv)
    lock = threading.Lock()
    state = {"next": 0, "findings": 0, "error": None}

    def client():
        while True:
            with lock:
                n = state["next"]
                state["next"] += 1
                if n >= images or state["error"]:
                    return
            body = json.dumps(inventory(n, rows, pool, packages, tool_version, registry)).encode()
            request = urllib.request.Request(url + "/api/v1/scans", data=body, method="POST", headers={
                "Authorization": "Bearer " + token, "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    answer = json.load(response)
                with lock:
                    state["findings"] += answer["opened"]
            except Exception as e:  # noqa: BLE001 - reported once, stops every client
                with lock:
                    state["error"] = f"image {n}: {e}"
                return

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if state["error"]:
        raise SystemExit("seeding failed: " + state["error"])
    print(f"seeded {images} images of {packages} packages: {state['findings']} findings opened"
          f" ({state['findings'] / images:.0f} per image)")


def update(debs_path, out):
    source, version = next((r[3], r[4]) for r in debs(debs_path) if r[0] == "libc6")
    record = debian_record(UPDATE_ID, "Debian:12", source, version + "+fix2", 0, "CVE-2098-99999")
    with open(out, "w") as f:
        json.dump(record, f)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "database":
        database(args[0], args[1], args[2], int(args[3]))
    elif command == "post":
        post(args[0], args[1], args[2], args[3], int(args[4]), int(args[5]), int(args[6]), args[7],
             args[8])
    elif command == "update":
        update(args[0], args[1])
    else:
        raise SystemExit("unknown command " + command)
