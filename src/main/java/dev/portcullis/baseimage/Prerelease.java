package dev.portcullis.baseimage;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What marks a tag as not yet released ({@code rc1}, {@code a2}, {@code -beta}, {@code -rc.1}),
 * ranked the way PEP 440 and semver agree on: dev builds, alpha, beta, preview, release candidate.
 */
record Prerelease(String text, int rank, BigInteger number) implements Comparable<Prerelease> {

  /** A release sorts after every prerelease of the same numbers. */
  static final Prerelease NONE = new Prerelease("", Integer.MAX_VALUE, BigInteger.ZERO);

  private static final Pattern WORD =
      Pattern.compile(
          "(?i)(dev|snapshot|nightly|canary|experimental|insiders?|alpha|beta|preview|pre|rc)"
              + "\\.?([0-9]*)");

  // Python's 3.13.0a2, 3.13.0b1, 3.13.0c1: one letter is a prerelease only glued to the numbers
  // and followed by digits, so a variant token like "-b" or "-a" stays a variant.
  private static final Pattern LETTER = Pattern.compile("(?i)([abc])([0-9]+)");

  /** Reads one '-'-separated token after the version: {@code rc.1}, {@code beta}, {@code dev}. */
  static Optional<Prerelease> ofToken(String token) {
    return read(WORD.matcher(token), token);
  }

  /** Reads letters glued to the numbers: {@code rc1}, {@code a2}, {@code beta1}, {@code .dev0}. */
  static Optional<Prerelease> ofGlued(String glued) {
    String text = glued.startsWith(".") || glued.startsWith("_") ? glued.substring(1) : glued;
    Optional<Prerelease> word = read(WORD.matcher(text), glued);
    return word.isPresent() ? word : read(LETTER.matcher(text), glued);
  }

  private static Optional<Prerelease> read(Matcher matcher, String text) {
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String digits = matcher.group(2);
    BigInteger number = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits);
    return Optional.of(new Prerelease(text, rankOf(matcher.group(1)), number));
  }

  private static int rankOf(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "alpha", "a" -> 1;
      case "beta", "b" -> 2;
      case "preview", "pre" -> 3;
      case "rc", "c" -> 4;
      default -> 0; // dev, snapshot, nightly, canary, experimental, insiders
    };
  }

  boolean isRelease() {
    return rank == NONE.rank;
  }

  /**
   * A second marker in the same tag ({@code -rc1-nightly}) is kept in the text; the first ranks.
   */
  Prerelease followedBy(Prerelease next) {
    return isRelease() ? next : new Prerelease(text + "-" + next.text, rank, number);
  }

  @Override
  public int compareTo(Prerelease other) {
    int byRank = Integer.compare(rank, other.rank);
    return byRank != 0 ? byRank : number.compareTo(other.number);
  }
}
