#!/usr/bin/env bash
# Prints the file of this machine's apt sources that mmdebstrap builds root filesystems from, so
# that images come from the same mirror as the host's packages; fails where there is none.
set -euo pipefail
for candidate in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
  [ -f "$candidate" ] && { echo "$candidate"; exit 0; }
done
echo "no apt sources found on this machine" >&2
exit 1
