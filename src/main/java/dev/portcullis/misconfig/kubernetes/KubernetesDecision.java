package dev.portcullis.misconfig.kubernetes;

import java.util.List;

/**
 * The gate's decision over a lint run.
 *
 * @param reported findings that pass the filters, by file and line
 * @param suppressed findings an active exception suppresses
 * @param expired findings whose only exceptions have expired: reported again, and said why
 * @param filteredOut how many findings the severity filter left out
 * @param exitCode the exit code the command ends with
 */
public record KubernetesDecision(
    KubernetesLintResult result,
    List<KubernetesFinding> reported,
    List<Suppressed> suppressed,
    List<Suppressed> expired,
    int filteredOut,
    int exitCode) {

  public KubernetesDecision {
    reported = List.copyOf(reported);
    suppressed = List.copyOf(suppressed);
    expired = List.copyOf(expired);
  }

  /** A finding and the exception that names it. */
  public record Suppressed(
      KubernetesFinding finding, dev.portcullis.policy.VulnerabilityException exception) {}
}
