package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.vulndb.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RBAC least privilege: wildcards, Secrets, escalation, impersonation, exec, node proxy, workloads,
 * bindings to the built-in admin roles and to everyone. A rule that grants nothing (no API group,
 * no verb the API server knows, a core resource that does not exist) is reported by none of them.
 */
final class RbacChecks {

  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final String AUTHENTICATION = "authentication.k8s.io";

  private static final Set<String> SECRET_VERBS =
      Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
  private static final Set<String> CHANGE_VERBS =
      Set.of("create", "update", "patch", "delete", "deletecollection");

  /** Trivy's KSV045 resources: a '*' verb on these is reported, on others only as a wildcard. */
  private static final Set<String> SENSITIVE =
      Set.of(
          "secrets",
          "pods",
          "deployments",
          "daemonsets",
          "statefulsets",
          "replicationcontrollers",
          "replicasets",
          "cronjobs",
          "jobs",
          "roles",
          "clusterroles",
          "rolebindings",
          "clusterrolebindings",
          "users",
          "groups");

  /** Resources whose objects run pods, and the API group each lives in. */
  private static final Map<String, String> WORKLOADS =
      Map.of(
          "pods", PolicyRule.CORE,
          "replicationcontrollers", PolicyRule.CORE,
          "deployments", "apps",
          "daemonsets", "apps",
          "statefulsets", "apps",
          "replicasets", "apps",
          "jobs", "batch",
          "cronjobs", "batch");

  /** Built-in ClusterRoles that grant (nearly) everything in their scope. */
  private static final Map<String, Severity> BUILT_IN_ADMIN =
      Map.of("cluster-admin", Severity.CRITICAL, "admin", Severity.HIGH, "edit", Severity.HIGH);

