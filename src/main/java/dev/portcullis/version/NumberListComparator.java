package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Versions that are nothing but integers, compared in turn as lists, a version that is a prefix of
 * another being older. Hackage (Cabal's Version: {@code 1.0 < 1.0.0}) separates them with {@code
 * .}; CRAN (R's numeric_version: {@code 0.1.0 < 0.1.0.0}) with {@code .} or {@code -}.
 */
final class NumberListComparator implements VersionComparator {

  private final String scheme;
  private final Pattern valid;
  private final String separator;
  private final String separatorsNamed;

  private NumberListComparator(String scheme, String separator, String separatorsNamed) {
    this.scheme = scheme;
    this.separator = separator;
    this.separatorsNamed = separatorsNamed;
    this.valid = Pattern.compile("[0-9]+(?:" + separator + "[0-9]+)*");
  }

  static NumberListComparator hackage() {
    return new NumberListComparator("Hackage", "\\.", "'.'");
  }

  static NumberListComparator cran() {
    return new NumberListComparator("CRAN", "[.-]", "'.' or '-'");
  }

  @Override
  public int compare(String a, String b) {
    return VersionText.compareNumberLists(parse(a), parse(b));
  }

  @Override
  public String toString() {
    return scheme;
  }

  private List<BigInteger> parse(String text) {
    String v = VersionText.require(scheme, text);
    if (!valid.matcher(v).matches()) {
      throw new UncomparableVersionException(
          scheme, text, "is not integers separated by " + separatorsNamed);
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String n : v.split(separator)) {
      numbers.add(new BigInteger(n));
    }
    return numbers;
  }
}
