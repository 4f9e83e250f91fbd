package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A finding whose patch deadline passed, to be announced.
 *
 * @param imageDigest the digest the finding was first seen in
 * @param ecosystem the ecosystem without its release, as the finding is tracked
 */
public record OverdueFinding(
    long id,
    String repository,
    String imageDigest,
    String vulnerabilityId,
    List<String> aliases,
    Severity severity,
    String packageName,
    String installedVersion,
    String ecosystem,
    String fixedVersion,
    Instant firstSeen,
    Instant dueAt) {

  public OverdueFinding {
    aliases = List.copyOf(aliases);
  }
}
