package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Alpine (apk) versions, {@code number{.number}[letter]{_suffix[number]}[~hash][-rN]}, ordered as
 * apk-tools and OSV do: numbers, letter, suffixes ({@code alpha < beta < pre < rc < (none) < cvs <
 * svn < git < hg < p}), then the {@code -r} revision.
 */
final class ApkComparator implements VersionComparator {

  private static final String SCHEME = "apk";

  // Tried in this order, so "pre" wins over "p".
  private static final List<String> SUFFIXES =
      List.of("alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p");
  private static final List<String> SUFFIX_ORDER =
      List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
  private static final Suffix NO_SUFFIX = new Suffix(SUFFIX_ORDER.indexOf(""), BigInteger.ZERO);

  private record Suffix(int rank, BigInteger number) {}

  /**
   * {@code rest} is whatever follows the last part that parsed; {@code wellFormed} is false when
   * something other than a {@code -r} revision is left over.
   */
  private record Version(
      String text,
      List<String> numbers,
      char letter,
      List<Suffix> suffixes,
      BigInteger revision,
      String rest,
      boolean wellFormed) {}

  @Override
  public int compare(String a, String b) {
    Version x = parse(a);
    Version y = parse(b);
    int c = compareNumbers(x.numbers(), y.numbers());
    if (c == 0) {
      c = Character.compare(x.letter(), y.letter());
    }
    if (c == 0) {
      c = compareSuffixes(x.suffixes(), y.suffixes());
    }
    if (c == 0) {
      c = x.revision().compareTo(y.revision());
    }
    if (c == 0) {
      // A clean end beats leftovers: 1 > 1-ruff, 1-r0 > 1-r-0.
      c = Boolean.compare(x.rest().isEmpty(), y.rest().isEmpty());
    }
    if (c == 0 && !x.wellFormed() && !y.wellFormed()) {
      // Two malformed versions alike up to their leftovers: the text decides, as apk version -t
      // does. Only as the last key, so that the order stays transitive (0.r1 < 0r2 < 1 and so on).
      c = x.text().compareTo(y.text());
    }
    return Integer.signum(c);
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  private static Version parse(String text) {
    String v = VersionText.require(SCHEME, text);
    for (int k = 0; k < v.length(); k++) {
      if (v.charAt(k) > '~') {
        throw new UncomparableVersionException(SCHEME, text, "contains a non-ASCII character");
      }
    }
    int pos = 0;
    List<String> numbers = new ArrayList<>();
    while (pos < v.length() && VersionText.isDigit(v.charAt(pos))) {
      int start = pos;
      pos = digitsEnd(v, pos);
      numbers.add(v.substring(start, pos));
      if (pos < v.length() && v.charAt(pos) == '.') {
        pos++;
      } else {
        break;
      }
    }
    char letter = 0;
    if (pos < v.length() && v.charAt(pos) >= 'a' && v.charAt(pos) <= 'z') {
      letter = v.charAt(pos++);
    }
    List<Suffix> suffixes = new ArrayList<>();
    for (String name = suffixAt(v, pos); name != null; name = suffixAt(v, pos)) {
      int start = pos + 1 + name.length();
      pos = digitsEnd(v, start);
      suffixes.add(new Suffix(SUFFIX_ORDER.indexOf(name), number(v.substring(start, pos))));
    }
    // The commit hash says where a package was built from, not how new it is.
    if (pos + 1 < v.length() && v.charAt(pos) == '~' && isHex(v.charAt(pos + 1))) {
      pos++;
      while (pos < v.length() && isHex(v.charAt(pos))) {
        pos++;
      }
    }
    BigInteger revision = BigInteger.ZERO;
    boolean wellFormed = true;
    if (v.startsWith("-r", pos)) {
      int start = pos + 2;
      pos = digitsEnd(v, start);
      revision = number(v.substring(start, pos));
    } else if (pos < v.length()) {
      wellFormed = false;
    }
    return new Version(
        v,
        List.copyOf(numbers),
        letter,
        List.copyOf(suffixes),
        revision,
        v.substring(pos),
        wellFormed);
  }

  private static String suffixAt(String v, int pos) {
    if (pos >= v.length() || v.charAt(pos) != '_') {
      return null;
    }
    for (String name : SUFFIXES) {
      if (v.startsWith(name, pos + 1)) {
        return name;
      }
    }
    return null;
  }

  // After the first number, a component with a leading zero compares as text (apk's rule for
  // things like 1.02 vs 1.1), a missing component as the empty text, so 1 < 1.0 < 1.00 < 1.01 <
  // 1.1:
  // were a missing component a zero, 1.00 and 1.0 would both equal 1 and differ from each other.
  private static int compareNumbers(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "";
      String y = i < b.size() ? b.get(i) : "";
      int c;
      if (i > 0 && (zeroLed(x) || zeroLed(y))) {
        c = x.compareTo(y);
      } else {
        c = number(x).compareTo(number(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareSuffixes(List<Suffix> a, List<Suffix> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      Suffix x = i < a.size() ? a.get(i) : NO_SUFFIX;
      Suffix y = i < b.size() ? b.get(i) : NO_SUFFIX;
      int c = Integer.compare(x.rank(), y.rank());
      if (c == 0) {
        c = x.number().compareTo(y.number());
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static boolean zeroLed(String digits) {
    return !digits.isEmpty() && digits.charAt(0) == '0';
  }

  private static BigInteger number(String digits) {
    return digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits);
  }

  private static int digitsEnd(String v, int from) {
    int k = from;
    while (k < v.length() && VersionText.isDigit(v.charAt(k))) {
      k++;
    }
    return k;
  }

  private static boolean isHex(char c) {
    return VersionText.isDigit(c) || (c >= 'a' && c <= 'f');
  }
}
