package dev.portcullis.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Findings whose patch deadline passed while they were open ({@code finding.overdue}), as one
 * deadline check noticed them at {@code occurredAt}.
 */
public record MissedDeadlines(Instant occurredAt, List<NotifiedFinding> findings)
    implements Notification {

  public static final String EVENT = "finding.overdue";

  public MissedDeadlines {
    Objects.requireNonNull(occurredAt, "occurredAt");
    findings = List.copyOf(findings);
    if (findings.isEmpty()) {
      throw new IllegalArgumentException(
          "a finding.overdue notification needs at least one finding");
    }
    for (NotifiedFinding finding : findings) {
      if (finding.dueAt() == null || !occurredAt.isAfter(finding.dueAt())) {
        throw new IllegalArgumentException(
            finding.vulnerabilityId()
                + " in "
                + finding.repository()
                + " is not overdue at "
                + occurredAt
                + " (due "
                + finding.dueAt()
                + ")");
      }
    }
  }

  /** How long past its deadline the finding was when the check noticed it. */
  public Duration overdueBy(NotifiedFinding finding) {
    return Duration.between(finding.dueAt(), occurredAt);
  }

  @Override
  public String event() {
    return EVENT;
  }
}
