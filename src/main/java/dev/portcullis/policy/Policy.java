package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The policy file ({@code portcullis.yaml}): gate settings, exceptions, the base-image tiers, the
 * Dockerfile rule settings, the secret rules and the patch deadlines.
 *
 * @param baseImages the base-image tiers; null when the file has none (the shipped default applies)
 * @param dockerfile Dockerfile rule severities; null when the file has none
 * @param secrets the secret scanner's rules; null when the file has none (the built-in rules apply)
 * @param sla patch deadlines by severity; null when the file has none (the defaults apply)
 */
public record Policy(
    GateDefaults gate,
    List<VulnerabilityException> exceptions,
    @JsonProperty("base-images") BaseImagePolicy baseImages,
    DockerfileSettings dockerfile,
    SecretSettings secrets,
    SlaSettings sla) {

  public Policy {
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
  }

  public Policy(GateDefaults gate, List<VulnerabilityException> exceptions) {
    this(gate, exceptions, null, null, null, null);
  }

  /** The secret settings in force: the file's, else the defaults. */
  public SecretSettings secretSettings() {
    return secrets != null ? secrets : SecretSettings.defaults();
  }

  /** The patch deadlines in force: the file's, else the defaults. */
  public SlaSettings slaSettings() {
    return sla != null ? sla : SlaSettings.defaults();
  }

  public static Policy empty() {
    return new Policy(null, List.of());
  }

  /**
   * Gate settings the command line may override.
   *
   * @param checkOsOwnedLibraries also match language packages an OS package installed against their
   *     language's advisories (flag: --check-os-owned-libraries)
   */
  public record GateDefaults(
      List<String> severity,
      @JsonProperty("exit-code") Integer exitCode,
      @JsonProperty("ignore-unfixed") Boolean ignoreUnfixed,
      @JsonProperty("check-os-owned-libraries") Boolean checkOsOwnedLibraries) {}
}
