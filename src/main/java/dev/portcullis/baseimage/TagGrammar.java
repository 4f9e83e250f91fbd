package dev.portcullis.baseimage;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Docker tag into prefix, numbers, prerelease marker and variant suffix:
 *
 * <pre>
 * tag     = prefix core markers suffix
 * prefix  = {word "-"} [letter]                 jammy-, bookworm-, v, r (word: letter or _ first)
 * core    = digits "u" digits ["-b" digits]     8u402-b06
 *         | digits {"." digits} ["_" digits]    1.21.6, 17.0.10_7
 * markers = [glued marker] {"-" marker}         rc1, a2, .dev0, -rc.1, -beta (see Prerelease)
 * suffix  = [glued] {"-" token}                 -slim-bookworm, -alpine3.19
 * glued   = ["." | "_"] letter {not "-"}
 * </pre>
 *
 * <p>A word glued to the numbers ({@code alpine3.19}, {@code jdk17}) names a variant, not a
 * version, so it does not read; one letter ({@code v1.2}) is a prefix. Hand-written rather than a
 * regular expression because a whole repository's tags are read on every check.
 */
final class TagGrammar {

  /** Docker's own limit (distribution/reference). */
  static final int MAX_LENGTH = 128;

  private static final int FIRST_YEAR = 1990;
  private static final int LAST_YEAR = 2100;
  private static final int NONE = -1;

  private TagGrammar() {}

