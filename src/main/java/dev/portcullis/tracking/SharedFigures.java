package dev.portcullis.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Figures computed once and served to every caller while less than {@link RecentKpis#MAX_AGE} old
 * and begun after every change this server made before the call: concurrent callers wait for one
 * computation instead of each counting the store.
 */
final class SharedFigures<T> implements Supplier<T> {

  private final Supplier<T> compute;
  private final AtomicLong changes;
  private final Clock clock;

  private Instant computedAt;
  private long changesBefore;
  private T latest;

  /**
   * @param changes how many changes this server has made; figures begun after the n-th include it
   */
  SharedFigures(Supplier<T> compute, AtomicLong changes, Clock clock) {
    this.compute = compute;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  public synchronized T get() {
    long known = changes.get();
    if (latest != null && changesBefore >= known && fresh()) {
      return latest;
    }
    long before = changes.get();
    Instant started = clock.instant();
    T figures = compute.get();
    computedAt = started;
    changesBefore = before;
    latest = figures;
    return figures;
  }

  private boolean fresh() {
    Duration age = Duration.between(computedAt, clock.instant());
    return !age.isNegative() && age.compareTo(RecentKpis.MAX_AGE) < 0;
  }
}
