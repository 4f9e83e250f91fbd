package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kinds that differ from a built-in kind only by case ({@code pod}, {@code ClusterRolebinding}):
 * the API server matches kinds exactly and refuses them, and no rule here looked inside.
 */
final class KindTypos {

  /** The kinds the linter looks at and the other built-in kinds, by their lower-case spelling. */
  private static final Map<String, String> BUILT_IN =
      Stream.concat(
              KubernetesLinter.LOOKED_AT.stream(),
              Stream.of(
                  "Service",
                  "Ingress",
                  "IngressClass",
                  "Endpoints",
                  "EndpointSlice",
                  "PersistentVolume",
                  "PersistentVolumeClaim",
                  "StorageClass",
                  "ResourceQuota",
                  "LimitRange",
                  "HorizontalPodAutoscaler",
                  "PodDisruptionBudget",
                  "PriorityClass",
                  "RuntimeClass",
                  "CustomResourceDefinition",
                  "MutatingWebhookConfiguration",
                  "ValidatingWebhookConfiguration",
                  "ValidatingAdmissionPolicy",
                  "ValidatingAdmissionPolicyBinding",
                  "PodSecurityPolicy",
                  "Node",
                  "Event",
                  "Lease",
                  "CSIDriver",
                  "VolumeAttachment",
                  "APIService",
                  "CertificateSigningRequest"))
          .collect(Collectors.toMap(k -> k.toLowerCase(Locale.ROOT), Function.identity()));

  private KindTypos() {}

  static List<KubernetesFinding> check(List<Resource> resources) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (Resource resource : resources) {
      String kind = resource.kind();
      String meant = kind == null ? null : BUILT_IN.get(kind.toLowerCase(Locale.ROOT));
      if (meant != null && !meant.equals(kind)) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.KIND_TYPO,
                resource,
                new FieldRef("kind", resource.node().get("kind").line()),
                "kind \""
                    + kind
                    + "\" is no Kubernetes kind (kinds are case-sensitive): the API server refuses"
                    + " it and nothing in it was checked; write \""
                    + meant
                    + "\""));
      }
    }
    return findings;
  }
}
