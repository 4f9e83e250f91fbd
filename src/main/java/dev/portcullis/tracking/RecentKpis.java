package dev.portcullis.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

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

  private final ConcurrentMap<Duration, Slot> windows = new ConcurrentHashMap<>();

  /** A window's latest snapshot. Its lock makes concurrent callers share one computation. */
  private static final class Slot {
    private Computed latest;
  }

  /** A snapshot and how many changes this server had made when it began. */
  private record Computed(long changesBefore, KpiSnapshot snapshot) {}

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
    long known = changes.get();
    Slot slot = windows.computeIfAbsent(window, w -> new Slot());
    synchronized (slot) {
      Computed latest = slot.latest;
      if (latest != null && latest.changesBefore() >= known && fresh(latest.snapshot().at())) {
        return latest.snapshot();
      }
      long before = changes.get();
      KpiSnapshot snapshot = kpis.snapshot(window);
      slot.latest = new Computed(before, snapshot);
      return snapshot;
    }
  }

  /** This server changed what the KPIs count; call it after the change committed. */
  public void changed() {
    changes.incrementAndGet();
  }

  private boolean fresh(Instant at) {
    Duration age = Duration.between(at, clock.instant());
    return !age.isNegative() && age.compareTo(MAX_AGE) < 0;
  }
}
