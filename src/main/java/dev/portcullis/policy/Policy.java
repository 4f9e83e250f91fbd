package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The policy file ({@code portcullis.yaml}): gate settings and exceptions. Base-image tiers join it
 * with the Dockerfile checks.
 */
public record Policy(GateDefaults gate, List<VulnerabilityException> exceptions) {

  public Policy {
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
  }

  public static Policy empty() {
    return new Policy(null, List.of());
  }

  /** Gate settings the command line may override. */
  public record GateDefaults(
      List<String> severity,
      @JsonProperty("exit-code") Integer exitCode,
      @JsonProperty("ignore-unfixed") Boolean ignoreUnfixed) {}
}
