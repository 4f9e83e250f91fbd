#!/usr/bin/env bash
# Builds the large plain Debian 12 image of issue 24 ("scale with image size") once and caches it:
# mmdebstrap minbase bookworm with a headless JRE, Python, nginx, curl and libxml2, one layer,
# written as a docker-archive to OUT (default target/bench-images/debian-large.tar). Debian's
# archive moves, so the package count and size are printed, not assumed (about 160 packages and
# 480 MB when this was written).
# Needs root (or sudo) and installs mmdebstrap, umoci and skopeo where missing; packages come from the host's apt
# sources, as scripts/build-test-images.sh takes them.
#
#   bench/images/debian-large.sh [OUT.tar]
set -euo pipefail

OUT=${1:-target/bench-images/debian-large.tar}
mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")
PACKAGES=default-jre-headless,python3,nginx,curl,libxml2
# The marker names the package set, so that changing it rebuilds the image.
marker="$OUT.complete-$(printf '%s' "$PACKAGES" | sha256sum | cut -c1-12)"
if [ -f "$marker" ] && [ -f "$OUT" ]; then
  echo "$OUT"
  exit 0
fi

# mmdebstrap, umoci and skopeo, where this machine has none yet.
bash "$(dirname "$0")/../../scripts/install-packages.sh"
work=$(mktemp -d "$(dirname "$OUT")/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
sources=$(bash "$(dirname "$0")/../../scripts/apt-sources.sh")

echo "== root filesystem (mmdebstrap minbase bookworm + $PACKAGES)" >&2
mmdebstrap --quiet --variant=minbase --include="$PACKAGES" bookworm "$work/rootfs.tar" "$sources"

oci="$work/oci"
umoci init --layout "$oci"
umoci new --image "$oci:large"
umoci raw add-layer --image "$oci:large" \
  --history.created_by "mmdebstrap --variant=minbase --include=$PACKAGES bookworm" "$work/rootfs.tar"
umoci config --image "$oci:large" --config.cmd /bin/bash \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
rm -f "$OUT" "$OUT".complete-*
skopeo --insecure-policy copy -q "oci:$oci:large" "docker-archive:$OUT:portcullis-bench/debian-large:12"
packages=$(tar -xOf "$work/rootfs.tar" ./var/lib/dpkg/status | grep -c '^Status: install ok installed')
echo "== $OUT: $(du -m "$OUT" | cut -f1) MB, $packages packages" >&2
touch "$marker"
echo "$OUT"
