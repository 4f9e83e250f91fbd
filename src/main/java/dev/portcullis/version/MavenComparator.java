package dev.portcullis.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven versions in Maven's own order: OSV defines the Maven ecosystem's order as {@code
 * ComparableVersion}'s, so that class (Maven 3.9) decides, and no copy of its rules could drift
 * from it on the qualifier edge cases ({@code 2.9.0.RC1 < 2.9.0-1}, {@code _}, {@code rc0} against
 * {@code beta8}).
 */
final class MavenComparator implements VersionComparator {

  private static final String SCHEME = "Maven";

  @Override
  public int compare(String a, String b) {
    ComparableVersion x = new ComparableVersion(VersionText.require(SCHEME, a));
    ComparableVersion y = new ComparableVersion(VersionText.require(SCHEME, b));
    return Integer.signum(x.compareTo(y));
  }

  @Override
  public String toString() {
    return SCHEME;
  }
}
