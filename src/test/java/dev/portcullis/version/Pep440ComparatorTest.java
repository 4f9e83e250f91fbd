package dev.portcullis.version;

import static dev.portcullis.version.Ordering.ascending;
import static dev.portcullis.version.Ordering.rejects;
import static dev.portcullis.version.Ordering.same;

import org.junit.jupiter.api.Test;

class Pep440ComparatorTest {

  private final VersionComparator pypi = new Pep440Comparator();

  @Test
  void pep440OrderingExample() {
    ascending(
        pypi,
        "1.0.dev456",
        "1.0a1",
        "1.0a2.dev456",
        "1.0a12.dev456",
        "1.0a12",
        "1.0b1.dev456",
        "1.0b2",
        "1.0b2.post345.dev456",
        "1.0b2.post345",
        "1.0rc1.dev456",
        "1.0rc1",
        "1.0",
        "1.0+abc.5",
        "1.0+abc.7",
        "1.0+5",
        "1.0.post456.dev34",
        "1.0.post456",
        "1.1.dev1");
  }

  @Test
  void plainReleasesCompareAsNumbersPaddedWithZeros() {
    ascending(pypi, "0", "0.0.1", "0.1", "1", "1.0.1", "1.9", "1.10", "1.100", "2", "10", "100.0");
    ascending(pypi, "1.99999999999999999999", "1.100000000000000000000");
    same(pypi, "1.0", "1.0.0");
    same(pypi, "1.01", "1.1");
    same(pypi, "0", "0.0.0");
    same(pypi, "007.0", "7");
    ascending(pypi, "1.0rc1", "1.0", "1.0.post1", "1.0.1");
    ascending(pypi, "1.0", "1!0.1");
  }

  @Test
  void normalisedSpellingsAreEqual() {
    same(pypi, "1.0a1", "1.0.0a1");
    same(pypi, "1.0-post1", "1.0.post1");
    same(pypi, "1.0-1", "1.0.post1");
    same(pypi, "1.0.r1", "1.0.post1");
    same(pypi, "1.0ALPHA1", "1.0a1");
    same(pypi, "1.0-c1", "1.0rc1");
    same(pypi, "1.0.preview1", "1.0rc1");
    same(pypi, "v1.0", "1.0");
    same(pypi, "0!1.0", "1.0");
    same(pypi, "1.0+Ubuntu-1", "1.0+ubuntu.1");
  }

  @Test
  void epochOutweighsRelease() {
    ascending(pypi, "2013.10", "1!1.0", "2!0.1");
  }

  @Test
  void legacyVersionsSortBeforeEveryPep440Version() {
    ascending(pypi, "0.1-bulbasaur", "0.1-charmander", "0.9-doduo", "0.0.1");
    ascending(pypi, "french-toast", "0");
  }

  @Test
  void emptyIsRefused() {
    rejects(pypi, "", "1.0");
    rejects(pypi, "   ", "1.0");
  }
}
