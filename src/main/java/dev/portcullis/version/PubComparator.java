package dev.portcullis.version;

/**
 * Dart Pub versions (pub_semver): SemVer precedence, except that build metadata counts: a version
 * with a build sorts after the same version without one, and builds compare like pre-releases.
 */
final class PubComparator implements VersionComparator {

  private static final String SCHEME = "Pub";

  @Override
  public int compare(String a, String b) {
    SemverLike x = SemverLike.parse(SCHEME, a, true, Integer.MAX_VALUE);
    SemverLike y = SemverLike.parse(SCHEME, b, true, Integer.MAX_VALUE);
    int c = VersionText.compareZeroPadded(x.release(), y.release());
    if (c == 0) {
      c = SemverLike.comparePreReleases(x.preRelease(), y.preRelease(), false);
    }
    if (c == 0) {
      c = SemverLike.compareIdentifiers(x.build(), y.build(), false);
    }
    return c;
  }

  @Override
  public String toString() {
    return SCHEME;
  }
}
