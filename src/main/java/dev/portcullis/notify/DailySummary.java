package dev.portcullis.notify;

import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The day's state of patching ({@code summary.daily}), with the KPIs as docs/server.md defines
 * them.
 *
 * @param windowStart start of the window MTTR is computed over (inclusive)
 * @param windowEnd end of the window, the time of the summary
 * @param open open findings by severity; a severity left out counts 0
 * @param overdue overdue findings by severity; a severity left out counts 0
 * @param mttr mean time to remediation of the findings fixed in the window, by severity; a severity
 *     left out had no fix in the window
 * @param oldestUnpatched null when no current image has an open CRITICAL/HIGH finding
 */
public record DailySummary(
    Instant windowStart,
    Instant windowEnd,
    Map<Severity, Integer> open,
    Map<Severity, Integer> overdue,
    Map<Severity, Duration> mttr,
    OldestUnpatched oldestUnpatched)
    implements Notification {

  public static final String EVENT = "summary.daily";

  public DailySummary {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException(
          "a summary window ends (" + windowEnd + ") before it starts (" + windowStart + ")");
    }
    open = Map.copyOf(open);
    overdue = Map.copyOf(overdue);
    mttr = Map.copyOf(mttr);
  }

  /** The current image whose oldest open CRITICAL/HIGH finding is oldest. */
  public record OldestUnpatched(String repository, String imageDigest, long ageDays) {

    public OldestUnpatched {
      Objects.requireNonNull(repository, "repository");
      Objects.requireNonNull(imageDigest, "imageDigest");
      if (ageDays < 0) {
        throw new IllegalArgumentException("an image's age cannot be negative: " + ageDays);
      }
    }
  }

  public int openCount(Severity severity) {
    return open.getOrDefault(severity, 0);
  }

  public int overdueCount(Severity severity) {
    return overdue.getOrDefault(severity, 0);
  }

  @Override
  public Instant occurredAt() {
    return windowEnd;
  }

  @Override
  public String event() {
    return EVENT;
  }
}
