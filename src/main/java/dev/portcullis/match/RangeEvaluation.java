package dev.portcullis.match;

import java.util.List;

/**
 * Whether one installed version lies in an OSV affected entry.
 *
 * @param affected the version is inside a range or listed
 * @param fixedVersions versions that end a range the installed version is in, oldest first
 * @param uncomparable why the version could not be placed, or null if it could
 */
record RangeEvaluation(boolean affected, List<String> fixedVersions, String uncomparable) {

  RangeEvaluation {
    fixedVersions = List.copyOf(fixedVersions);
  }

  static RangeEvaluation notComparable(String why) {
    return new RangeEvaluation(false, List.of(), why);
  }
}
