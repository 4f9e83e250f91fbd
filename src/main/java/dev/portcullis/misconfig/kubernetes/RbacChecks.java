package dev.portcullis.misconfig.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** RBAC least privilege: wildcards, Secrets, escalation verbs, exec, cluster-admin, anonymous. */
final class RbacChecks {

  private static final Set<String> READ = Set.of("get", "list", "watch", "*");

  private RbacChecks() {}

  static List<KubernetesFinding> check(List<Resource> resources) {
    List<KubernetesFinding> findings = new ArrayList<>();
    for (Resource resource : resources) {
      String kind = resource.kind() == null ? "" : resource.kind();
      if (kind.equals("Role") || kind.equals("ClusterRole")) {
        role(resource, findings);
      } else if (kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding")) {
        binding(resource, findings);
      }
    }
    return findings;
  }

  private static void role(Resource role, List<KubernetesFinding> findings) {
    Node rules = role.node().get("rules");
    List<Node> items = rules == null ? List.of() : rules.items();
    for (int i = 0; i < items.size(); i++) {
      Node rule = items.get(i);
      List<String> groups = strings(rule.get("apiGroups"));
      List<String> resources = strings(rule.get("resources"));
      List<String> verbs = strings(rule.get("verbs"));
      FieldRef field = PodView.field(rule, "rules[" + i + "]", "verbs");
      String name = role.kind() + " \"" + role.name() + "\" rules[" + i + "]";
      List<String> wild = new ArrayList<>();
      if (groups.contains("*")) {
        wild.add("apiGroups");
      }
      if (resources.contains("*")) {
        wild.add("resources");
      }
      if (verbs.contains("*")) {
        wild.add("verbs");
      }
      if (!wild.isEmpty()) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_WILDCARD,
                role,
                field,
                name + " grants '*' in " + String.join(", ", wild)));
      }
      boolean core = groups.contains("") || groups.contains("*");
      if (core
          && (resources.contains("secrets") || resources.contains("*"))
          && verbs.stream().anyMatch(READ::contains)) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_SECRETS,
                role,
                field,
                name
                    + " can read "
                    + (strings(rule.get("resourceNames")).isEmpty()
                        ? "every Secret"
                        : "Secrets " + strings(rule.get("resourceNames")))
                    + (role.kind().equals("ClusterRole")
                        ? " (cluster-wide where bound so)"
                        : " in its namespace")));
      }
      List<String> escalating =
          verbs.stream()
              .filter(v -> v.equals("escalate") || v.equals("bind") || v.equals("impersonate"))
              .toList();
      if (!escalating.isEmpty()) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_ESCALATE,
                role,
                field,
                name + " grants " + String.join(", ", escalating)));
      }
      if (core
          && (resources.contains("pods/exec")
              || resources.contains("pods/attach")
              || resources.contains("*"))
          && (verbs.contains("create") || verbs.contains("*"))) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_EXEC,
                role,
                field,
                name + " can exec into pods (create on pods/exec)"));
      }
    }
  }

  private static void binding(Resource binding, List<KubernetesFinding> findings) {
    Node roleRef = binding.node().get("roleRef");
    if (roleRef != null && "cluster-admin".equals(Fields.string(roleRef.get("name")))) {
      findings.add(
          KubernetesFinding.at(
              KubernetesRules.RBAC_CLUSTER_ADMIN,
              binding,
              PodView.field(binding.node(), "", "roleRef.name").path().isEmpty()
                  ? null
                  : new FieldRef("roleRef.name", roleRef.get("name").line()),
              binding.kind()
                  + " \""
                  + binding.name()
                  + "\" grants cluster-admin to "
                  + subjects(binding)));
    }
    Node subjects = binding.node().get("subjects");
    List<Node> items = subjects == null ? List.of() : subjects.items();
    for (int i = 0; i < items.size(); i++) {
      String name = Fields.string(items.get(i).get("name"));
      if (name.equals("system:anonymous") || name.equals("system:unauthenticated")) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_ANONYMOUS,
                binding,
                new FieldRef("subjects[" + i + "].name", items.get(i).line()),
                binding.kind()
                    + " \""
                    + binding.name()
                    + "\" grants "
                    + Fields.string(roleRef == null ? null : roleRef.get("name"))
                    + " to "
                    + name));
      }
    }
  }

  private static String subjects(Resource binding) {
    Node subjects = binding.node().get("subjects");
    List<String> names = new ArrayList<>();
    for (Node subject : subjects == null ? List.<Node>of() : subjects.items()) {
      names.add(Fields.string(subject.get("kind")) + " " + Fields.string(subject.get("name")));
    }
    return names.isEmpty() ? "no subjects" : String.join(", ", names);
  }

  private static List<String> strings(Node list) {
    return list == null ? List.of() : list.items().stream().map(Fields::string).toList();
  }
}
