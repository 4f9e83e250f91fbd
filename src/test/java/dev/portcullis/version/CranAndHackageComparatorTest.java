package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class CranAndHackageComparatorTest {

  private final VersionComparator cran = NumberListComparator.cran();
  private final VersionComparator hackage = NumberListComparator.hackage();

  @Test
  void cranNumbersWithDotsOrHyphens() {
    same(cran, "0.1-0", "0.01.0");
    ascending(cran, "0.9", "0.75", "1.0-0", "1.0-1", "1.1");
    // A longer version is newer even when the extra numbers are zero.
    ascending(cran, "0.1.0", "0.1.0.0");
  }

  @Test
  void hackageListsOfNumbers() {
    ascending(hackage, "0", "0.11.3.0", "1", "1.0", "1.0.0", "1.0.1.0", "2.0");
    same(hackage, "01.2", "1.2");
  }

  @Test
  void anythingButNumbersIsRefused() {
    rejects(cran, "1.0a", "1.0");
    rejects(cran, "1..0", "1.0");
    rejects(hackage, "1.0-1", "1.0");
    rejects(hackage, "1.0-tag", "1.0");
  }
}
