package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;

import org.junit.jupiter.api.Test;

class PubComparatorTest {

  private final VersionComparator pub = new PubComparator();

  @Test
  void buildMetadataCountsAfterThePrerelease() {
    ascending(pub, "1.0.0-pre", "1.0.0-pre+build", "1.0.0", "1.0.0+build", "1.0.1");
  }

  @Test
  void buildsCompareLikePrereleases() {
    ascending(pub, "1.2.3+1", "1.2.3+2", "1.2.3+900", "1.2.3+a", "1.2.3+a1", "1.2.3+b");
  }

  @Test
  void malformedVersionsAreRefused() {
    rejects(pub, "1.0.0+", "1.0.0");
  }
}
