package dev.portcullis.policy;

import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.vulndb.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the gate reports and when it fails, with Trivy's meanings.
 *
 * @param severities the severities to report (--severity); others are left out
 * @param ignoreUnfixed leave out findings no fixed version exists for: all but {@code FIXED}, so
 *     also those the distribution will not fix
 * @param exitCode the exit code when anything is left to report (0: report only)
 */
public record GateSettings(Set<Severity> severities, boolean ignoreUnfixed, int exitCode) {

  public GateSettings {
    severities = Set.copyOf(severities);
  }

  /**
   * The settings a command's flags ask for, else the policy's {@code gate:}, else {@code unset}
   * severities, every finding and exit code 0. The CLI and the server both resolve them here; they
   * differ only in {@code unset} (the CLI reports every severity, as Trivy does; the server's
   * verdict fails on CRITICAL and HIGH).
   *
   * @param severities severity names from flags; empty for none
   * @throws IllegalArgumentException naming a severity that does not exist
   */
  public static GateSettings of(
      List<String> severities,
      Integer exitCode,
      Boolean ignoreUnfixed,
      Policy.GateDefaults policy,
      Set<Severity> unset) {
    Policy.GateDefaults defaults =
        policy != null ? policy : new Policy.GateDefaults(null, null, null, null);
    List<String> names =
        !severities.isEmpty()
            ? severities
            : defaults.severity() != null ? defaults.severity() : List.of();
    Set<Severity> wanted = EnumSet.noneOf(Severity.class);
    for (String name : names) {
      try {
        wanted.add(Severity.named(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown severity '" + name + "'; use CRITICAL, HIGH, MEDIUM, LOW, NONE or UNKNOWN", e);
      }
    }
    return new GateSettings(
        wanted.isEmpty() ? unset : wanted,
        ignoreUnfixed != null ? ignoreUnfixed : Boolean.TRUE.equals(defaults.ignoreUnfixed()),
        exitCode != null ? exitCode : defaults.exitCode() != null ? defaults.exitCode() : 0);
  }

  /**
   * Whether the gate reports this finding: its severity is wanted, and it is fixed if it must be.
   */
  public boolean reports(Finding finding) {
    return severities.contains(finding.severity().severity())
        && (!ignoreUnfixed || finding.status() == FixStatus.FIXED);
  }
}
