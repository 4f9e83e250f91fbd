package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python package versions (PyPI) by PEP 440: epoch, release, pre-release ({@code a < b < rc}),
 * post-release, dev-release and local version, with the spec's normalisation of spellings ({@code
 * 1.0-post1}, {@code 1.0.ALPHA}, {@code v1.0}, {@code 1.0-1}). Versions outside PEP 440 are ordered
 * as the packaging library's LegacyVersion did, before every PEP 440 version.
 */
final class Pep440Comparator implements VersionComparator {

  private static final String SCHEME = "PEP 440";

  // The grammar of PEP 440, appendix B.
  private static final Pattern VERSION =
      Pattern.compile(
          "v?(?:([0-9]+)!)?"
              + "([0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?"
              + "(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?"
              + "(?:[-_.]?(dev)[-_.]?([0-9]+)?)?"
              + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
          Pattern.CASE_INSENSITIVE);

  /** Absent parts are null; {@code release} has its trailing zeros removed. */
  private record Version(
      BigInteger epoch,
      List<BigInteger> release,
      Integer preKind,
      BigInteger pre,
      BigInteger post,
      BigInteger dev,
      List<String> local) {}

  @Override
  public int compare(String a, String b) {
    String x = VersionText.require(SCHEME, a);
    String y = VersionText.require(SCHEME, b);
    if (plainRelease(x) && plainRelease(y)) {
      return comparePlainReleases(x, y);
    }
    Matcher mx = VERSION.matcher(x);
    Matcher my = VERSION.matcher(y);
    boolean validX = mx.matches();
    boolean validY = my.matches();
    if (!validX || !validY) {
      if (validX || validY) {
        return validX ? 1 : -1;
      }
      return PythonLegacyVersion.compare(x, y);
    }
    return compare(version(mx), version(my));
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  /**
   * A release and nothing else ({@code 2.31.0}), as most versions and most entries of OSV's
   * versions lists are: the grammar's release part alone, epoch 0.
   */
  private static boolean plainRelease(String v) {
    if (!VersionText.isDigit(v.charAt(0)) || !VersionText.isDigit(v.charAt(v.length() - 1))) {
      return false;
    }
    for (int i = 1; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '.' ? v.charAt(i - 1) == '.' : !VersionText.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Plain releases segment by segment, a missing segment as 0 (as the release without its trailing
   * zeros compares), without the grammar's regular expression or BigInteger: matching compares each
   * installed version with every version a record lists.
   */
  private static int comparePlainReleases(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() || j < y.length()) {
      int endX = segmentEnd(x, i);
      int endY = segmentEnd(y, j);
      int c = compareDigits(x, i, endX, y, j, endY);
      if (c != 0) {
        return c;
      }
      i = Math.min(x.length(), endX + 1);
      j = Math.min(y.length(), endY + 1);
    }
    return 0;
  }

  private static int segmentEnd(String v, int from) {
    int end = v.indexOf('.', from);
    return end < 0 ? v.length() : end;
  }

  /** Two runs of digits as numbers; an empty run (a segment past the end) is 0. */
  private static int compareDigits(String x, int fromX, int endX, String y, int fromY, int endY) {
    while (fromX < endX && x.charAt(fromX) == '0') {
      fromX++;
    }
    while (fromY < endY && y.charAt(fromY) == '0') {
      fromY++;
    }
    int c = Integer.compare(endX - fromX, endY - fromY);
    for (int k = 0; c == 0 && k < endX - fromX; k++) {
      c = Character.compare(x.charAt(fromX + k), y.charAt(fromY + k));
    }
    return Integer.signum(c);
  }

  private static Version version(Matcher m) {
    List<BigInteger> release = new ArrayList<>();
    for (String n : m.group(2).split("\\.")) {
      release.add(new BigInteger(n));
    }
    while (!release.isEmpty() && release.get(release.size() - 1).signum() == 0) {
      release.remove(release.size() - 1);
    }
    Integer preKind = null;
    BigInteger pre = null;
    if (m.group(3) != null) {
      preKind =
          switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2; // c, pre, preview are spellings of rc
          };
      pre = number(m.group(4));
    }
    BigInteger post = null;
    if (m.group(5) != null) {
      post = new BigInteger(m.group(5));
    } else if (m.group(6) != null) {
      post = number(m.group(7));
    }
    BigInteger dev = m.group(8) != null ? number(m.group(9)) : null;
    List<String> local =
        m.group(10) == null ? null : List.of(m.group(10).toLowerCase(Locale.ROOT).split("[-_.]"));
    return new Version(
        m.group(1) == null ? BigInteger.ZERO : new BigInteger(m.group(1)),
        List.copyOf(release),
        preKind,
        pre,
        post,
        dev,
        local);
  }

  private static BigInteger number(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  private static int compare(Version x, Version y) {
    int c = x.epoch().compareTo(y.epoch());
    if (c == 0) {
      c = VersionText.compareNumberLists(x.release(), y.release());
    }
    if (c == 0) {
      c = Integer.compare(prePhase(x), prePhase(y));
    }
    if (c == 0 && x.preKind() != null) {
      c = x.preKind().compareTo(y.preKind());
      if (c == 0) {
        c = x.pre().compareTo(y.pre());
      }
    }
    if (c == 0) {
      c = compareAbsentFirst(x.post(), y.post());
    }
    if (c == 0) {
      // A dev-release comes before the release it leads up to.
      c = compareAbsentLast(x.dev(), y.dev());
    }
    if (c == 0) {
      c = compareLocals(x.local(), y.local());
    }
    return Integer.signum(c);
  }

  // 1.0.dev0 < 1.0a0 < 1.0: a bare dev-release comes before every pre-release of its release.
  private static int prePhase(Version v) {
    if (v.preKind() == null) {
      return v.post() == null && v.dev() != null ? 0 : 2;
    }
    return 1;
  }

  private static int compareAbsentFirst(BigInteger a, BigInteger b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  private static int compareAbsentLast(BigInteger a, BigInteger b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return a.compareTo(b);
  }

  // Segments that are all digits compare as numbers and above alphanumeric segments.
  private static int compareLocals(List<String> a, List<String> b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xNumeric = VersionText.isDigits(x);
      boolean yNumeric = VersionText.isDigits(y);
      int c;
      if (xNumeric && yNumeric) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xNumeric || yNumeric) {
        c = xNumeric ? 1 : -1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
