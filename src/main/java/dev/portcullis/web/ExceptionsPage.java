package dev.portcullis.web;

import dev.portcullis.tracking.AuditEvent;
import dev.portcullis.tracking.ExceptionView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The exceptions, those that expire within {@link #SOON} first, and (for administrators) the form
 * to create one and the audit trail.
 *
 * @param problem why the last form was refused; null if it was not
 * @param audit the latest changes, newest first; empty for non-administrators
 */
public record ExceptionsPage(
    Viewer viewer,
    Instant now,
    List<ExceptionView> exceptions,
    List<AuditEvent> audit,
    String problem) {

  public static final Duration SOON = Duration.ofDays(14);

  public ExceptionsPage {
    exceptions = List.copyOf(exceptions);
    audit = List.copyOf(audit);
  }

  public boolean expiresSoon(ExceptionView exception) {
    return "active".equals(exception.state()) && exception.expiresAt().isBefore(now.plus(SOON));
  }
}
