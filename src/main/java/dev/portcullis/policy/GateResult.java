package dev.portcullis.policy;

import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.match.Finding;
import java.util.List;

/**
 * The gate's decision.
 *
 * @param reported findings that pass the filters, most severe first
 * @param secrets secrets that pass the severity filter, most severe first
 * @param suppressed findings an active exception suppresses, listed with it
 * @param expired findings whose only exceptions have expired: reported again, and said why
 * @param filteredOut how many findings and secrets the severity and fix filters left out
 * @param exitCode the exit code the command ends with
 */
public record GateResult(
    List<Finding> reported,
    List<SecretFinding> secrets,
    List<Suppression> suppressed,
    List<Suppression> expired,
    int filteredOut,
    int exitCode) {

  public GateResult {
    reported = List.copyOf(reported);
    secrets = List.copyOf(secrets);
    suppressed = List.copyOf(suppressed);
    expired = List.copyOf(expired);
  }

  public boolean failed() {
    return exitCode != 0;
  }
}
