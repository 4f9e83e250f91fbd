package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class ApkComparatorTest {

  private final VersionComparator apk = new ApkComparator();

  @Test
  void suffixOrder() {
    ascending(
        apk,
        "1.2_alpha",
        "1.2_alpha2",
        "1.2_beta",
        "1.2_pre1",
        "1.2_rc1",
        "1.2",
        "1.2_cvs1",
        "1.2_svn1",
        "1.2_git1",
        "1.2_hg1",
        "1.2_p1",
        "1.2.1");
    ascending(apk, "0.1.0_alpha_pre2", "0.1.0_alpha");
  }

  @Test
  void letterAfterTheNumbers() {
    ascending(apk, "1.2", "1.2a", "1.2b", "1.2.1");
    ascending(apk, "2.3.0b-r1", "2.3.0b-r2");
  }

  @Test
  void revisionLast() {
    ascending(apk, "1.0-r0", "1.0-r1", "1.0-r10", "1.0.1-r0");
    same(apk, "1-r1", "1-r01");
    same(apk, "1", "1-r0");
  }

  @Test
  void leadingZerosAfterTheFirstNumberCompareAsText() {
    ascending(apk, "1.02", "1.1");
    ascending(apk, "1.2.07.8", "1.2.12.04");
    same(apk, "01.1", "1.1");
  }

  @Test
  void commitHashIsIgnored() {
    same(apk, "1.0~abc123-r1", "1.0~def456-r1");
  }

  @Test
  void leftoversLoseToACleanEnd() {
    ascending(apk, "1-ruff", "1");
    ascending(apk, "1.2_blah", "1.2");
    // Two malformed versions alike up to their leftovers: apk falls back to comparing the text.
    ascending(apk, "0.r1", "0r2");
  }

  @Test
  void malformedVersionsStayInOneTransitiveOrder() {
    // Found by VersionComparatorFuzzTest: the text fallback for two malformed versions ranked
    // 1;0-2 above 1.0.11.0.a0, which is above 1.0, which was above 1;0-2.
    ascending(apk, "1;0-2", "1.0", "1.0.11.0.a0");
    // and a missing component was a zero: 1.00 and 1.0 both equalled 1 but not each other.
    ascending(apk, "1", "1.0", "1.00", "1.01", "1.1");
  }

  @Test
  void nonAsciiAndEmptyAreRefused() {
    rejects(apk, "", "1.0");
    rejects(apk, "1.0é", "1.0");
  }
}
