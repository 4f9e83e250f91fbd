package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.vulndb.Severity;
import java.util.List;

/**
 * A Kubernetes check: a stable id, its severity, what it checks and how to fix a finding.
 *
 * @param aliases the same check's ids in Trivy (KSVxxx) and kube-score, so their names carry over
 *     to exceptions
 * @param psaCheck the Pod Security Admission check ids it reports, or none
 */
public record KubernetesRule(
    String id,
    Severity severity,
    String title,
    String fix,
    List<String> aliases,
    List<String> psaCheck) {

  public KubernetesRule {
    aliases = List.copyOf(aliases);
    psaCheck = List.copyOf(psaCheck);
  }

  /** Whether {@code name} is this rule's id or one of its aliases (case-insensitive). */
  public boolean isNamed(String name) {
    return id.equalsIgnoreCase(name) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(name));
  }
}
