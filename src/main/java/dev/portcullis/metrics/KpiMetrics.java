package dev.portcullis.metrics;

import dev.portcullis.store.StoreException;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.tracking.RecentKpis;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The KPIs as Prometheus metrics, in base units (seconds), from the same {@link RecentKpis} as the
 * API (so the store is read at most once per {@link RecentKpis#MAX_AGE} however often Prometheus
 * scrapes), and the scans this server recorded.
 */
public final class KpiMetrics {

  private static final String DATABASE_AGE = "portcullis.vulnerability.database.age";

  /** The window the remediation time is averaged over. */
  static final Duration REMEDIATION_WINDOW = Duration.ofDays(30);

  private final RecentKpis kpis;
  private final Path database;
  private final Clock clock;
  private final MeterRegistry registry;
  private volatile Reading reading = new Reading(null, null, null);

  /** What one scrape shows: the KPIs and the database's age, and when they were read. */
  private record Reading(Instant at, KpiSnapshot kpis, Instant databaseUpdatedAt) {}

  public KpiMetrics(RecentKpis kpis, Path database, Clock clock, MeterRegistry registry) {
    this.kpis = kpis;
    this.database = database;
    this.clock = clock;
    this.registry = registry;
    for (Severity severity : Severity.values()) {
      String label = severity.name().toLowerCase(Locale.ROOT);
      gauge(
          "portcullis.findings.open",
          "Open findings",
          null,
          label,
          r -> r.kpis().open().getOrDefault(severity, 0L));
      gauge(
          "portcullis.findings.overdue",
          "Open findings past their patch deadline",
          null,
          label,
          r -> r.kpis().overdue().getOrDefault(severity, 0L));
      gauge(
          "portcullis.remediation.time",
          "Mean time from first seen to fixed, over findings fixed in the last 30 days (NaN: none)",
          "seconds",
          label,
          r -> {
            Duration mean = r.kpis().remediation().get(severity);
            return mean == null ? Double.NaN : seconds(mean);
          });
    }
    gauge(
        "portcullis.oldest.unpatched.image.age",
        "Age of the oldest open CRITICAL or HIGH finding of a current or running image",
        "seconds",
        null,
        r -> r.kpis().oldestUnpatched() == null ? 0 : seconds(r.kpis().oldestUnpatched().age()));
    gauge(
        DATABASE_AGE,
        "Time since the vulnerability database was updated",
        "seconds",
        null,
        r ->
            r.databaseUpdatedAt() == null
                ? Double.NaN
                : seconds(Duration.between(r.databaseUpdatedAt(), r.at())));
  }

  /** Counts a recorded scan by its outcome ({@code pass}, {@code fail}) and times it. */
  public void scanned(String outcome, Duration took) {
    Counter.builder("portcullis.scans")
        .description("Scans recorded, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("portcullis.scan.duration")
        .description("Time to match and record a scan")
        .register(registry)
        .record(took);
  }

  private void gauge(
      String name, String help, String unit, String severity, ToDoubleFunction<Reading> value) {
    Gauge.Builder<KpiMetrics> builder =
        Gauge.builder(
                name,
                this,
                metrics -> {
                  Reading current = metrics.reading;
                  boolean unread = current.kpis() == null && !name.equals(DATABASE_AGE);
                  return unread ? Double.NaN : value.applyAsDouble(current);
                })
            .description(help);
    if (unit != null) {
      builder.baseUnit(unit);
    }
    if (severity != null) {
      builder.tag("severity", severity);
    }
    builder.register(registry);
  }

  /**
   * Reads what the next scrape shows, so that all its gauges come from one snapshot and a scrape
   * waits for a store that is down once, not once per gauge. Until the first call every gauge is
   * NaN.
   */
  public void refresh() {
    reading = new Reading(clock.instant(), snapshot(), databaseUpdatedAt());
  }

  /** Null while the store is down: every KPI gauge is NaN until a reading succeeds. */
  private KpiSnapshot snapshot() {
    try {
      return kpis.snapshot(REMEDIATION_WINDOW);
    } catch (StoreException e) {
      return null;
    }
  }

  private Instant databaseUpdatedAt() {
    return VulnerabilityDatabase.updatedAt(database).orElse(null);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
