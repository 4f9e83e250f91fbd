#!/usr/bin/env bash
# Installs what the tests need (Debian packages, as root) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-packages.sh
./mvnw -B verify "$@"
