#!/usr/bin/env bash
# Installs the Debian packages the tests and the benchmarks need (as root, or through sudo), those
# not installed already. scripts/test.sh and the bench/ image builders run it first.
set -euo pipefail
needed=(mmdebstrap umoci skopeo curl openssl openssh-client gnupg jq docker-registry apache2-utils rpm ruby cargo librust-itoa-dev librust-smallvec-dev librust-cfg-if-dev librust-cc-dev librust-either-dev binutils prometheus chromium chromium-driver time)
# scripts/build-npm-fixtures.sh: npm installs, npx runs yarn and pnpm. Any npm will do: one that
# came with Node.js from elsewhere (NodeSource) makes Debian's conflict with it.
command -v npm >/dev/null || needed+=(npm)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -q '^installed$' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}" >&2
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}" >&2
fi
