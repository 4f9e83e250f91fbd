#!/usr/bin/env bash
# Builds a Debian 12 Java 17 runtime image, the local stand-in for the distroless base that
# Portcullis' own image (jib-maven-plugin, profile "image") is built on, once, into OUT (default
# target/java-base-image): an OCI layout OUT/oci:java17, one layer, user 65532 as distroless'
# nonroot. Only the JRE and what it needs on Debian's essential set (mmdebstrap's "essential"
# variant: no apt, unlike minbase); dpkg's status file stays so that scanners read what is
# installed. Manual pages stay: the JRE's update-alternatives links them.
# Needs root and the Debian packages mmdebstrap and umoci; packages come from the host's apt
# sources (with bookworm-security, so the JRE is the current one).
set -euo pipefail

OUT=${1:-target/java-base-image}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
marker="$OUT/.complete-1"
[ -f "$marker" ] && exit 0

work=$(mktemp -d "$OUT/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
sources=$(bash "$(dirname "$0")/apt-sources.sh")

echo "== Java 17 runtime root filesystem (mmdebstrap)"
# The essential set (base-files, libc, dpkg's database) plus the headless JRE and its dependencies.
# ca-certificates-java runs a Java tool in its postinst: the JRE must be configured first, which
# mmdebstrap's apt ordering does.
mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  bookworm "$work/rootfs.tar" "$sources"

oci="$OUT/oci"
rm -rf "$oci"
umoci init --layout "$oci"
umoci new --image "$oci:java17"
umoci raw add-layer --image "$oci:java17" \
  --history.created_by "mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates,tzdata bookworm" \
  "$work/rootfs.tar"
umoci config --image "$oci:java17" --config.user 65532:65532 \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 \
  --config.workingdir /home/nonroot \
  --config.label org.opencontainers.image.title=portcullis-test-java17
touch "$marker"
echo "== image in $oci:java17"
