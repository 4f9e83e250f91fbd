package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.policy.BaseImagePolicy;

/**
 * What a lint run checks against.
 *
 * @param level the Pod Security Standards level for every pod (--pss-level), or null to take it
 *     from the namespaces' pod-security labels, else restricted (the seed's level)
 * @param version the Kubernetes version whose checks apply (--k8s-version)
 * @param requireDigest whether images must be pinned by digest (PC-K8S-007)
 * @param requireEgressDeny whether namespaces need a default-deny egress policy (PC-K8S-021)
 * @param requireHighIds whether user and group ids must be above 10000 (PC-K8S-012, PC-K8S-013);
 *     off by default, as seed 002's own secure pod runs as 1000
 * @param requireQuotas whether namespaces need a ResourceQuota and a LimitRange (PC-K8S-052,
 *     PC-K8S-053); off by default, as they are often kept apart from the application's manifests
 * @param trustedImages the image tiers of portcullis.yaml: an image they forbid (not named, or from
 *     a registry no tier trusts) is PC-K8S-014; null turns the check off
 */
public record KubernetesLintOptions(
    PssLevel level,
    PssVersion version,
    boolean requireDigest,
    boolean requireEgressDeny,
    boolean requireHighIds,
    boolean requireQuotas,
    BaseImagePolicy trustedImages) {

  public static KubernetesLintOptions defaults() {
    return new KubernetesLintOptions(null, PssVersion.LATEST, true, true, false, false, null);
  }

  /** Every check on, as Trivy runs its own: for comparing with it. */
  static KubernetesLintOptions everything() {
    return new KubernetesLintOptions(null, PssVersion.LATEST, true, true, true, true, null);
  }

  /** The same options with the image tiers that PC-K8S-014 checks against. */
  public KubernetesLintOptions withTrustedImages(BaseImagePolicy tiers) {
    return new KubernetesLintOptions(
        level, version, requireDigest, requireEgressDeny, requireHighIds, requireQuotas, tiers);
  }
}
