package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Haskell package versions (Hackage, Cabal's Version): integers separated by {@code .}, ordered as
 * lists, so a version that is a prefix of another is older ({@code 1.0 < 1.0.0}).
 */
final class HackageComparator implements VersionComparator {

  private static final String SCHEME = "Hackage";
  private static final Pattern VALID = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");

  @Override
  public int compare(String a, String b) {
    return VersionText.compareNumberLists(parse(a), parse(b));
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  private static List<BigInteger> parse(String text) {
    String v = VersionText.require(SCHEME, text);
    if (!VALID.matcher(v).matches()) {
      throw new UncomparableVersionException(SCHEME, text, "is not integers separated by '.'");
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String n : v.split("\\.")) {
      numbers.add(new BigInteger(n));
    }
    return numbers;
  }
}
