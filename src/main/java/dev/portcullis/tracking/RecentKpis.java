package dev.portcullis.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The KPIs as every reader of this server gets them (the API and the metrics): computed once and
 * served to all callers while less than {@link #MAX_AGE} old, because counting every open finding
 * costs tens of milliseconds per call on a large store. A change this server makes to what the KPIs
 * count (a recorded scan, an exception created or ended) is seen by the next call; the changes of
 * other replicas, cluster reads and the passing of deadlines within {@link #MAX_AGE}.
 */
public final class RecentKpis {

  /** The oldest figures a caller gets; {@link KpiSnapshot#at()} says when they were computed. */
  public static final Duration MAX_AGE = Duration.ofSeconds(5);

  private final Kpis kpis;
  private final Clock clock;

  /** How many changes this server has made; a snapshot begun after the n-th includes it. */
  private final AtomicLong changes = new AtomicLong();

  private final ConcurrentMap<Duration, SharedFigures<KpiSnapshot>> windows =
      new ConcurrentHashMap<>();

  private final ConcurrentMap<Duration, SharedFigures<Remediation>> remediations =
      new ConcurrentHashMap<>();

  public RecentKpis(Kpis kpis, Clock clock) {
    this.kpis = kpis;
    this.clock = clock;
  }

  /**
   * The figures, at most {@link #MAX_AGE} old and begun after every change this server made before
   * the call.
   *
   * @param window the remediation time is the mean over findings fixed in this window
   */
  public KpiSnapshot snapshot(Duration window) {
    return windows
        .computeIfAbsent(window, w -> new SharedFigures<>(() -> kpis.snapshot(w), changes, clock))
        .get();
  }

  /** The mean time to remediation over a window alone, shared the same way. */
  public Remediation remediation(Duration window) {
    return remediations
        .computeIfAbsent(
            window, w -> new SharedFigures<>(() -> kpis.remediation(w), changes, clock))
        .get();
  }

  /**
   * Other figures over what the KPIs count (the dashboard's ranking and history), shared the same
   * way: at most {@link #MAX_AGE} old, and begun after every change this server made.
   */
  public <T> Supplier<T> alongside(Supplier<T> figures) {
    return new SharedFigures<>(figures, changes, clock);
  }

  /** This server changed what the KPIs count; call it after the change committed. */
  public void changed() {
    changes.incrementAndGet();
  }
}
