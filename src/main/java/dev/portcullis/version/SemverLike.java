package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of the SemVer family, {@code [v]N(.N)*[-pre.release][+build.metadata]}, as SemVer, Pub
 * and NuGet share it; each scheme decides how many release numbers it takes and what the build part
 * means.
 */
record SemverLike(List<BigInteger> release, List<String> preRelease, List<String> build) {

  private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final Pattern WITH_V =
      Pattern.compile(
          "v?([0-9]+(?:\\.[0-9]+)*)(?:-(" + IDENTIFIERS + "))?(?:\\+(" + IDENTIFIERS + "))?");
  private static final Pattern WITHOUT_V =
      Pattern.compile(
          "([0-9]+(?:\\.[0-9]+)*)(?:-(" + IDENTIFIERS + "))?(?:\\+(" + IDENTIFIERS + "))?");

  static SemverLike parse(String scheme, String text, boolean vPrefix, int maxReleaseNumbers) {
    String v = VersionText.require(scheme, text);
    Matcher m = (vPrefix ? WITH_V : WITHOUT_V).matcher(v);
    if (!m.matches()) {
      throw new UncomparableVersionException(
          scheme, text, "is not of the form N.N.N[-pre][+build]");
    }
    List<BigInteger> release = new ArrayList<>();
    for (String n : m.group(1).split("\\.")) {
      release.add(new BigInteger(n));
    }
    if (release.size() > maxReleaseNumbers) {
      throw new UncomparableVersionException(
          scheme, text, "has more than " + maxReleaseNumbers + " release numbers");
    }
    return new SemverLike(List.copyOf(release), identifiers(m.group(2)), identifiers(m.group(3)));
  }

  private static List<String> identifiers(String group) {
    return group == null ? List.of() : List.of(group.split("\\."));
  }

  /**
   * SemVer 2.0 precedence for identifier lists: numeric identifiers numerically and below
   * alphanumeric ones, alphanumeric ones in ASCII order, and a list that is a prefix of the other
   * first.
   */
  static int compareIdentifiers(List<String> a, List<String> b, boolean ignoreCase) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNumeric = VersionText.isDigits(x);
      boolean yNumeric = VersionText.isDigits(y);
      int c;
      if (xNumeric && yNumeric) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xNumeric || yNumeric) {
        c = xNumeric ? -1 : 1;
      } else if (ignoreCase) {
        c = x.toUpperCase(Locale.ROOT).compareTo(y.toUpperCase(Locale.ROOT));
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A version with a pre-release sorts before the same version without one. */
  static int comparePreReleases(List<String> a, List<String> b, boolean ignoreCase) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    return compareIdentifiers(a, b, ignoreCase);
  }
}
