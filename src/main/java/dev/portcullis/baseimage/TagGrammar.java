package dev.portcullis.baseimage;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Docker tag into prefix, numbers, prerelease marker and variant suffix. */
final class TagGrammar {

  /** Docker's own rule (distribution/reference): 1 to 128 of [A-Za-z0-9_.-], not led by . or -. */
  private static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  // Every part is delimited by a character the neighbouring parts cannot contain, so matching
  // stays linear. A word prefix must end in '-' (jammy-) unless it is one letter (v1.2, r1.2):
  // alpine3.19 or jdk17 name a variant, not a version, so they do not parse.
  private static final Pattern VERSION_TAG =
      Pattern.compile(
          """
          (?<prefix>(?:[A-Za-z_][A-Za-z0-9_.]*-)*[A-Za-z]?)
          (?<core>[0-9]+(?:u[0-9]+(?:-b[0-9]+)?|(?:\\.[0-9]+)*(?:_[0-9]+)?))
          (?<glued>[._]?[A-Za-z][A-Za-z0-9_.]*)?
          (?<tail>(?:-[A-Za-z0-9_.]+)*)
          """,
          Pattern.COMMENTS);

  private static final int FIRST_YEAR = 1990;
  private static final int LAST_YEAR = 2100;

  private TagGrammar() {}

  static boolean isDockerTag(String tag) {
    return tag != null && DOCKER_TAG.matcher(tag).matches();
  }

  static Optional<TagVersion> read(String tag) {
    if (!isDockerTag(tag)) {
      return Optional.empty();
    }
    Matcher m = VERSION_TAG.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    Core core = Core.split(m.group("core"));
    Prerelease prerelease = Prerelease.NONE;
    StringBuilder suffix = new StringBuilder();
    String glued = m.group("glued");
    if (glued != null) {
      Optional<Prerelease> marker = Prerelease.ofGlued(glued);
      if (marker.isPresent()) {
        prerelease = marker.get();
      } else {
        suffix.append(glued);
      }
    }
    String tail = m.group("tail");
    for (String token : tail.isEmpty() ? new String[0] : tail.substring(1).split("-")) {
      Optional<Prerelease> marker = Prerelease.ofToken(token);
      if (marker.isPresent()) {
        prerelease = prerelease.followedBy(marker.get());
      } else {
        suffix.append('-').append(token);
      }
    }
    boolean date = isDate(core);
    return Optional.of(
        new TagVersion(
            tag,
            m.group("prefix"),
            core.numbers(),
            pattern(core, date),
            date,
            prerelease,
            suffix.toString()));
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

  /** The numbers of a core as written, and what separates them. */
  private record Core(List<String> texts, List<String> separators) {

    static Core split(String core) {
      List<String> texts = new ArrayList<>();
      List<String> separators = new ArrayList<>();
      int start = 0;
      for (int i = 1; i <= core.length(); i++) {
        boolean boundary =
            i == core.length() || isDigit(core.charAt(i)) != isDigit(core.charAt(i - 1));
        if (boundary) {
          (isDigit(core.charAt(start)) ? texts : separators).add(core.substring(start, i));
          start = i;
        }
      }
      return new Core(texts, separators);
    }

    List<BigInteger> numbers() {
      return texts.stream().map(BigInteger::new).toList();
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
