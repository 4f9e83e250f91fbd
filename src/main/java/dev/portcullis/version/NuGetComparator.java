package dev.portcullis.version;

/**
 * NuGet versions (NuGet.Versioning): up to four release numbers ({@code 1.0 = 1.0.0.0}), then the
 * pre-release compared like SemVer but ignoring case; metadata after {@code +} is ignored. Numbers
 * are not limited to 32 bits.
 */
final class NuGetComparator implements VersionComparator {

  private static final String SCHEME = "NuGet";

  @Override
  public int compare(String a, String b) {
    SemverLike x = SemverLike.parse(SCHEME, a, false, 4);
    SemverLike y = SemverLike.parse(SCHEME, b, false, 4);
    int c = VersionText.compareZeroPadded(x.release(), y.release());
    if (c == 0) {
      c = SemverLike.comparePreReleases(x.preRelease(), y.preRelease(), true);
    }
    return c;
  }

  @Override
  public String toString() {
    return SCHEME;
  }
}
