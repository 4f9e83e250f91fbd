package dev.portcullis.cli;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --severity} and {@code --exit-code}, named as Trivy names them, for every gate. */
final class GateThreshold {

  @Option(
      names = "--severity",
      paramLabel = "LIST",
      split = ",",
      description =
          "Severities to report: CRITICAL,HIGH,MEDIUM,LOW,NONE,UNKNOWN (default: the policy's, else"
              + " all).")
  List<String> severities = List.of();

  @Option(
      names = "--exit-code",
      paramLabel = "N",
      description =
          "Exit code when findings remain after the filters (default: the policy's, else 0).")
  Integer exitCode;

  /** The gate: these flags, else the policy file's settings, else report everything, exit 0. */
  GateSettings settings(Boolean ignoreUnfixed, Policy.GateDefaults fromPolicy) {
    return GateFlags.settings(severities, exitCode, ignoreUnfixed, fromPolicy);
  }
}