  /** Docker's tag rule: 1 to 128 of A-Z a-z 0-9 _ . -, the first not . or -. */
  static boolean isDockerTag(String tag) {
    if (tag == null || tag.isEmpty() || tag.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      boolean allowed = isDigit(c) || isLetter(c) || c == '_' || (i > 0 && (c == '.' || c == '-'));
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  static Optional<TagVersion> read(String tag) {
    if (!isDockerTag(tag)) {
      return Optional.empty();
    }
    int coreStart = coreStart(tag);
    if (coreStart == NONE) {
      return Optional.empty();
    }
    int coreEnd = coreEnd(tag, coreStart);
    Marked marked = markers(tag, coreEnd);
    String suffix = tag.substring(marked.end());
    if (!isSuffix(suffix)) {
      return Optional.empty();
    }
    Core core = Core.split(tag.substring(coreStart, coreEnd));
    boolean date = isDate(core);
    return Optional.of(
        new TagVersion(
            tag,
            tag.substring(0, coreStart),
            core.numbers(),
            pattern(core, date),
            date,
            marked.prerelease(),
            suffix));
  }

  /**
   * The prerelease markers right after the numbers, glued ({@code rc1}) or as tokens ({@code
   * -rc.1}), and where the suffix starts: at the first token that is not a marker, so that a marker
   * never hides inside a variant and the suffix is the rest of the tag as written.
   */
  private static Marked markers(String tag, int coreEnd) {
    Prerelease prerelease = Prerelease.NONE;
    int end = coreEnd;
    int gluedEnd = tokenEnd(tag, coreEnd);
    if (gluedEnd > coreEnd) {
      Optional<Prerelease> glued = Prerelease.ofGlued(tag.substring(coreEnd, gluedEnd));
      if (glued.isEmpty()) {
        return new Marked(prerelease, end);
      }
      prerelease = glued.get();
      end = gluedEnd;
    }
    while (end < tag.length()) {
      int next = tokenEnd(tag, end + 1);
      Optional<Prerelease> marker = Prerelease.ofToken(tag.substring(end + 1, next));
      if (marker.isEmpty()) {
        break;
      }
      prerelease = prerelease.followedBy(marker.get());
      end = next;
    }
    return new Marked(prerelease, end);
  }

  private record Marked(Prerelease prerelease, int end) {}

  private static int tokenEnd(String tag, int from) {
    int hyphen = tag.indexOf('-', from);
    return hyphen == NONE ? tag.length() : hyphen;
  }

  /** Empty, or letters glued to the numbers, or '-' tokens; no token empty. */
  private static boolean isSuffix(String suffix) {
    if (suffix.isEmpty()) {
      return true;
    }
    char first = suffix.charAt(0);
    boolean glued =
        isLetter(first)
            || ((first == '.' || first == '_')
                && suffix.length() > 1
                && isLetter(suffix.charAt(1)));
    return (glued || first == '-') && !suffix.endsWith("-") && !suffix.contains("--");
  }

  /** The first token led by a digit, or by one letter and a digit; every token before a word. */
  private static int coreStart(String tag) {
    int i = 0;
    while (true) {
      char c = tag.charAt(i);
      if (isDigit(c)) {
        return i;
      }
      if (isLetter(c) && i + 1 < tag.length() && isDigit(tag.charAt(i + 1))) {
        return i + 1;
      }
      int hyphen = tag.indexOf('-', i);
      if (!(isLetter(c) || c == '_') || hyphen == NONE || hyphen == tag.length() - 1) {
        return NONE;
      }
      i = hyphen + 1;
    }
  }

  private static int coreEnd(String tag, int start) {
    int i = digitsEnd(tag, start);
    if (numberFollows(tag, i, "u")) {
      i = digitsEnd(tag, i + 1);
      return numberFollows(tag, i, "-b") ? digitsEnd(tag, i + 2) : i;
    }
    while (numberFollows(tag, i, ".")) {
      i = digitsEnd(tag, i + 1);
    }
    return numberFollows(tag, i, "_") ? digitsEnd(tag, i + 1) : i;
  }

  private static boolean numberFollows(String tag, int i, String separator) {
    int next = i + separator.length();
    return tag.startsWith(separator, i) && next < tag.length() && isDigit(tag.charAt(next));
  }

  private static int digitsEnd(String tag, int i) {
    while (i < tag.length() && isDigit(tag.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * A first number that is a day (20240125) or a year followed by a month (2024.01.25, 2024.1): the
   * day is checked only in the compact form, as calendar versions count patches from 0 (2024.1.0).
   */
  private static boolean isDate(Core core) {
    String first = core.texts().get(0);
    if (first.length() == 8) {
      int year = Integer.parseInt(first.substring(0, 4));
      int month = Integer.parseInt(first.substring(4, 6));
      int day = Integer.parseInt(first.substring(6, 8));
      return isYearMonth(year, month) && YearMonth.of(year, month).isValidDay(day);
    }
    if (first.length() != 4 || core.texts().size() < 2 || !core.separators().get(0).equals(".")) {
      return false;
    }
    String month = core.texts().get(1);
    return month.length() <= 2 && isYearMonth(Integer.parseInt(first), Integer.parseInt(month));
  }

  private static boolean isYearMonth(int year, int month) {
    return year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12;
  }

  /** The core with its numbers replaced: {n}.{n}, {n}.{n}.{n}_{n}, {n}u{n}-b{n}, {yyyyMMdd}. */
  private static String pattern(Core core, boolean date) {
    StringBuilder pattern = new StringBuilder();
    if (!date) {
      pattern.append("{n}");
    } else {
      pattern.append(core.texts().get(0).length() == 8 ? "{yyyyMMdd}" : "{yyyy}");
    }
    for (String separator : core.separators()) {
      pattern.append(separator).append("{n}");
    }
    return pattern.toString();
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The numbers of a core as written, and what separates them. */
  private record Core(List<String> texts, List<String> separators) {

    static Core split(String core) {
      List<String> texts = new ArrayList<>();
      List<String> separators = new ArrayList<>();
      int start = 0;
      for (int i = 1; i <= core.length(); i++) {
        if (i == core.length() || isDigit(core.charAt(i)) != isDigit(core.charAt(i - 1))) {
          (isDigit(core.charAt(start)) ? texts : separators).add(core.substring(start, i));
          start = i;
        }
      }
      return new Core(texts, separators);
    }

    List<BigInteger> numbers() {
      List<BigInteger> numbers = new ArrayList<>(texts.size());
      for (String text : texts) {
        // Most numbers fit a long, and valueOf is much cheaper than parsing a BigInteger.
        numbers.add(
            text.length() < 19 ? BigInteger.valueOf(Long.parseLong(text)) : new BigInteger(text));
      }
      return numbers;
    }
  }
}
