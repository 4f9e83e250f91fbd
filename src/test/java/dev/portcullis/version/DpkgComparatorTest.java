package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class DpkgComparatorTest {

  private final VersionComparator dpkg = new DpkgComparator();

  @Test
  void tildeSortsBeforeEverythingEvenTheEnd() {
    ascending(dpkg, "1.0~~", "1.0~~a", "1.0~", "1.0~rc1", "1.0", "1.0-1", "1.0a", "1.0+dfsg");
    ascending(dpkg, "1.2.3-1~deb12u1", "1.2.3-1", "1.2.3-1+deb12u1");
  }

  @Test
  void lettersSortBeforeOtherNonDigits() {
    ascending(dpkg, "1.0a", "1.0z", "1.0+", "1.0.");
  }

  @Test
  void digitRunsCompareAsNumbers() {
    ascending(dpkg, "1.9", "1.10", "1.100");
    same(dpkg, "1.01", "1.1");
    ascending(dpkg, "1.0", "1.0.0");
    ascending(dpkg, "20240101", "99999999999999999999999999");
  }

  @Test
  void epochOutweighsEverythingElse() {
    ascending(dpkg, "9.9-9", "1:0.1", "2:0.0.1");
    same(dpkg, "0:1.0", "1.0");
    same(dpkg, "00:1.0", "1.0");
  }

  @Test
  void revisionSplitsAtTheLastHyphenAndDefaultsToZero() {
    same(dpkg, "1.0", "1.0-0");
    ascending(dpkg, "1.0-rc-1", "1.0-rc-2");
    ascending(dpkg, "2:0.0.44-1", "2:0.0.44-nobin");
  }

  @Test
  void malformedVersionsAreRefused() {
    rejects(dpkg, "", "1.0");
    rejects(dpkg, "  ", "1.0");
    rejects(dpkg, "a:1.0", "1.0");
    rejects(dpkg, ":1.0", "1.0");
    rejects(dpkg, "1:", "1.0");
    rejects(dpkg, "1.0-", "1.0");
    rejects(dpkg, "a1.0", "1.0");
    rejects(dpkg, "1.0_1", "1.0");
    rejects(dpkg, "1.0-1!", "1.0");
    rejects(dpkg, "1.0 1", "1.0");
    rejects(dpkg, "99999999999:1", "1.0");
    rejects(dpkg, "1.2.3-not-a-debian:version!@#$", "1.2.3");
  }

  @Test
  void colonsAfterTheEpochBelongToUpstream() {
    ascending(dpkg, "1:1:1", "1:1:2");
  }
}
