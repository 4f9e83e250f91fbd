package dev.portcullis.misconfig.kubernetes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the checks need to know about the rest of the input: service accounts and who is bound. */
final class InputIndex {

  private final Map<String, Resource> serviceAccounts = new HashMap<>();
  private final Set<String> boundServiceAccounts = new HashSet<>();

  InputIndex(List<Resource> resources) {
    for (Resource resource : resources) {
      String kind = resource.kind() == null ? "" : resource.kind();
      if (kind.equals("ServiceAccount") && resource.name() != null) {
        serviceAccounts.put(resource.effectiveNamespace() + "/" + resource.name(), resource);
      }
      if (kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding")) {
        Node subjects = resource.node().get("subjects");
        for (Node subject : subjects == null ? List.<Node>of() : subjects.items()) {
          if ("ServiceAccount".equals(Fields.string(subject.get("kind")))) {
            String namespace = Fields.string(subject.get("namespace"));
            if (namespace.isEmpty()) {
              namespace = resource.effectiveNamespace();
            }
            boundServiceAccounts.add(namespace + "/" + Fields.string(subject.get("name")));
          }
        }
      }
    }
  }

  /** The ServiceAccount object of that name in the input, or null. */
  Resource serviceAccount(String namespace, String name) {
    return serviceAccounts.get(namespace + "/" + name);
  }

  /** Whether a RoleBinding or ClusterRoleBinding in the input grants the service account rights. */
  boolean isBound(String namespace, String name) {
    return boundServiceAccounts.contains(namespace + "/" + name);
  }
}
