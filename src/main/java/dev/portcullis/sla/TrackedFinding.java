package dev.portcullis.sla;

import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * What a finding's deadline depends on, as the server's store keeps it.
 *
 * @param severity the severity as of now: a database update that changes it moves the deadline
 * @param firstSeen the first scan of the repository that found it
 * @param fixedAt the first scan of the repository's current digest without it; null while open
 * @param exceptedUntil when the exception (or VEX statement) that covers it ends; null if none
 * @param inNewerDigest whether a newer digest of its repository was pushed and still carries it
 *     (the next release of a LOW finding's deadline)
 */
public record TrackedFinding(
    Severity severity,
    Instant firstSeen,
    Instant fixedAt,
    Instant exceptedUntil,
    boolean inNewerDigest) {

  public TrackedFinding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(firstSeen, "firstSeen");
  }

  /** Not fixed yet. */
  public boolean open() {
    return fixedAt == null;
  }
}
