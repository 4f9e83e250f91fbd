package dev.portcullis.version;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** Character classes and checks the schemes share; all of them are ASCII-only on purpose. */
final class VersionText {

  private VersionText() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the version without surrounding white space, rejecting what no scheme accepts: an empty
   * version, and white space or control characters inside it (a version read together with its
   * neighbours must not get an order).
   */
  static String require(String scheme, String version) {
    Objects.requireNonNull(version, "version");
    String v = version.strip();
    if (v.isEmpty()) {
      throw new UncomparableVersionException(scheme, version, "is empty");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new UncomparableVersionException(
            scheme, version, "contains white space or a control character");
      }
    }
    return v;
  }

  /** Element-wise, where a list that is a prefix of the other sorts first (CRAN, Hackage). */
  static int compareNumberLists(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Element-wise with missing elements read as zero, so 1.0 equals 1.0.0. */
  static int compareZeroPadded(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return 0;
  }
}
