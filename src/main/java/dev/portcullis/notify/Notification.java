package dev.portcullis.notify;

import java.time.Instant;

/** Something the server tells the people who patch images: one webhook request each. */
public sealed interface Notification permits NewFindings, MissedDeadlines, DailySummary {

  /** The event name in every payload: {@code finding.new}, {@code finding.overdue} … */
  String event();

  /** When it happened: the scan that found, the check that noticed, the end of the window. */
  Instant occurredAt();
}
