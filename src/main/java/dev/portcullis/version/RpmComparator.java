package dev.portcullis.version;

import java.math.BigInteger;

/**
 * RPM versions ({@code [epoch:]version[-release]}) as rpm orders them: the epoch numerically, then
 * version and release with rpmvercmp, where {@code ~} sorts before anything and {@code ^} after the
 * end of the string but before anything else.
 */
final class RpmComparator implements VersionComparator {

  private static final String SCHEME = "rpm";

  /** {@code release} is null when the version has no hyphen at all. */
  private record Evr(BigInteger epoch, String version, String release) {}

  @Override
  public int compare(String a, String b) {
    Evr x = parse(a);
    Evr y = parse(b);
    int c = x.epoch().compareTo(y.epoch());
    if (c == 0) {
      c = rpmvercmp(x.version(), y.version());
    }
    if (c == 0) {
      c = compareReleases(x.release(), y.release());
    }
    return Integer.signum(c);
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  // Like rpm's parseEVR: an epoch only when everything before the colon is digits (so "a:1" is a
  // plain version), the release after the last hyphen.
  private static Evr parse(String text) {
    String v = VersionText.require(SCHEME, text);
    int digits = 0;
    while (digits < v.length() && VersionText.isDigit(v.charAt(digits))) {
      digits++;
    }
    BigInteger epoch = BigInteger.ZERO;
    if (digits < v.length() && v.charAt(digits) == ':') {
      if (digits > 0) {
        epoch = new BigInteger(v.substring(0, digits));
      }
      v = v.substring(digits + 1);
    }
    int hyphen = v.lastIndexOf('-');
    if (hyphen < 0) {
      return new Evr(epoch, v, null);
    }
    return new Evr(epoch, v.substring(0, hyphen), v.substring(hyphen + 1));
  }

  // A version without a release is older than the same version with any release, even an empty
  // one (1 < 1- < 1-0), as rpm's rpmverCmp and OSV both order it.
  private static int compareReleases(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return rpmvercmp(a, b);
  }

  /** rpmvercmp: segments of ASCII digits or ASCII letters; everything else only separates. */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while (i < a.length() && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < b.length() && isSeparator(b.charAt(j))) {
        j++;
      }
      char ca = i < a.length() ? a.charAt(i) : 0;
      char cb = j < b.length() ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (ca == 0) {
          return -1;
        }
        if (cb == 0) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == 0 || cb == 0) {
        break;
      }
      boolean numeric = VersionText.isDigit(ca);
      int endA = segmentEnd(a, i, numeric);
      int endB = segmentEnd(b, j, numeric);
      if (endB == j) {
        // Different kinds of segment: a number is newer than letters.
        return numeric ? 1 : -1;
      }
      String segA = a.substring(i, endA);
      String segB = b.substring(j, endB);
      int c;
      if (numeric) {
        segA = stripZeros(segA);
        segB = stripZeros(segB);
        c = Integer.compare(segA.length(), segB.length());
        if (c == 0) {
          c = segA.compareTo(segB);
        }
      } else {
        c = segA.compareTo(segB);
      }
      if (c != 0) {
        return Integer.signum(c);
      }
      i = endA;
      j = endB;
    }
    boolean endA = i >= a.length();
    boolean endB = j >= b.length();
    if (endA && endB) {
      return 0;
    }
    return endA ? -1 : 1;
  }

  private static boolean isSeparator(char c) {
    return !VersionText.isDigit(c) && !VersionText.isLetter(c) && c != '~' && c != '^';
  }

  private static int segmentEnd(String s, int from, boolean numeric) {
    int k = from;
    while (k < s.length()
        && (numeric ? VersionText.isDigit(s.charAt(k)) : VersionText.isLetter(s.charAt(k)))) {
      k++;
    }
    return k;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
