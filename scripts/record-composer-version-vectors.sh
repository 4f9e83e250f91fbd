#!/usr/bin/env bash
# Records PHP's version_compare, which orders Packagist versions, on pairs drawn from a grammar of
# Composer version strings (stability words in several cases, separators, numbers), so that
# ComposerReferenceAgreementTest can compare ours with it without PHP installed:
#   scripts/record-composer-version-vectors.sh   writes composer-version-compare.txt
# The grammar leaves out "#": PHP 8.2 reads 1.2.3.# as below 1.2.3, OSV's vectors as equal to it, and
# we keep OSV's order there. Needs php-cli (apt-get install php-cli). The grammar and seed are fixed: re-recording with the
# same PHP gives the same file.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/src/test/resources/dev/portcullis/version/composer-version-compare.txt"

php -r '
mt_srand(630);
$numbers = ["0", "1", "2", "9", "10", "01"];
$words = ["dev", "alpha", "a", "beta", "b", "RC", "rc", "pl", "p", "patch", "stable",
  "ALPHA", "BETA", "Beta", "Alpha", "DEV", "PL", "P", "A", "B", "foo", "x"];
$separators = [".", "-", "_", "+", ""];
$versions = [];
for ($i = 0; $i < 2000; $i++) {
  $v = $numbers[mt_rand(0, count($numbers) - 1)];
  $pieces = mt_rand(0, 4);
  for ($p = 0; $p < $pieces; $p++) {
    $v .= $separators[mt_rand(0, count($separators) - 1)];
    $v .= mt_rand(0, 2) == 0 ? $words[mt_rand(0, count($words) - 1)]
                             : $numbers[mt_rand(0, count($numbers) - 1)];
  }
  $versions[] = $v;
}
echo "# PHP " . PHP_VERSION . " version_compare on generated pairs; written by scripts/record-composer-version-vectors.sh\n";
for ($i = 0; $i < count($versions); $i++) {
  for ($j = $i + 1; $j < count($versions); $j += 190) {
    $c = version_compare($versions[$i], $versions[$j]);
    echo $versions[$i] . " " . ($c < 0 ? "<" : ($c > 0 ? ">" : "=")) . " " . $versions[$j] . "\n";
  }
}
' > "$out"
echo "wrote $(grep -vc '^#' "$out") pairs to $out"
