package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patch deadlines by severity ({@code sla:} in the policy file), after the user's patch process:
 * CRITICAL 48 hours, HIGH 7 days, MEDIUM 30 days, LOW at the next release. A key left out keeps its
 * default.
 */
public record SlaSettings(PatchTime critical, PatchTime high, PatchTime medium, PatchTime low) {

  public SlaSettings {
    critical = critical != null ? critical : PatchTime.of(Duration.ofHours(48));
    high = high != null ? high : PatchTime.of(Duration.ofDays(7));
    medium = medium != null ? medium : PatchTime.of(Duration.ofDays(30));
    low = low != null ? low : PatchTime.NEXT_RELEASE;
  }

  public static SlaSettings defaults() {
    return new SlaSettings(null, null, null, null);
  }

  /** The time to patch a finding of this severity; empty for NONE and UNKNOWN, which have none. */
  public Optional<PatchTime> forSeverity(Severity severity) {
    return Optional.ofNullable(
        switch (severity) {
          case CRITICAL -> critical;
          case HIGH -> high;
          case MEDIUM -> medium;
          case LOW -> low;
          case NONE, UNKNOWN -> null;
        });
  }

  /**
   * A time to patch: a positive duration ({@code 48h}, {@code 7d}, {@code 30d}, {@code 90m}, or
   * ISO-8601 {@code PT48H}), or {@code next-release}.
   *
   * @param duration null for the next release
   */
  public record PatchTime(Duration duration) {

    public static final PatchTime NEXT_RELEASE = new PatchTime(null);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhdw])");

    public static PatchTime of(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("a time to patch must be positive, not " + duration);
      }
      return new PatchTime(duration);
    }

    public boolean nextRelease() {
      return duration == null;
    }

    @JsonCreator
    public static PatchTime parse(String text) {
      String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
      if (word.equals("next-release")) {
        return NEXT_RELEASE;
      }
      Matcher shortForm = SHORT.matcher(word);
      try {
        if (shortForm.matches()) {
          long amount = Long.parseLong(shortForm.group(1));
          return of(
              switch (shortForm.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
              });
        }
        if (word.startsWith("p")) {
          return of(Duration.parse(word.toUpperCase(Locale.ROOT)));
        }
      } catch (DateTimeParseException | IllegalArgumentException e) {
        // Said below, in the words of the file.
      }
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a time to patch: use a positive duration such as 48h, 7d or 30d"
              + " (or ISO-8601, PT48H), or next-release");
    }

    /** YAML reads {@code 48} as a number: a time to patch needs its unit. */
    @JsonCreator
    public static PatchTime parse(long number) {
      throw new IllegalArgumentException(
          "'"
              + number
              + "' is not a time to patch: give its unit, such as "
              + number
              + "h or "
              + number
              + "d");
    }

    @JsonValue
    @Override
    public String toString() {
      return nextRelease() ? "next-release" : duration.toString();
    }
  }
}
