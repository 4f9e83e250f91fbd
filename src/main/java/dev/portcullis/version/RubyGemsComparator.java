package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems versions as {@code Gem::Version#<=>} orders them: {@code -} reads as {@code .pre.}, the
 * version splits into runs of digits and of letters, trailing zeros are dropped from the numeric
 * part and from the part after the first letters, and then a letter run sorts before any number
 * ({@code 1.0.b1 < 1.0}).
 *
 * <p>Gem::Version's own pattern wants a dot after the first number; we also take letters straight
 * after it ({@code 1beta}, which OSV's vectors rank as a pre-release of 1), since the segments
 * still order it without any guessing.
 */
final class RubyGemsComparator implements VersionComparator {

  private static final String SCHEME = "RubyGems";
  private static final Pattern VALID =
      Pattern.compile(
          "[0-9]+[0-9a-zA-Z]*(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

  @Override
  public int compare(String a, String b) {
    List<Object> x = canonicalSegments(a);
    List<Object> y = canonicalSegments(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      Object l = i < x.size() ? x.get(i) : BigInteger.ZERO;
      Object r = i < y.size() ? y.get(i) : BigInteger.ZERO;
      if (l.equals(r)) {
        continue;
      }
      if (l instanceof BigInteger ln && r instanceof BigInteger rn) {
        return ln.compareTo(rn);
      }
      if (l instanceof String ls && r instanceof String rs) {
        return Integer.signum(ls.compareTo(rs));
      }
      return l instanceof String ? -1 : 1;
    }
    return 0;
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  /** Segments are BigIntegers and Strings, in order. */
  private static List<Object> canonicalSegments(String text) {
    String v = VersionText.require(SCHEME, text);
    if (!VALID.matcher(v).matches()) {
      throw new UncomparableVersionException(SCHEME, text, "is not a valid gem version");
    }
    List<Object> numeric = new ArrayList<>();
    List<Object> rest = new ArrayList<>();
    Matcher m = SEGMENT.matcher(v.replace("-", ".pre."));
    while (m.find()) {
      String s = m.group();
      Object segment = VersionText.isDigit(s.charAt(0)) ? new BigInteger(s) : s;
      (rest.isEmpty() && segment instanceof BigInteger ? numeric : rest).add(segment);
    }
    dropTrailingZeros(numeric);
    dropTrailingZeros(rest);
    numeric.addAll(rest);
    return numeric;
  }

  private static void dropTrailingZeros(List<Object> segments) {
    while (!segments.isEmpty() && BigInteger.ZERO.equals(segments.get(segments.size() - 1))) {
      segments.remove(segments.size() - 1);
    }
  }
}
