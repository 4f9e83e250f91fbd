package dev.portcullis.version;

import java.math.BigInteger;

/**
 * Debian and Ubuntu versions as dpkg orders them (deb-version(7)): {@code
 * [epoch:]upstream[-revision]}, the epoch numerically, then upstream and revision with dpkg's
 * verrevcmp.
 */
final class DpkgComparator implements VersionComparator {

  private static final String SCHEME = "dpkg";
  private static final BigInteger MAX_EPOCH = BigInteger.valueOf(Integer.MAX_VALUE);

  private record Version(BigInteger epoch, String upstream, String revision) {}

  @Override
  public int compare(String a, String b) {
    Version x = parse(a);
    Version y = parse(b);
    int c = x.epoch().compareTo(y.epoch());
    if (c == 0) {
      c = verrevcmp(x.upstream(), y.upstream());
    }
    if (c == 0) {
      c = verrevcmp(x.revision(), y.revision());
    }
    return Integer.signum(c);
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  // dpkg's own parseversion() checks, in its order; what dpkg only warns about we refuse, because a
  // malformed version in advisory data is a data error, not something to rank.
  private static Version parse(String text) {
    String v = VersionText.require(SCHEME, text);
    BigInteger epoch = BigInteger.ZERO;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      String e = v.substring(0, colon);
      if (!VersionText.isDigits(e)) {
        throw invalid(text, "has an epoch that is not a number");
      }
      epoch = new BigInteger(e);
      if (epoch.compareTo(MAX_EPOCH) > 0) {
        throw invalid(text, "has an epoch that is too big");
      }
      v = v.substring(colon + 1);
      if (v.isEmpty()) {
        throw invalid(text, "has nothing after the epoch");
      }
    }
    String revision = "";
    int hyphen = v.lastIndexOf('-');
    if (hyphen >= 0) {
      revision = v.substring(hyphen + 1);
      v = v.substring(0, hyphen);
      if (revision.isEmpty()) {
        throw invalid(text, "has an empty revision");
      }
    }
    if (v.isEmpty()) {
      throw invalid(text, "has an empty upstream version");
    }
    if (!VersionText.isDigit(v.charAt(0))) {
      throw invalid(text, "does not start with a digit");
    }
    // dpkg still takes a colon in the upstream part once the first colon has ended the epoch.
    check(text, v, ".+~-:", "upstream version");
    check(text, revision, ".+~", "revision");
    return new Version(epoch, v, revision);
  }

  private static void check(String text, String part, String punctuation, String what) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!VersionText.isDigit(c) && !VersionText.isLetter(c) && punctuation.indexOf(c) < 0) {
        throw invalid(text, "has an invalid character '" + c + "' in its " + what);
      }
    }
  }

  /**
   * Alternating runs: non-digits compared character by character with {@link #order}, then digit
   * runs compared numerically (leading zeros ignored, so no length limit).
   */
  private static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !VersionText.isDigit(a.charAt(i)))
          || (j < b.length() && !VersionText.isDigit(b.charAt(j)))) {
        int c = order(a, i) - order(b, j);
        if (c != 0) {
          return c;
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < a.length()
          && VersionText.isDigit(a.charAt(i))
          && j < b.length()
          && VersionText.isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && VersionText.isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && VersionText.isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  // '~' sorts before the end of the string (so 1.0~rc1 < 1.0), the end and digits before letters,
  // letters before all other characters.
  private static int order(String s, int i) {
    if (i >= s.length()) {
      return 0;
    }
    char c = s.charAt(i);
    if (VersionText.isDigit(c)) {
      return 0;
    }
    if (VersionText.isLetter(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static UncomparableVersionException invalid(String text, String reason) {
    return new UncomparableVersionException(SCHEME, text, reason);
  }
}
