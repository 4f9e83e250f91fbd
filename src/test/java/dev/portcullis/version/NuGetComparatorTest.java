package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class NuGetComparatorTest {

  private final VersionComparator nuget = new NuGetComparator();

  @Test
  void fourPartVersionsWithZeroPadding() {
    same(nuget, "1.0", "1.0.0.0");
    same(nuget, "1.0.01", "1.0.1.0");
    ascending(nuget, "1.0.0", "1.0.0.1-alpha", "1.0.0.1", "1.0.1");
  }

  @Test
  void prereleaseIgnoresCaseAndMetadataIsIgnored() {
    same(nuget, "1.0.0-BETA", "1.0.0-beta");
    same(nuget, "1.0.0-beta+AA", "1.0.0-BETA+bb");
    ascending(nuget, "1.0.0-beta", "1.0.0-beta.1", "1.0.0-beta2", "1.0.0");
  }

  @Test
  void malformedVersionsAreRefused() {
    rejects(nuget, "1.2.3.4.5", "1.0");
    rejects(nuget, "v1.0.0", "1.0");
    rejects(nuget, "1.0.0-", "1.0");
  }
}
