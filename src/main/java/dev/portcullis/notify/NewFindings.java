package dev.portcullis.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * New CRITICAL or HIGH findings ({@code finding.new}): those a scan found for the first time in
 * their repository. One scan's findings travel together, so a push of a vulnerable image is one
 * message, not hundreds.
 */
public record NewFindings(Instant occurredAt, List<NotifiedFinding> findings)
    implements Notification {

  public static final String EVENT = "finding.new";

  public NewFindings {
    Objects.requireNonNull(occurredAt, "occurredAt");
    findings = List.copyOf(findings);
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("a finding.new notification needs at least one finding");
    }
  }

  @Override
  public String event() {
    return EVENT;
  }
}
