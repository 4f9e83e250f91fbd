#!/usr/bin/env bash
# Times `db import` at the scale of OSV's exports for Debian, Alpine, npm, Maven, PyPI and Go
# (about 110,000 records), which cannot be downloaded here: the real Go and PyPI records of
# ../shared/testdata/osv, sixteen times over under new ids, in one zip like OSV's all.zip.
#   bench/db-import.sh [COPIES]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
copies=${1:-16}
osv=../shared/testdata/osv
[ -d "$osv" ] || { echo "needs $osv" >&2; exit 2; }
[ -f target/portcullis.jar ] || ./mvnw -q -B -DskipTests package
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$osv" "$work/all.zip" "$copies" <<'PY'
import glob, json, sys, zipfile
osv, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
records = [open(f).read() for f in sorted(glob.glob(osv + "/Go/*.json") + glob.glob(osv + "/PyPI/*.json"))]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for k in range(copies):
        for text in records:
            record = json.loads(text)
            record["id"] = f"{record['id']}-COPY{k}"
            z.writestr(record["id"] + ".json", json.dumps(record))
PY
echo "zip: $(du -m "$work/all.zip" | cut -f1) MiB"
/usr/bin/time -f '%e s wall, %M KB peak RSS' java -jar target/portcullis.jar db import "$work/all.zip" --db "$work/v.sqlite" | head -n 1
echo "database: $(du -m "$work/v.sqlite" | cut -f1) MiB"
