package dev.portcullis.rescan;

import java.time.Duration;
import java.util.Objects;

/**
 * When the server rescans every current and running image.
 *
 * @param interval the time between two rescans of everything, besides the rescan that follows every
 *     database update
 */
public record RescanSettings(Duration interval) {

  /** Once a day, as registries with automatic scanning do by default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(24);

  public RescanSettings {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the rescan interval must be positive: " + interval);
    }
  }

  public static RescanSettings defaults() {
    return new RescanSettings(DEFAULT_INTERVAL);
  }
}
