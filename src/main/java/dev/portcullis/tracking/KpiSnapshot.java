package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The patch process' figures at one moment, as docs/server.md defines them.
 *
 * @param open open findings by severity
 * @param overdue overdue findings by severity
 * @param oldestUnpatched the current or running image whose oldest open CRITICAL or HIGH finding is
 *     oldest; empty when none has one
 * @param remediation the mean time to remediation by severity, over the findings fixed in the
 *     window; severities with none fixed are absent
 * @param fixedInWindow how many findings of each severity were fixed in the window
 */
public record KpiSnapshot(
    Instant at,
    Duration window,
    Map<Severity, Long> open,
    Map<Severity, Long> overdue,
    UnpatchedImage oldestUnpatched,
    Map<Severity, Duration> remediation,
    Map<Severity, Long> fixedInWindow,
    long repositories,
    long images) {

  public KpiSnapshot {
    open = Map.copyOf(open);
    overdue = Map.copyOf(overdue);
    remediation = Map.copyOf(remediation);
    fixedInWindow = Map.copyOf(fixedInWindow);
  }

  /**
   * An image with open CRITICAL or HIGH findings.
   *
   * @param since the first_seen of its oldest such finding
   */
  public record UnpatchedImage(String repository, String digest, Instant since, Duration age) {

    /** The age in whole days, as the KPI is reported. */
    public long ageDays() {
      return age.toDays();
    }
  }
}
