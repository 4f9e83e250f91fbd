package dev.portcullis.notify;

import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One vulnerability finding as a notification tells it: a vulnerable package in an image of a
 * repository. Secret findings are never notified, so nothing here can hold a secret.
 *
 * @param aliases the other ids of the same vulnerability (CVE, GHSA …), without {@code
 *     vulnerabilityId}
 * @param fixedVersion the first version without the vulnerability; null if there is none yet
 * @param dueAt the patch deadline; null where the deadline is the next release or there is none
 */
public record NotifiedFinding(
    String vulnerabilityId,
    List<String> aliases,
    Severity severity,
    String packageName,
    String packageVersion,
    String ecosystem,
    String fixedVersion,
    String repository,
    String imageDigest,
    Instant firstSeen,
    Instant dueAt) {

  public NotifiedFinding {
    Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(packageVersion, "packageVersion");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(firstSeen, "firstSeen");
  }

  public Optional<String> fixed() {
    return Optional.ofNullable(fixedVersion);
  }

  public Optional<Instant> due() {
    return Optional.ofNullable(dueAt);
  }
}
