package dev.portcullis.version;

/**
 * SemVer 2.0 precedence (npm, crates.io, Go modules, Hex): release numbers, then the pre-release
 * (so Go pseudo-versions sort as the pre-releases they are); build metadata such as Go's {@code
 * +incompatible} is ignored.
 *
 * <p>Accepted beyond the strict grammar, as Go and OSV data need: a leading {@code v}, fewer than
 * three release numbers (Go's {@code v1.2} is {@code v1.2.0}), and more than three, compared
 * numerically in turn.
 */
final class SemverComparator implements VersionComparator {

  private static final String SCHEME = "SemVer";

  @Override
  public int compare(String a, String b) {
    SemverLike x = SemverLike.parse(SCHEME, a, true, Integer.MAX_VALUE);
    SemverLike y = SemverLike.parse(SCHEME, b, true, Integer.MAX_VALUE);
    int c = VersionText.compareZeroPadded(x.release(), y.release());
    if (c == 0) {
      c = SemverLike.comparePreReleases(x.preRelease(), y.preRelease(), false);
    }
    return c;
  }

  @Override
  public String toString() {
    return SCHEME;
  }
}
