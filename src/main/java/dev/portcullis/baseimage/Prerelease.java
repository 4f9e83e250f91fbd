package dev.portcullis.baseimage;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * What marks a tag as not yet released ({@code rc1}, {@code a2}, {@code -beta}, {@code -rc.1}),
 * ranked the way PEP 440 and semver agree on: dev builds, alpha, beta, preview, release candidate.
 */
record Prerelease(String text, int rank, BigInteger number) implements Comparable<Prerelease> {

  /** A release sorts after every prerelease of the same numbers. */
  static final Prerelease NONE = new Prerelease("", Integer.MAX_VALUE, BigInteger.ZERO);

  private static final int NOT_A_MARKER = -1;

  /** Reads one '-'-separated token after the version: {@code rc.1}, {@code beta}, {@code dev}. */
  static Optional<Prerelease> ofToken(String token) {
    return read(token, token, false);
  }

  /** Reads letters glued to the numbers: {@code rc1}, {@code a2}, {@code beta1}, {@code .dev0}. */
  static Optional<Prerelease> ofGlued(String glued) {
    boolean separated = glued.startsWith(".") || glued.startsWith("_");
    return read(separated ? glued.substring(1) : glued, glued, true);
  }

  /** A marker is a word, an optional '.', and optional digits: rc, rc1, rc.1. */
  private static Optional<Prerelease> read(String marker, String text, boolean glued) {
    int digitsStart = marker.length();
    while (digitsStart > 0 && TagGrammar.isDigit(marker.charAt(digitsStart - 1))) {
      digitsStart--;
    }
    boolean numbered = digitsStart < marker.length();
    int wordEnd =
        numbered && digitsStart > 0 && marker.charAt(digitsStart - 1) == '.'
            ? digitsStart - 1
            : digitsStart;
    String word = marker.substring(0, wordEnd).toLowerCase(Locale.ROOT);
    // Python's 3.13.0a2, 3.13.0b1: one letter is a marker only glued to the numbers and followed
    // by digits, so a variant token like "-b" stays a variant.
    boolean letterAllowed = glued && numbered && wordEnd == digitsStart;
    int rank = rankOf(word, letterAllowed);
    if (rank == NOT_A_MARKER) {
      return Optional.empty();
    }
    BigInteger number = numbered ? new BigInteger(marker.substring(digitsStart)) : BigInteger.ZERO;
    return Optional.of(new Prerelease(text, rank, number));
  }

  private static int rankOf(String word, boolean letterAllowed) {
    return switch (word) {
      case "dev", "snapshot", "nightly", "canary", "experimental", "insider", "insiders" -> 0;
      case "alpha" -> 1;
      case "beta" -> 2;
      case "preview", "pre" -> 3;
      case "rc" -> 4;
      case "a" -> letterAllowed ? 1 : NOT_A_MARKER;
      case "b" -> letterAllowed ? 2 : NOT_A_MARKER;
      case "c" -> letterAllowed ? 4 : NOT_A_MARKER;
      default -> NOT_A_MARKER;
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
