package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * API versions that Kubernetes removed (the deprecation guide's table): an object written in one is
 * refused from that minor version on. Measured against --k8s-version: before the removal it is
 * reported as deprecated, from it on as refused.
 */
final class DeprecatedApis {

  /** The minor version that removed it, and what to write instead. */
  private record Removal(int minor, String replacement) {}

  private static final Map<String, Removal> REMOVED = table();

  private DeprecatedApis() {}

  private static Map<String, Removal> table() {
    Map<String, Removal> t = new java.util.HashMap<>();
    for (String kind : List.of("Deployment", "DaemonSet", "ReplicaSet")) {
      t.put("extensions/v1beta1 " + kind, new Removal(16, "apps/v1"));
      t.put("apps/v1beta2 " + kind, new Removal(16, "apps/v1"));
    }
    for (String kind : List.of("Deployment", "StatefulSet")) {
      t.put("apps/v1beta1 " + kind, new Removal(16, "apps/v1"));
    }
    t.put("apps/v1beta2 StatefulSet", new Removal(16, "apps/v1"));
    t.put("extensions/v1beta1 NetworkPolicy", new Removal(16, "networking.k8s.io/v1"));
    t.put("extensions/v1beta1 PodSecurityPolicy", new Removal(16, "policy/v1beta1"));
    t.put("extensions/v1beta1 Ingress", new Removal(22, "networking.k8s.io/v1"));
    t.put("networking.k8s.io/v1beta1 Ingress", new Removal(22, "networking.k8s.io/v1"));
    t.put("networking.k8s.io/v1beta1 IngressClass", new Removal(22, "networking.k8s.io/v1"));
    for (String kind : List.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")) {
      t.put(
          "rbac.authorization.k8s.io/v1beta1 " + kind,
          new Removal(22, "rbac.authorization.k8s.io/v1"));
    }
    for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
      t.put(
          "admissionregistration.k8s.io/v1beta1 " + kind,
          new Removal(22, "admissionregistration.k8s.io/v1"));
    }
    t.put(
        "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
        new Removal(22, "apiextensions.k8s.io/v1"));
    t.put(
        "apiregistration.k8s.io/v1beta1 APIService", new Removal(22, "apiregistration.k8s.io/v1"));
    t.put(
        "certificates.k8s.io/v1beta1 CertificateSigningRequest",
        new Removal(22, "certificates.k8s.io/v1"));
    t.put("coordination.k8s.io/v1beta1 Lease", new Removal(22, "coordination.k8s.io/v1"));
    t.put("scheduling.k8s.io/v1beta1 PriorityClass", new Removal(22, "scheduling.k8s.io/v1"));
    for (String kind : List.of("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment")) {
      t.put("storage.k8s.io/v1beta1 " + kind, new Removal(22, "storage.k8s.io/v1"));
    }
    t.put("batch/v1beta1 CronJob", new Removal(25, "batch/v1"));
    t.put("discovery.k8s.io/v1beta1 EndpointSlice", new Removal(25, "discovery.k8s.io/v1"));
    t.put("events.k8s.io/v1beta1 Event", new Removal(25, "events.k8s.io/v1"));
    t.put("autoscaling/v2beta1 HorizontalPodAutoscaler", new Removal(25, "autoscaling/v2"));
    t.put("policy/v1beta1 PodDisruptionBudget", new Removal(25, "policy/v1"));
    t.put("policy/v1beta1 PodSecurityPolicy", new Removal(25, "Pod Security Admission labels"));
    t.put("node.k8s.io/v1beta1 RuntimeClass", new Removal(25, "node.k8s.io/v1"));
    t.put("autoscaling/v2beta2 HorizontalPodAutoscaler", new Removal(26, "autoscaling/v2"));
    for (String kind : List.of("FlowSchema", "PriorityLevelConfiguration")) {
      t.put(
          "flowcontrol.apiserver.k8s.io/v1beta1 " + kind,
          new Removal(26, "flowcontrol.apiserver.k8s.io/v1"));
      t.put(
          "flowcontrol.apiserver.k8s.io/v1beta2 " + kind,
          new Removal(29, "flowcontrol.apiserver.k8s.io/v1"));
      t.put(
          "flowcontrol.apiserver.k8s.io/v1beta3 " + kind,
          new Removal(32, "flowcontrol.apiserver.k8s.io/v1"));
    }
    t.put("storage.k8s.io/v1beta1 CSIStorageCapacity", new Removal(27, "storage.k8s.io/v1"));
    return Map.copyOf(t);
  }

  static List<KubernetesFinding> check(List<Resource> resources, PssVersion version) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (Resource resource : resources) {
      Removal removal = REMOVED.get(resource.apiVersion() + " " + resource.kind());
      if (removal == null) {
        continue;
      }
      boolean removed = version.atLeast(removal.minor());
      Node apiVersion = resource.node().get("apiVersion");
      KubernetesFinding finding =
          KubernetesFinding.at(
              KubernetesRules.DEPRECATED_API,
              resource,
              new FieldRef("apiVersion", apiVersion.line()),
              resource.kind()
                  + " in "
                  + resource.apiVersion()
                  + (removed
                      ? " was removed in v1."
                          + removal.minor()
                          + "; a "
                          + version
                          + " cluster refuses it"
                      : " is deprecated and removed in v1." + removal.minor())
                  + "; use "
                  + removal.replacement());
      findings.add(removed ? finding : finding.withSeverity(dev.portcullis.vulndb.Severity.LOW));
    }
    return findings;
  }
}
