package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Packagist (Composer) versions as PHP's version_compare orders them (as OSV does), after
 * Composer's clean-up of a leading {@code v}.
 *
 * <p>The version splits into runs of digits and of letters ({@code 1.0rc1} is 1, 0, rc, 1); other
 * characters only separate. Words rank {@code dev < alpha = a < beta = b < RC = rc < # < pl = p},
 * matched as prefixes and case-sensitively ({@code ALPHA} and {@code Beta} are unknown words), with
 * every number at the rank of {@code #} and unknown words below {@code dev}; numbers compare by
 * value. When one version runs out, the rest of the other decides against that rank of a number.
 */
final class ComposerComparator implements VersionComparator {

  private static final String SCHEME = "Composer";

  // version_compare matches these as prefixes, first hit wins, and case counts: ALPHA, Beta and PL
  // are unknown words, as in OSV's comparator. (Composer's VersionParser would read them as
  // stabilities, but OSV orders the versions as written.)
  private static final List<Map.Entry<String, Integer>> FORMS =
      List.of(
          Map.entry("dev", 0),
          Map.entry("alpha", 1),
          Map.entry("a", 1),
          Map.entry("beta", 2),
          Map.entry("b", 2),
          Map.entry("RC", 3),
          Map.entry("rc", 3),
          Map.entry("#", 4),
          Map.entry("pl", 5),
          Map.entry("p", 5));
  private static final int NUMBER_RANK = 4;
  private static final int UNKNOWN_RANK = -1;

  @Override
  public int compare(String a, String b) {
    List<String> x = parts(a);
    List<String> y = parts(b);
    int common = Math.min(x.size(), y.size());
    for (int i = 0; i < common; i++) {
      int c = comparePart(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    List<String> longer = x.size() > common ? x : y;
    int sign = x.size() > common ? 1 : -1;
    for (String part : longer.subList(common, longer.size())) {
      if (VersionText.isDigits(part)) {
        return sign;
      }
      int c = Integer.compare(rank(part), NUMBER_RANK);
      if (c != 0) {
        return sign * c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  private static int comparePart(String x, String y) {
    boolean xNumeric = VersionText.isDigits(x);
    boolean yNumeric = VersionText.isDigits(y);
    if (xNumeric && yNumeric) {
      // PHP would clamp numbers past a long; OSV (and common sense) keep their order.
      return new BigInteger(x).compareTo(new BigInteger(y));
    }
    return Integer.compare(rank(x), rank(y));
  }

  private static int rank(String part) {
    if (VersionText.isDigits(part)) {
      return NUMBER_RANK;
    }
    for (Map.Entry<String, Integer> form : FORMS) {
      if (part.startsWith(form.getKey())) {
        return form.getValue();
      }
    }
    return UNKNOWN_RANK;
  }

  // PHP's canonicalisation turns every other character into a separator, '#' included; we keep a
  // run of '#' as a part of its own, because version_compare ranks '#' with the numbers and OSV's
  // ordering (1.2.3.# = 1.2.3.1 = 1.2.3) depends on it.
  private static List<String> parts(String text) {
    String v = VersionText.require(SCHEME, text);
    if (v.length() > 1
        && (v.charAt(0) == 'v' || v.charAt(0) == 'V')
        && VersionText.isDigit(v.charAt(1))) {
      v = v.substring(1);
    }
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < v.length()) {
      int kind = kind(v.charAt(i));
      if (kind == 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < v.length() && kind(v.charAt(i)) == kind) {
        i++;
      }
      parts.add(v.substring(start, i));
    }
    if (parts.isEmpty()) {
      throw new UncomparableVersionException(SCHEME, text, "has no digits or letters");
    }
    return parts;
  }

  /** 1 digits, 2 letters, 3 '#', 0 a separator. */
  private static int kind(char c) {
    if (VersionText.isDigit(c)) {
      return 1;
    }
    if (VersionText.isLetter(c)) {
      return 2;
    }
    return c == '#' ? 3 : 0;
  }
}
