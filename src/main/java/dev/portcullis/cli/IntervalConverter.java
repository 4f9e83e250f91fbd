package dev.portcullis.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every interval the server's options take, as operators write them: {@code 30s}, {@code 30m},
 * {@code 6h}, {@code 7d}, or ISO-8601 ({@code PT5M}). Positive, never zero.
 */
final class IntervalConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

  @Override
  public Duration convert(String text) {
    Duration duration = parse(text);
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new TypeConversionException(
          "'"
              + text
              + "' is not an interval: use a positive number and a unit, such as 30m, 6h or 1d"
              + " (or ISO-8601, PT30M)");
    }
    return duration;
  }

  private static Duration parse(String text) {
    Matcher matcher = SHORT.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
