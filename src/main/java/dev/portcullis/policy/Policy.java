package dev.portcullis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The policy file ({@code portcullis.yaml}): gate settings, exceptions, the base-image tiers, the
 * Dockerfile rule settings, the secret rules, the patch deadlines and the admission rules.
 *
 * @param baseImages the base-image tiers; null when the file has none (the shipped default applies)
 * @param dockerfile Dockerfile rule severities; null when the file has none
 * @param secrets the secret scanner's rules; null when the file has none (the built-in rules apply)
 * @param sla patch deadlines by severity; null when the file has none (the defaults apply)
 * @param admission the admission webhook's rules as written; null when the file has none
 */
public record Policy(
    GateDefaults gate,
    List<VulnerabilityException> exceptions,
    @JsonProperty("base-images") BaseImagePolicy baseImages,
    DockerfileSettings dockerfile,
    SecretSettings secrets,
    SlaSettings sla,
    AdmissionSettings.Written admission) {

  public Policy {
    exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
  }

  public Policy(GateDefaults gate, List<VulnerabilityException> exceptions) {
    this(gate, exceptions, null, null, null, null, null);
  }

  /**
   * The admission webhook's rules in force: the file's, else the defaults.
   *
   * @throws IllegalArgumentException when the file's are wrong (checked when the file is loaded)
   */
  public AdmissionSettings admissionSettings() {
    return AdmissionSettings.of(admission);
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
