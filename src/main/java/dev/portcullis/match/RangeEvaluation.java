package dev.portcullis.match;

import java.util.List;

/**
 * Whether one installed version lies in an OSV affected entry.
 *
 * @param affected the version is inside a range or listed
 * @param fixedVersions versions that end a range the installed version is in, oldest first
 * @param uncomparable why the version could not be placed, or null if it could
 * @param noFixPlanned why the distribution will not fix it in this release, where the entry says so
 *     and names no fix for the installed version; else null
 * @param entryRated the entry carries the distribution's own rating of the vulnerability (see
 *     {@link NoFixPlanned#entryRated}), whether or not it says no fix is planned
 * @param fixSubscription the subscription the fixed versions are published for (Ubuntu Pro), where
 *     no fix is in the release's own archive; else null
 */
record RangeEvaluation(
    boolean affected,
    List<String> fixedVersions,
    String uncomparable,
    String noFixPlanned,
    boolean entryRated,
    String fixSubscription) {

  RangeEvaluation {
    fixedVersions = List.copyOf(fixedVersions);
  }

  RangeEvaluation(boolean affected, List<String> fixedVersions, String uncomparable) {
    this(affected, fixedVersions, uncomparable, null, false, null);
  }

  static RangeEvaluation notComparable(String why) {
    return new RangeEvaluation(false, List.of(), why);
  }

  /** Affected with no fix for the installed version: where a distribution's word can matter. */
  boolean unfixed() {
    return affected && uncomparable == null && fixedVersions.isEmpty();
  }

  RangeEvaluation withNoFixPlanned(String why, boolean rated) {
    return new RangeEvaluation(affected, fixedVersions, uncomparable, why, rated, fixSubscription);
  }

  /** The same, its fixes published for a subscription only (null: the release's own archive). */
  RangeEvaluation withFixSubscription(String subscription) {
    return new RangeEvaluation(
        affected,
        fixedVersions,
        uncomparable,
        noFixPlanned,
        entryRated,
        fixedVersions.isEmpty() ? null : subscription);
  }
}
