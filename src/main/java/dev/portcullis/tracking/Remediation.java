package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The mean time to remediation over one window, as {@link KpiSnapshot} carries it for its own.
 *
 * @param remediation the mean time by severity; severities with none fixed are absent
 * @param fixedInWindow how many findings of each severity were fixed in the window
 */
public record Remediation(
    Instant at,
    Duration window,
    Map<Severity, Duration> remediation,
    Map<Severity, Long> fixedInWindow) {

  public Remediation {
    remediation = Map.copyOf(remediation);
    fixedInWindow = Map.copyOf(fixedInWindow);
  }
}
