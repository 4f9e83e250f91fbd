#!/usr/bin/env bash
# Builds the real Debian images the tests and benchmarks read, once, into OUT (default target/test-images).
#
#   debian       one layer: mmdebstrap minbase bookworm, plus less and an older tzdata
#   debian-next  debian plus a second layer made by real dpkg: less purged (whiteouts), tzdata upgraded
#   distroless   packages unpacked with dpkg-deb -x, their control data in var/lib/dpkg/status.d/
#   python       distroless plus a layer of Debian's Python packages (egg-info and dist-info metadata,
#                status.d/*.md5sums naming their files)
#
# Each exists as OCI layout (OUT/oci:TAG), docker-archive (OUT/TAG.tar) and oci-archive (OUT/TAG.oci.tar).
# Needs root and the Debian packages mmdebstrap, umoci and skopeo; packages come from the host's apt sources.
set -euo pipefail

# What real dpkg says is installed, one "name version arch source-name source-version" line per
# package: the oracle the inventory tests compare with.
installed_per_dpkg() {
  dpkg-query --admindir="$1/var/lib/dpkg" -W \
    -f='${db:Status-Status} ${Package} ${Version} ${Architecture} ${source:Package} ${source:Version}\n' \
    | awk '$1 == "installed" {print $2, $3, $4, $5, $6}' | sort
}

OUT=${1:-target/test-images}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# Bumped whenever the set of images changes, so that older builds are redone.
marker="$OUT/.complete-3"
[ -f "$marker" ] && exit 0

work=$(mktemp -d "$OUT/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
sources=$(bash "$(dirname "$0")/apt-sources.sh")

# The version the base layer gets is the oldest tzdata the archive offers, so that the upper layer upgrades it.
versions=$(apt-cache madison tzdata | awk '{print $3}' | sort -u)
old_tzdata=$(printf '%s\n' "$versions" | sort -V | head -n 1)
new_tzdata=$(printf '%s\n' "$versions" | sort -V | tail -n 1)
[ "$old_tzdata" != "$new_tzdata" ] || { echo "only one tzdata version in the archive; cannot build an upgrade layer" >&2; exit 1; }

echo "== base root filesystem (mmdebstrap, tzdata $old_tzdata)"
mmdebstrap --quiet --variant=minbase --include=less bookworm "$work/rootfs.tar" "$sources"

oci="$OUT/oci"
rm -rf "$oci"
umoci init --layout "$oci"
umoci new --image "$oci:empty"
umoci unpack --image "$oci:empty" "$work/bundle"
tar -xf "$work/rootfs.tar" -C "$work/bundle/rootfs"
(cd "$work" && apt-get download -q "tzdata=$old_tzdata" >/dev/null && mv tzdata_*.deb "$work/bundle/rootfs/tmp/tzdata.deb")
chroot "$work/bundle/rootfs" dpkg -i /tmp/tzdata.deb >/dev/null
rm "$work/bundle/rootfs/tmp/tzdata.deb"
umoci repack --image "$oci:debian" --history.created_by "mmdebstrap --variant=minbase --include=less bookworm && dpkg -i tzdata_$old_tzdata.deb" "$work/bundle"
installed_per_dpkg "$work/bundle/rootfs" > "$OUT/debian.packages"
umoci config --image "$oci:debian" --config.cmd /bin/bash --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

echo "== upper layer: purge less, upgrade tzdata to $new_tzdata"
rm -rf "$work/bundle"
umoci unpack --image "$oci:debian" "$work/bundle"
(cd "$work" && apt-get download -q "tzdata=$new_tzdata" >/dev/null && mv tzdata_*.deb "$work/bundle/rootfs/tmp/tzdata.deb")
chroot "$work/bundle/rootfs" dpkg --purge less >/dev/null
chroot "$work/bundle/rootfs" dpkg -i /tmp/tzdata.deb >/dev/null
rm "$work/bundle/rootfs/tmp/tzdata.deb"
installed_per_dpkg "$work/bundle/rootfs" > "$OUT/debian-next.packages"
umoci repack --image "$oci:debian-next" --history.created_by "RUN dpkg --purge less && dpkg -i tzdata.deb" "$work/bundle"

echo "== distroless-style image"
mkdir -p "$work/debs" "$work/distroless/var/lib/dpkg/status.d"
(cd "$work/debs" && apt-get download -q base-files netbase tzdata libc6 libssl3 ca-certificates >/dev/null)
for deb in "$work"/debs/*.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  dpkg-deb -x "$deb" "$work/distroless"
  dpkg-deb -f "$deb" > "$work/distroless/var/lib/dpkg/status.d/$pkg"
  dpkg-deb --show --showformat='${Package} ${Version} ${Architecture} ${source:Package} ${source:Version}\n' "$deb" >> "$work/distroless.packages"
  (cd "$work/distroless" && dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$' \
    | while read -r f; do [ -f ".$f" ] && md5sum ".$f" | sed 's| \./| |'; done) > "$work/distroless/var/lib/dpkg/status.d/$pkg.md5sums" || true
done
cat > "$work/distroless/etc/os-release" <<'OSR'
PRETTY_NAME="Distroless"
NAME="Debian GNU/Linux"
ID="debian"
VERSION_ID="12"
VERSION="Debian GNU/Linux 12 (bookworm)"
HOME_URL="https://github.com/GoogleContainerTools/distroless"
OSR
sort "$work/distroless.packages" > "$OUT/distroless.packages"
tar -C "$work/distroless" --numeric-owner -cf "$work/distroless.tar" .
umoci new --image "$oci:distroless"
umoci raw add-layer --image "$oci:distroless" --history.created_by "dpkg-deb -x (distroless style)" "$work/distroless.tar"

echo "== python image: Debian's Python packages over distroless"
mkdir -p "$work/pydebs" "$work/python/var/lib/dpkg/status.d"
(cd "$work/pydebs" && apt-get download -q python3-six python3-urllib3 python3-idna python3-pip python3-wheel >/dev/null)
for deb in "$work"/pydebs/*.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  dpkg-deb -x "$deb" "$work/python"
  dpkg-deb -f "$deb" > "$work/python/var/lib/dpkg/status.d/$pkg"
  # As distroless does: which files the package installed, so its Python metadata has an owner.
  dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./md5sums > "$work/python/var/lib/dpkg/status.d/$pkg.md5sums"
done
tar -C "$work/python" --numeric-owner -cf "$work/python.tar" .
umoci raw add-layer --image "$oci:distroless" --tag python --history.created_by "apt-get install python3-pip python3-six ..." "$work/python.tar"
# What the Python metadata itself says: "name version" per installed distribution.
find "$work/python" \( -path '*.dist-info/METADATA' -o -path '*.egg-info/PKG-INFO' \) -print0 \
  | xargs -0 awk -F': ' 'FNR==1{n="";v=""} /^Name: /{n=$2} /^Version: /{v=$2} /^$/{if(n!=""){print n, v; n=""; nextfile}}' \
  | sort > "$OUT/python.distributions"

for tag in debian debian-next distroless python; do
  rm -f "$OUT/$tag.tar" "$OUT/$tag.oci.tar"
  skopeo --insecure-policy copy -q "oci:$oci:$tag" "docker-archive:$OUT/$tag.tar:portcullis-test/$tag:12"
  skopeo --insecure-policy copy -q "oci:$oci:$tag" "oci-archive:$OUT/$tag.oci.tar:$tag"
done
printf '%s\n%s\n' "$old_tzdata" "$new_tzdata" > "$OUT/tzdata-versions"
touch "$marker"
echo "== images in $OUT"
