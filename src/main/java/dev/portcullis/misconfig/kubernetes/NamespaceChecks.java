package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;

/** Namespaces must enforce a Pod Security Standard through their pod-security label. */
final class NamespaceChecks {

  private NamespaceChecks() {}

  static List<KubernetesFinding> check(List<Resource> resources) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (Resource resource : resources) {
      if (!"Namespace".equals(resource.kind())) {
        continue;
      }
      Node labels = resource.node().at("metadata.labels");
      Node enforce = labels == null ? null : labels.get(NamespaceLevels.PREFIX + "enforce");
      String level = enforce == null ? null : enforce.text();
      boolean valid;
      try {
        valid = level != null && PssLevel.parse(level) != PssLevel.PRIVILEGED;
      } catch (IllegalArgumentException e) {
        valid = false;
      }
      if (!valid) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.NAMESPACE_UNLABELED,
                resource,
                new FieldRef("metadata.labels", labels == null ? resource.line() : labels.line()),
                "Namespace \""
                    + resource.name()
                    + "\" "
                    + (level == null
                        ? "has no pod-security.kubernetes.io/enforce label"
                        : "enforces \"" + level + "\", which forbids nothing")));
      }
    }
    return findings;
  }
}
