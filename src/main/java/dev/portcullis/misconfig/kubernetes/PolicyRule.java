package dev.portcullis.misconfig.kubernetes;

import java.util.List;
import java.util.Set;

/**
 * One entry of a Role's {@code rules}, read as the RBAC authorizer reads it: a request is allowed
 * when its API group, resource and verb are each listed (or {@code *}).
 */
record PolicyRule(
    int index,
    Node node,
    List<String> groups,
    List<String> resources,
    List<String> verbs,
    List<String> resourceNames) {

  static final String CORE = "";

  /** The verbs the API server checks (the standard ones and the special ones of RBAC and CSRs). */
  private static final Set<String> VERBS =
      Set.of(
          "get",
          "list",
          "watch",
          "create",
          "update",
          "patch",
          "delete",
          "deletecollection",
          "impersonate",
          "bind",
          "escalate",
          "use",
          "approve",
          "sign",
          "attest");

  /**
   * The core group's resources: a fixed set, unlike other groups, where a CRD may add any name. The
   * impersonation targets users, groups and serviceaccounts count among them.
   */
  private static final Set<String> CORE_RESOURCES =
      Set.of(
          "bindings",
          "componentstatuses",
          "configmaps",
          "endpoints",
          "events",
          "groups",
          "limitranges",
          "namespaces",
          "namespaces/finalize",
          "namespaces/status",
          "nodes",
          "nodes/proxy",
          "nodes/status",
          "persistentvolumeclaims",
          "persistentvolumeclaims/status",
          "persistentvolumes",
          "persistentvolumes/status",
          "pods",
          "pods/attach",
          "pods/binding",
          "pods/ephemeralcontainers",
          "pods/eviction",
          "pods/exec",
          "pods/log",
          "pods/portforward",
          "pods/proxy",
          "pods/resize",
          "pods/status",
          "podtemplates",
          "replicationcontrollers",
          "replicationcontrollers/scale",
          "replicationcontrollers/status",
          "resourcequotas",
          "resourcequotas/status",
          "secrets",
          "serviceaccounts",
          "serviceaccounts/token",
          "services",
          "services/proxy",
          "services/status",
          "users");

  static PolicyRule of(int index, Node rule) {
    return new PolicyRule(
        index,
        rule,
        strings(rule.get("apiGroups")),
        strings(rule.get("resources")),
        strings(rule.get("verbs")),
        strings(rule.get("resourceNames")));
  }

  /**
   * Whether the rule allows nothing at all: no API group, no resource (a nonResourceURLs rule is no
   * resource rule), no verb the API server knows, or only core-group resources that do not exist.
   */
  boolean grantsNothing() {
    if (groups.isEmpty() || resources.isEmpty()) {
      return true;
    }
    if (!knownVerb()) {
      return true;
    }
    return groups.stream().allMatch(CORE::equals)
        && !resources.contains("*")
        && resources.stream().noneMatch(CORE_RESOURCES::contains);
  }

  /** Whether the rule allows one of {@code verbs} on {@code resource} (named, not by '*'). */
  boolean allowsNamed(String group, String resource, Set<String> anyOf) {
    return !grantsNothing()
        && (groups.contains("*") || groups.contains(group))
        && resources.contains(resource)
        && allowsVerb(anyOf);
  }

  boolean allowsVerb(Set<String> anyOf) {
    return verbs.contains("*") || verbs.stream().anyMatch(anyOf::contains);
  }

  /** The verbs of {@code anyOf} it allows, or "*". */
  List<String> verbsOf(Set<String> anyOf) {
    return verbs.contains("*")
        ? List.of("*")
        : verbs.stream().filter(anyOf::contains).distinct().toList();
  }

  /** Whether it allows {@code *} or a verb the API server checks. */
  boolean knownVerb() {
    return allowsVerb(VERBS);
  }

  FieldRef field() {
    return PodView.field(node, "rules[" + index + "]", "verbs");
  }

  private static List<String> strings(Node list) {
    return list == null ? List.of() : list.items().stream().map(Fields::string).toList();
  }
}
