package dev.portcullis.sla;

import dev.portcullis.policy.SlaSettings;
import dev.portcullis.policy.SlaSettings.PatchTime;
import dev.portcullis.vulndb.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * When a finding is due and whether it is overdue, exactly as docs/server.md defines them:
 *
 * <ul>
 *   <li>due at: first seen + the policy's time for its severity as of now; a LOW finding (by
 *       default) and a NONE or UNKNOWN one have no due time;
 *   <li>overdue: open, not covered by an active exception, and after its due time or, where the
 *       deadline is the next release, carried into a newer digest of its repository. An exception
 *       stops the clock; when it ends, a finding past its due time is overdue at once.
 * </ul>
 */
public final class PatchDeadlines {

  private final SlaSettings sla;
  private final Clock clock;

  public PatchDeadlines(SlaSettings sla, Clock clock) {
    this.sla = sla;
    this.clock = clock;
  }

  /** The due time; empty where the deadline is the next release, or the severity has none. */
  public Optional<Instant> dueAt(Severity severity, Instant firstSeen) {
    return sla.forSeverity(severity)
        .filter(time -> !time.nextRelease())
        .map(time -> firstSeen.plus(time.duration()));
  }

  /** Whether the deadline of this severity is the next release rather than a time. */
  public boolean nextRelease(Severity severity) {
    return sla.forSeverity(severity).map(PatchTime::nextRelease).orElse(false);
  }

  /** Whether the finding is overdue now. */
  public boolean overdue(TrackedFinding finding) {
    Instant now = clock.instant();
    if (!finding.open() || excepted(finding, now)) {
      return false;
    }
    Optional<PatchTime> time = sla.forSeverity(finding.severity());
    if (time.isEmpty()) {
      return false;
    }
    if (time.get().nextRelease()) {
      return finding.inNewerDigest();
    }
    return now.isAfter(finding.firstSeen().plus(time.get().duration()));
  }

  private static boolean excepted(TrackedFinding finding, Instant now) {
    return finding.exceptedUntil() != null && now.isBefore(finding.exceptedUntil());
  }
}
