#!/usr/bin/env bash
# Builds the demo image, a docker-archive (the format of `docker save`), from the layer directories
# under demo/image: real Debian 12 package data, and an upper layer that removes less (whiteouts)
# and upgrades tzdata. Needs only tar, gzip and sha256sum; works offline.
#   scripts/build-demo-image.sh [OUT.tar]   (default target/demo/demo-image.tar)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/target/demo/demo-image.tar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")" "$work/archive"

deterministic_tar() {
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf "$2" .
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

deterministic_tar "$here/demo/image/layer-1" "$work/layer1.tar"
deterministic_tar "$here/demo/image/layer-2" "$work/layer2.tar"
diff1=$(sha "$work/layer1.tar")
diff2=$(sha "$work/layer2.tar")
# The lower layer is stored as it is, the upper one gzip-compressed, as docker-archives may do both.
cp "$work/layer1.tar" "$work/archive/$diff1.tar"
gzip -n -c "$work/layer2.tar" > "$work/archive/$diff2.tar.gz"

cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["bash"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff1","sha256:$diff2"]},
 "history":[
  {"created":"2026-01-01T00:00:00Z","created_by":"mmdebstrap --variant=minbase --include=less bookworm"},
  {"created":"2026-01-01T00:00:00Z","created_by":"/bin/sh -c dpkg --purge less && dpkg -i tzdata.deb"},
  {"created":"2026-01-01T00:00:00Z","created_by":"/bin/sh -c #(nop)  CMD [\"bash\"]","empty_layer":true}]}
JSON
config=$(sha "$work/config.json")
cp "$work/config.json" "$work/archive/$config.json"
printf '[{"Config":"%s.json","RepoTags":["portcullis/demo:12"],"Layers":["%s.tar","%s.tar.gz"]}]\n' \
  "$config" "$diff1" "$diff2" > "$work/archive/manifest.json"
deterministic_tar "$work/archive" "$out"
echo "$out"
