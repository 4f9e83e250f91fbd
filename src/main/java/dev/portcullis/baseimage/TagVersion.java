package dev.portcullis.baseimage;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A Docker tag read as a version: an optional prefix ({@code jammy-}, {@code v}), numbers ({@code
 * 1.21.6}, {@code 17.0.10_7}, {@code 8u402-b06}) or a date ({@code 20240125}), an optional
 * prerelease marker ({@code rc1}, {@code -beta}) and a variant suffix ({@code -slim-bookworm}).
 *
 * <p>Only tags of the same {@link #line() line} are meant to be compared: the same prefix, the same
 * suffix and the same pattern of numbers, so {@code 20.10} never meets {@code 20.11.1} or {@code
 * 20.11-alpine}. The natural order is total (by line, then version, then text) so that tags can be
 * sorted, but only the order within a line says which is newer.
 */
public final class TagVersion implements Comparable<TagVersion> {

  private final String tag;
  private final String prefix;
  private final List<BigInteger> numbers;
  private final String pattern;
  private final boolean date;
  private final Prerelease prerelease;
  private final String suffix;
  private final String line;

  TagVersion(
      String tag,
      String prefix,
      List<BigInteger> numbers,
      String pattern,
      boolean date,
      Prerelease prerelease,
      String suffix) {
    this.tag = tag;
    this.prefix = prefix;
    this.numbers = List.copyOf(numbers);
    this.pattern = pattern;
    this.date = date;
    this.prerelease = prerelease;
    this.suffix = suffix;
    // concat, not +: string concatenation bootstraps slowly, and a check reads thousands of tags
    // once, mostly before the JIT compiles anything.
    this.line = prefix.concat(pattern).concat(suffix);
  }

  /**
   * Reads a tag; empty for what is not a version ({@code latest}, {@code bookworm}, {@code
   * alpine3.19}, {@code lts-alpine}) and for what Docker would not accept as a tag.
   */
  public static Optional<TagVersion> parse(String tag) {
    return TagGrammar.read(tag);
  }

  /** The tag as written. */
  public String tag() {
    return tag;
  }

  /** What precedes the numbers: {@code jammy-}, {@code v}, or empty. */
  public String prefix() {
    return prefix;
  }

  /** The numbers in order, a build number included: {@code 17.0.10_7} gives 17, 0, 10, 7. */
  public List<BigInteger> numbers() {
    return numbers;
  }

  /** Whether the first number is a date ({@code 20240125}, {@code 2024.01.25}): it has no major. */
  public boolean isDate() {
    return date;
  }

  /** Whether a marker like {@code rc1}, {@code -beta} or {@code -nightly} follows the numbers. */
  public boolean isPrerelease() {
    return !prerelease.isRelease();
  }

  /** What follows the numbers and is not a prerelease marker: {@code -slim-bookworm}, or empty. */
  public String suffix() {
    return suffix;
  }

  /**
   * The form the tag shares with the tags it may move to: prefix, numbers replaced by placeholders,
   * suffix; {@code {n}.{n}-slim} for {@code 12.6-slim}, {@code jammy-{yyyyMMdd}} for {@code
   * jammy-20240125}.
   */
  public String line() {
    return line;
  }

  /** Whether the two tags can replace each other: same prefix, pattern of numbers and suffix. */
  public boolean sameLine(TagVersion other) {
    return line.equals(other.line);
  }

  /**
   * Whether the two tags name the same version, whatever their variant: {@code 12.6} and {@code
   * 12.6-slim} do, {@code 12.6} and {@code 12.6.0} do not.
   */
  public boolean sameVersion(TagVersion other) {
    return pattern.equals(other.pattern) && compareVersion(other) == 0;
  }

  /**
   * Negative, zero or positive as this version is older, equal or newer, numbers compared as such.
   */
  int compareVersion(TagVersion other) {
    for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
      BigInteger mine = i < numbers.size() ? numbers.get(i) : BigInteger.ZERO;
      BigInteger theirs = i < other.numbers.size() ? other.numbers.get(i) : BigInteger.ZERO;
      int byNumber = mine.compareTo(theirs);
      if (byNumber != 0) {
        return byNumber;
      }
    }
    return prerelease.compareTo(other.prerelease);
  }

  /** Whether the other tag is in this one's major; every date is in the same one. */
  boolean sameMajor(TagVersion other) {
    return (date && other.date) || numbers.get(0).equals(other.numbers.get(0));
  }

  @Override
  public int compareTo(TagVersion other) {
    int byLine = line.compareTo(other.line);
    if (byLine != 0) {
      return byLine;
    }
    int byVersion = compareVersion(other);
    return byVersion != 0 ? byVersion : tag.compareTo(other.tag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TagVersion other && tag.equals(other.tag);
  }

  @Override
  public int hashCode() {
    return tag.hashCode();
  }

  @Override
  public String toString() {
    return tag;
  }
}
