#!/usr/bin/env bash
# Runs Portcullis' own image without a Docker engine, as a container runtime would run it under the
# Deployment in deploy/kubernetes: the root filesystem read-only, /var/lib/portcullis bound to
# DATA, a tmpfs on /tmp, as the image config's user, in its working directory, with its entrypoint
# and environment (read from BUNDLE/config.json, which `umoci unpack` derives from the image config).
#
#   skopeo copy docker://REGISTRY/portcullis@sha256:… oci:layout:img && umoci unpack --image layout:img BUNDLE
#   scripts/run-image-read-only.sh BUNDLE DATA serve --listen 127.0.0.1:8480
#
# The container shares the host's network (no network namespace), so its port is the host's.
# Needs root, util-linux's unshare and jq. Ends when the process ends.
set -euo pipefail
if [ "${1:-}" != --inside ]; then
  exec unshare --mount --fork --kill-child "$0" --inside "$@"
fi
shift
bundle=$1 data=$2
shift 2
root="$bundle/rootfs" config="$bundle/config.json"
uid=$(jq -r .process.user.uid "$config")
gid=$(jq -r .process.user.gid "$config")
cwd=$(jq -r .process.cwd "$config")
mapfile -t entrypoint < <(jq -r '.process.args[]' "$config")
mapfile -t environment < <(jq -r '.process.env[]' "$config")

# Mount points are made on the bundle, as runtimes do, before the root turns read-only.
mkdir -p "$root/var/lib/portcullis" "$root/tmp" "$root/proc" "$root/dev"
for f in hosts resolv.conf hostname; do [ -e "$root/etc/$f" ] || : > "$root/etc/$f"; done
mount --make-rprivate /
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount -t tmpfs -o size=256m,mode=1777 tmpfs "$root/tmp"
mount --bind "$data" "$root/var/lib/portcullis"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
for f in hosts resolv.conf hostname; do mount --bind "/etc/$f" "$root/etc/$f"; done
exec env -i "${environment[@]}" \
  unshare --root="$root" --wd="$cwd" --setuid "$uid" --setgid "$gid" "${entrypoint[@]}" "$@"
