package dev.portcullis.version;

/** Orders two versions of one package the way a single versioning scheme does. */
public interface VersionComparator {

  /**
   * Compares two versions under this scheme.
   *
   * @return -1, 0 or 1 as {@code a} is older than, the same as, or newer than {@code b}
   * @throws UncomparableVersionException if either version is not valid under this scheme; the
   *     comparator never guesses an order for a version it cannot read
   */
  int compare(String a, String b);
}
