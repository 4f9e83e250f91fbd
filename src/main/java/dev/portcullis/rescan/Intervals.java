package dev.portcullis.rescan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Intervals as operators write them: {@code 30s}, {@code 30m}, {@code 6h}, {@code 7d}. */
public final class Intervals {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

  private Intervals() {}

  /**
   * Reads one amount and its unit; nothing else, no zero.
   *
   * @throws IllegalArgumentException with what is expected
   */
  public static Duration parse(String text) {
    Matcher matcher = SHORT.matcher(text == null ? "" : text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      if (amount > 0) {
        return switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not an interval: use a positive number and a unit, such as 30m, 6h or 1d");
  }
}
