#!/usr/bin/env bash
# Installs what the tests need (Debian packages, as root) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
needed=(mmdebstrap umoci skopeo curl openssl openssh-client gnupg jq docker-registry apache2-utils rpm ruby cargo librust-itoa-dev librust-smallvec-dev librust-cfg-if-dev librust-cc-dev librust-either-dev binutils prometheus chromium chromium-driver)
# scripts/build-npm-fixtures.sh: npm installs, npx runs yarn and pnpm. Any npm will do: one that
# came with Node.js from elsewhere (NodeSource) makes Debian's conflict with it.
command -v npm >/dev/null || needed+=(npm)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -q '^installed$' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
./mvnw -B verify "$@"
