package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class ComposerComparatorTest {

  private final VersionComparator composer = new ComposerComparator();

  @Test
  void stabilityOrder() {
    ascending(composer, "1.0-dev", "1.0alpha1", "1.0-beta2", "1.0-RC1", "1.0", "1.0-p1");
  }

  @Test
  void patchLevelOutranksANumberAsInVersionCompare() {
    // version_compare ranks "pl"/"p" above any number, and OSV keeps that: 1.0pl1 > 1.0.1.
    ascending(composer, "1.0.1", "1.0-p1", "1.0pl2");
  }

  @Test
  void stabilitySpellingsAndPrefix() {
    same(composer, "1.0RC1", "1.0rc1");
    same(composer, "1.0-beta1", "1.0b1");
    same(composer, "1.25.0-beta2.1", "1.25.0-b.2.1");
    same(composer, "v1.0.0", "1.0.0");
    same(composer, "V1.0.0", "1.0.0");
  }

  /** version_compare knows only dev, alpha, a, beta, b, RC, rc, #, pl and p, case and all. */
  @Test
  void otherSpellingsOfStabilitiesAreUnknownWordsBelowDev() {
    ascending(composer, "1.0-ALPHA1", "1.0-dev", "1.0-alpha1");
    ascending(composer, "1.0-Beta1", "1.0-alpha1", "1.0-beta1");
    ascending(composer, "1.0-PL1", "1.0", "1.0-pl1");
    same(composer, "1.0-ALPHA", "1.0-BETA");
  }

  @Test
  void moreNumbersIsNewer() {
    ascending(composer, "1.0", "1.0.0", "1.0.0.1");
  }

  @Test
  void branchesSortBeforeReleases() {
    ascending(composer, "dev-main", "0.0.1");
  }

  @Test
  void nothingToCompareIsRefused() {
    rejects(composer, "", "1.0");
    rejects(composer, "--", "1.0");
  }
}