  /** Groups every user or every service account belongs to. */
  private static final Set<String> EVERYONE =
      Set.of("system:authenticated", "system:serviceaccounts");

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
    boolean cluster = role.kind().equals("ClusterRole");
    for (int i = 0; i < items.size(); i++) {
      PolicyRule rule = PolicyRule.of(i, items.get(i));
      if (rule.grantsNothing()) {
        continue;
      }
      String name = role.kind() + " \"" + role.name() + "\" rules[" + i + "]";
      wildcards(role, rule, name, cluster, findings);
      List<String> secretVerbs = rule.verbsOf(SECRET_VERBS);
      if (rule.allowsNamed(PolicyRule.CORE, "secrets", SECRET_VERBS)) {
        List<String> names = rule.resourceNames();
        findings.add(
            KubernetesFinding.at(
                    KubernetesRules.RBAC_SECRETS,
                    role,
                    rule.field(),
                    name
                        + " can "
                        + String.join(", ", secretVerbs)
                        + " "
                        + (names.isEmpty() ? "every Secret" : "Secrets " + names)
                        + (cluster ? " (cluster-wide where bound so)" : " in its namespace"))
                .onlyTrivy(List.of(cluster ? "KSV041" : "KSV113")));
      }
      escalation(role, rule, name, findings);
      if (rule.allowsNamed(PolicyRule.CORE, "pods/exec", Set.of("create"))
          || rule.allowsNamed(PolicyRule.CORE, "pods/attach", Set.of("create"))) {
        boolean exec = rule.resources().contains("pods/exec");
        findings.add(
            KubernetesFinding.at(
                    KubernetesRules.RBAC_EXEC,
                    role,
                    rule.field(),
                    name
                        + " can open a shell in pods (create on pods/"
                        + (exec ? "exec" : "attach")
                        + ")")
                .onlyTrivy(exec ? List.of("KSV053") : List.of()));
      }
      if (rule.allowsNamed(PolicyRule.CORE, "nodes/proxy", Set.of("get", "create"))) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_NODE_PROXY,
                role,
                rule.field(),
                name
                    + " can "
                    + String.join(", ", rule.verbsOf(Set.of("get", "create")))
                    + " nodes/proxy: the kubelet's API, which runs commands in any pod on the node"));
      }
      List<String> workloads =
          WORKLOADS.entrySet().stream()
              .filter(w -> rule.allowsNamed(w.getValue(), w.getKey(), CHANGE_VERBS))
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      if (!workloads.isEmpty()) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_WORKLOADS,
                role,
                rule.field(),
                name
                    + " can "
                    + String.join(", ", rule.verbsOf(CHANGE_VERBS))
                    + " "
                    + String.join(", ", workloads)
                    + ": whoever runs a pod can mount its namespace's Secrets and service accounts"));
      }
    }
  }

  /**
   * One finding per rule that grants through '*', carrying the Trivy ids of what matched: KSV044
   * all three, KSV045 any verb on a sensitive resource, KSV046 (ClusterRole) or KSV112 (Role) a
   * known verb on every resource.
   */
  private static void wildcards(
      Resource role, PolicyRule rule, String name, boolean cluster, List<KubernetesFinding> out) {
    List<String> wild = new ArrayList<>();
    if (rule.groups().contains("*")) {
      wild.add("apiGroups");
    }
    if (rule.resources().contains("*")) {
      wild.add("resources");
    }
    if (rule.verbs().contains("*")) {
      wild.add("verbs");
    }
    if (wild.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    if (wild.size() == 3) {
      ids.add("KSV044");
    }
    if (rule.verbs().contains("*") && rule.resources().stream().anyMatch(SENSITIVE::contains)) {
      ids.add("KSV045");
    }
    if (rule.resources().contains("*") && rule.knownVerb()) {
      ids.add(cluster ? "KSV046" : "KSV112");
    }
    out.add(
        KubernetesFinding.at(
                KubernetesRules.RBAC_WILDCARD,
                role,
                rule.field(),
                name + " grants '*' in " + String.join(", ", wild))
            .onlyTrivy(ids));
  }

  /**
   * Verbs that grant more than the role holds: escalate and bind on roles let a subject write or
   * bind roles beyond its own rights; impersonate on users, groups, service accounts or UIDs lets
   * it act as them. The same verbs on any other resource grant nothing.
   */
  private static void escalation(
      Resource role, PolicyRule rule, String name, List<KubernetesFinding> out) {
    List<String> granted = new ArrayList<>();
    for (String verb : List.of("escalate", "bind")) {
      if (rule.allowsNamed(RBAC, "roles", Set.of(verb))
          || rule.allowsNamed(RBAC, "clusterroles", Set.of(verb))) {
        granted.add(verb + " on roles");
      }
    }
    List<String> identities = new ArrayList<>();
    for (String target : List.of("users", "groups", "serviceaccounts")) {
      if (rule.allowsNamed(PolicyRule.CORE, target, Set.of("impersonate"))) {
        identities.add(target);
      }
    }
    for (String target : List.of("uids", "userextras/*")) {
      if (rule.allowsNamed(AUTHENTICATION, target, Set.of("impersonate"))) {
        identities.add(target);
      }
    }
    if (!identities.isEmpty()) {
      granted.add("impersonate on " + String.join(", ", identities));
    }
    if (granted.isEmpty()) {
      return;
    }
    out.add(
        KubernetesFinding.at(
                KubernetesRules.RBAC_ESCALATE,
                role,
                rule.field(),
                name + " grants " + String.join("; ", granted))
            .onlyTrivy(identities.isEmpty() ? List.of() : List.of("KSV043")));
  }

  private static void binding(Resource binding, List<KubernetesFinding> findings) {
    Node roleRef = binding.node().get("roleRef");
    String roleName = Fields.string(roleRef == null ? null : roleRef.get("name"));
    String roleKind = Fields.string(roleRef == null ? null : roleRef.get("kind"));
    String label = binding.kind() + " \"" + binding.name() + "\"";
    if (roleKind.equals("ClusterRole") && BUILT_IN_ADMIN.containsKey(roleName)) {
      KubernetesFinding finding =
          KubernetesFinding.at(
              KubernetesRules.RBAC_CLUSTER_ADMIN,
              binding,
              new FieldRef("roleRef.name", roleRef.get("name").line()),
              label
                  + " grants the built-in ClusterRole "
                  + roleName
                  + (binding.kind().equals("RoleBinding") ? " in its namespace" : " cluster-wide")
                  + " to "
                  + subjects(binding));
      findings.add(finding.withSeverity(BUILT_IN_ADMIN.get(roleName)));
    }
    Node subjects = binding.node().get("subjects");
    List<Node> items = subjects == null ? List.of() : subjects.items();
    for (int i = 0; i < items.size(); i++) {
      String name = Fields.string(items.get(i).get("name"));
      FieldRef field = new FieldRef("subjects[" + i + "].name", items.get(i).line());
      if (name.equals("system:anonymous") || name.equals("system:unauthenticated")) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_ANONYMOUS,
                binding,
                field,
                label + " grants " + roleName + " to " + name));
      } else if (EVERYONE.contains(name) || name.startsWith("system:serviceaccounts:")) {
        findings.add(
            KubernetesFinding.at(
                KubernetesRules.RBAC_EVERYONE,
                binding,
                field,
                label
                    + " grants "
                    + roleName
                    + " to "
                    + name
                    + (name.equals("system:authenticated")
                        ? " (every signed-in user)"
                        : name.equals("system:serviceaccounts")
                            ? " (every service account)"
                            : " (every service account of a namespace)")));
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
}
