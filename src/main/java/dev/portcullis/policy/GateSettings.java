package dev.portcullis.policy;

import dev.portcullis.vulndb.Severity;
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
}
