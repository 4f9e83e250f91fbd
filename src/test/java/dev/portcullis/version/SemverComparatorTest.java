package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class SemverComparatorTest {

  private final VersionComparator semver = new SemverComparator();

  @Test
  void specPrecedenceExample() {
    ascending(
        semver,
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.1.0",
        "2.0.0");
  }

  @Test
  void buildMetadataIsIgnored() {
    same(semver, "1.2.3+build.1", "1.2.3+other");
    same(semver, "v2.0.0+incompatible", "v2.0.0");
  }

  @Test
  void goVersions() {
    same(semver, "v1.2.3", "1.2.3");
    same(semver, "v1.2", "v1.2.0");
    ascending(
        semver,
        "v0.0.0-20191109021931-daa7c04131f5",
        "v0.0.0-20200101000000-aaaaaaaaaaaa",
        "v0.0.1",
        "v1.2.4-0.20191109021931-daa7c04131f5",
        "v1.2.4");
  }

  @Test
  void prereleaseIdentifiers() {
    ascending(semver, "1.2.3-a.5", "1.2.3-a.10", "1.2.3-a.b");
    ascending(semver, "1.2.3-R2", "1.2.3-r100", "1.2.3-r2");
    ascending(semver, "1.0.0-99999999999999999999", "1.0.0-100000000000000000000");
  }

  @Test
  void malformedVersionsAreRefused() {
    rejects(semver, "", "1.0.0");
    rejects(semver, "x1.0.0", "1.0.0");
    rejects(semver, "1.0.0-", "1.0.0");
    rejects(semver, "1.0.0-a..b", "1.0.0");
    rejects(semver, "1.0.0+", "1.0.0");
    rejects(semver, "1.0.0-a_b", "1.0.0");
    rejects(semver, "1..0", "1.0.0");
  }
}
