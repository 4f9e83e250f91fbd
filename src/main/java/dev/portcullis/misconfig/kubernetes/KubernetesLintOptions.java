package dev.portcullis.misconfig.kubernetes;

/**
 * What a lint run checks against.
 *
 * @param level the Pod Security Standards level for every pod (--pss-level), or null to take it
 *     from the namespaces' pod-security labels, else restricted (the seed's level)
 * @param version the Kubernetes version whose checks apply (--k8s-version)
 * @param requireDigest whether images must be pinned by digest (PC-K8S-007)
 * @param requireEgressDeny whether namespaces need a default-deny egress policy (PC-K8S-021)
 */
public record KubernetesLintOptions(
    PssLevel level, PssVersion version, boolean requireDigest, boolean requireEgressDeny) {

  public static KubernetesLintOptions defaults() {
    return new KubernetesLintOptions(null, PssVersion.LATEST, true, true);
  }
}
