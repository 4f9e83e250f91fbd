package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class RpmComparatorTest {

  private final VersionComparator rpm = new RpmComparator();

  @Test
  void tildeBeforeAndCaretAfter() {
    ascending(rpm, "1.0~rc1", "1.0~rc2", "1.0", "1.0^git1", "1.0^git2", "1.0.1");
    ascending(rpm, "1.0^git1~pre", "1.0^git1");
  }

  @Test
  void numbersAreNewerThanLetters() {
    ascending(rpm, "1.0a", "1.0.1");
    ascending(rpm, "5.5p1", "5.5p10", "5.6");
    ascending(rpm, "1.a", "1.1");
    same(rpm, "10.0001", "10.1");
  }

  @Test
  void separatorsOnlySeparate() {
    same(rpm, "2_0", "2.0");
    same(rpm, "1.1.α", "1.1.β");
    same(rpm, "1-1.", "1-1");
    ascending(rpm, "1.1.α", "1.1.a");
  }

  @Test
  void epochOnlyWhenAllDigitsBeforeTheColon() {
    ascending(rpm, "3", "1:2");
    same(rpm, "01:2", "1:2");
    // "a:1" has no epoch: the whole string is the version.
    ascending(rpm, "a:1", "b:1", "1:0");
  }

  @Test
  void missingEpochIsZero() {
    // rpm databases leave a zero epoch out; Red Hat, Rocky and Alma advisories write "0:".
    same(rpm, "1.2-3.el9", "0:1.2-3.el9");
    same(rpm, "5.2.5-8.el9_0", "0:5.2.5-8.el9_0");
    ascending(rpm, "5.2.5-7.el9", "0:5.2.5-8.el9_0", "1:3.0.7-27.el9");
  }

  @Test
  void releaseAfterTheLastHyphenAndMissingReleaseIsOldest() {
    ascending(rpm, "1", "1-", "1-0", "1-1", "1-1.el7", "1-2");
    ascending(rpm, "0:3.10.0-229.el7", "0:3.10.0-229.1.2.el7");
    ascending(rpm, "1-2-3", "1-2-4", "1-3-0");
  }

  @Test
  void emptyIsRefused() {
    rejects(rpm, "", "1.0");
    rejects(rpm, "1.0 -1", "1.0");
  }
}
