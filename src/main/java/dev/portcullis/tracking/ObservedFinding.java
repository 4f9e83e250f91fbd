package dev.portcullis.tracking;

import dev.portcullis.match.Finding;
import dev.portcullis.vulndb.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A vulnerability as one scan saw it in one package, before the store tracks it over time.
 *
 * @param ecosystem the advisory ecosystem without its release ({@code Debian}, {@code PyPI}): a
 *     finding keeps its identity when the base image moves to the next release
 * @param fixedVersion the oldest version that fixes it; null where there is none
 * @param exceptedUntil the end of the policy file's exception that covers it; null if none does
 */
public record ObservedFinding(
    String vulnerabilityId,
    List<String> aliases,
    String packageName,
    String ecosystem,
    String installedVersion,
    String fixedVersion,
    String title,
    Severity severity,
    Instant exceptedUntil) {

  /** The end of an exception that does not expire. */
  public static final Instant FOREVER = Instant.ofEpochMilli(Long.MAX_VALUE);

  public ObservedFinding {
    Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(severity, "severity");
    aliases = List.copyOf(aliases);
    ecosystem = family(ecosystem);
    installedVersion = installedVersion == null ? "" : installedVersion;
  }

  /** A matcher's finding; {@code exceptedUntil} when an exception of the policy file covers it. */
  public static ObservedFinding of(Finding finding, Instant exceptedUntil) {
    return new ObservedFinding(
        finding.vulnerabilityId(),
        finding.aliases(),
        finding.pkg().name(),
        finding.ecosystem(),
        finding.pkg().version(),
        finding.fixedVersions().isEmpty() ? null : finding.fixedVersions().get(0),
        finding.title(),
        finding.severity().severity(),
        exceptedUntil);
  }

  /** The identity of the finding within a repository. */
  FindingKey key() {
    return new FindingKey(vulnerabilityId, ecosystem, packageName);
  }

  /** {@code Debian:12} → {@code Debian}; {@code Red Hat:enterprise_linux:9} → {@code Red Hat}. */
  static String family(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
  }
}
