package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class MavenComparatorTest {

  private final VersionComparator maven = new MavenComparator();

  @Test
  void qualifierOrder() {
    ascending(
        maven,
        "1-alpha-1",
        "1-alpha-2",
        "1-beta-1",
        "1-milestone-1",
        "1-rc-1",
        "1-SNAPSHOT",
        "1",
        "1-sp",
        "1-abc",
        "1-xyz",
        "1-1",
        "1.1");
  }

  @Test
  void aliasesAndShortForms() {
    same(maven, "1-cr1", "1-rc1");
    same(maven, "1a1", "1-alpha-1");
    same(maven, "1b2", "1-beta-2");
    same(maven, "1m3", "1-milestone-3");
    same(maven, "1.ga", "1");
    same(maven, "1-final", "1");
    same(maven, "1.RELEASE", "1");
    // "a" alone is an unknown qualifier, not alpha.
    ascending(maven, "1", "1-a");
  }

  @Test
  void paddingAndTrailingNulls() {
    same(maven, "1", "1.0.0");
    same(maven, "1", "1-0");
    same(maven, "1.0", "1.0-0.0");
    same(maven, "1.01", "1.1");
    ascending(maven, "1.0", "1.0-1", "1.0.1");
  }

  @Test
  void caseIsIgnored() {
    same(maven, "1.0-RC1", "1.0-rc1");
    same(maven, "1X", "1x");
  }

  @Test
  void aQualifierAfterADotStillSortsBelowTheRelease() {
    ascending(maven, "1.0.0.RC1", "1.0.0-RC2", "1.0.0");
  }

  /**
   * The POM reference says nulls are trimmed "at each hyphen", which would make 1-ga-1 = 1-1 (as
   * OSV's vectors have it); ComparableVersion keeps the emptied level, and it defines the order.
   */
  @Test
  void nullsBeforeAHyphenLeaveALevelAsComparableVersionDoes() {
    ascending(maven, "1-sp-1", "1-ga-1", "1-1");
    same(maven, "1-ga-1", "1-0-1");
  }

  @Test
  void hugeNumbers() {
    ascending(maven, "20190126.230843", "1234567890.12345", "12345678901234567890.1H.5-beta");
  }

  @Test
  void emptyIsRefused() {
    rejects(maven, "", "1.0");
    rejects(maven, "1.0 beta", "1.0");
  }
}
