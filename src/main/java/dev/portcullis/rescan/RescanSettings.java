package dev.portcullis.rescan;

import java.time.Duration;
import java.util.Objects;

/**
 * When the server rescans every current and running image, and where it updates its vulnerability
 * database from.
 *
 * @param interval the time between two rescans of everything, besides the rescan that follows every
 *     database update that changed the database
 * @param databaseUpdateInterval the time between two database updates; unused without a source
 * @param databaseSource where updates come from; {@link DatabaseSource.None} for no updates
 */
public record RescanSettings(
    Duration interval, Duration databaseUpdateInterval, DatabaseSource databaseSource) {

  /** Once a day, as registries with automatic scanning do by default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(24);

  /** Four times a day: OSV's exports change many times a day, rescans follow each change. */
  public static final Duration DEFAULT_DATABASE_UPDATE_INTERVAL = Duration.ofHours(6);

  public RescanSettings {
    requirePositive(interval, "the rescan interval");
    requirePositive(databaseUpdateInterval, "the database update interval");
    Objects.requireNonNull(databaseSource, "databaseSource");
  }

  /** Daily rescans; no database updates (the operator runs {@code db update}). */
  public static RescanSettings defaults() {
    return new RescanSettings(
        DEFAULT_INTERVAL, DEFAULT_DATABASE_UPDATE_INTERVAL, new DatabaseSource.None());
  }

  public RescanSettings withInterval(Duration value) {
    return new RescanSettings(value, databaseUpdateInterval, databaseSource);
  }

  public RescanSettings withDatabaseUpdates(Duration every, DatabaseSource source) {
    return new RescanSettings(interval, every, source);
  }

  private static void requirePositive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + duration);
    }
  }
}
