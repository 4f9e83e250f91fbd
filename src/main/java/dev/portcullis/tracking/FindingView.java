package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A tracked finding as the API shows it.
 *
 * @param dueAt null where the deadline is the next release or the severity has none
 * @param exceptedUntil the end of the exception that covers it; null if none
 */
public record FindingView(
    long id,
    String repository,
    String vulnerabilityId,
    List<String> aliases,
    String packageName,
    String ecosystem,
    String installedVersion,
    String fixedVersion,
    String title,
    Severity severity,
    Instant firstSeen,
    Instant lastSeen,
    Instant fixedAt,
    Instant dueAt,
    boolean overdue,
    Instant exceptedUntil) {

  public FindingView {
    aliases = List.copyOf(aliases);
  }
}
