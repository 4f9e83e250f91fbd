package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class RubyGemsComparatorTest {

  private final VersionComparator gems = new RubyGemsComparator();

  @Test
  void lettersMakeAPrerelease() {
    ascending(gems, "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0", "1.0.1");
    ascending(gems, "1.2.4.beta", "1.2.4", "1.3.0");
  }

  @Test
  void segmentsNotSeparatorsDecide() {
    same(gems, "1.0.a2", "1.0.a.2");
    same(gems, "1.0.0", "1");
    same(gems, "1.0-rc1", "1.0.pre.rc1");
    ascending(gems, "1.0.a9", "1.0.a10");
    ascending(gems, "3.2", "3.10");
  }

  @Test
  void malformedVersionsAreRefused() {
    rejects(gems, "", "1.0");
    rejects(gems, "a1.0", "1.0");
    rejects(gems, "1.0..1", "1.0");
    rejects(gems, "1.0_1", "1.0");
  }
}
