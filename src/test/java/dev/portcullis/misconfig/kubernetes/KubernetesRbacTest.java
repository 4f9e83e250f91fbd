package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.VulnerabilityException;
import dev.portcullis.vulndb.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RBAC by verb and resource, bindings to built-in roles, wildcards that grant something,
 * impersonation of identities, ConfigMaps through the secret rules, and kinds misspelt by case.
 */
class KubernetesRbacTest {

  private static String role(String kind, String groups, String resources, String verbs) {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: %s
        metadata: {name: r, namespace: apps}
        rules:
        - apiGroups: %s
          resources: %s
          verbs: %s
        """
        .formatted(kind, groups, resources, verbs);
  }

  private static String binding(String kind, String roleKind, String roleName, String subject) {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: %s
        metadata: {name: b, namespace: apps}
        subjects:
        - %s
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: %s}
        """
        .formatted(kind, subject, roleKind, roleName);
  }

  private static List<KubernetesFinding> lint(String yaml) {
    return LintedText.findings(yaml, KubernetesLintOptions.defaults());
  }

  private static List<KubernetesFinding> of(String yaml, KubernetesRule rule) {
    return lint(yaml).stream().filter(f -> f.rule() == rule).toList();
  }

  @Test
  void everyVerbThatReadsOrChangesSecretsIsReported() {
    for (String verb :
        List.of(
            "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection")) {
      assertThat(
              of(
                  role("ClusterRole", "[\"\"]", "[secrets]", "[" + verb + "]"),
                  KubernetesRules.RBAC_SECRETS))
          .as(verb)
          .singleElement()
          .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV041"));
    }
    assertThat(of(role("Role", "[\"\"]", "[secrets]", "[patch]"), KubernetesRules.RBAC_SECRETS))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV113"));
  }

  @Test
  void secretRulesThatGrantNothingAreNotReported() {
    assertThat(
            of(
                role("ClusterRole", "[\"\"]", "[secrets]", "[frobnicate]"),
                KubernetesRules.RBAC_SECRETS))
        .isEmpty();
    assertThat(
            of(role("ClusterRole", "[apps]", "[secrets]", "[get]"), KubernetesRules.RBAC_SECRETS))
        .isEmpty();
    assertThat(
            of(
                role("ClusterRole", "[\"\"]", "[configmaps]", "[get]"),
                KubernetesRules.RBAC_SECRETS))
        .isEmpty();
  }

  @Test
  void bindingsToAdminAndEditCountAsWellAsClusterAdmin() {
    String sa = "{kind: ServiceAccount, name: app, namespace: apps}";
    assertThat(
            of(
                binding("ClusterRoleBinding", "ClusterRole", "cluster-admin", sa),
                KubernetesRules.RBAC_CLUSTER_ADMIN))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
    for (String role : List.of("admin", "edit")) {
      assertThat(
              of(
                  binding("RoleBinding", "ClusterRole", role, sa),
                  KubernetesRules.RBAC_CLUSTER_ADMIN))
          .as(role)
          .singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH))
          .satisfies(f -> assertThat(f.message()).contains("built-in ClusterRole " + role));
    }
    assertThat(
            of(
                binding("RoleBinding", "ClusterRole", "view", sa),
                KubernetesRules.RBAC_CLUSTER_ADMIN))
        .isEmpty();
    assertThat(of(binding("RoleBinding", "Role", "admin", sa), KubernetesRules.RBAC_CLUSTER_ADMIN))
        .as("a namespace's own Role that happens to be called admin")
        .isEmpty();
  }

  @Test
  void bindingsToEveryUserOrServiceAccountAreReported() {
    for (String group :
        List.of("system:authenticated", "system:serviceaccounts", "system:serviceaccounts:ci")) {
      assertThat(
              of(
                  binding(
                      "ClusterRoleBinding",
                      "ClusterRole",
                      "ops",
                      "{kind: Group, name: " + group + "}"),
                  KubernetesRules.RBAC_EVERYONE))
          .as(group)
          .hasSize(1);
    }
    assertThat(
            of(
                binding(
                    "ClusterRoleBinding",
                    "ClusterRole",
                    "ops",
                    "{kind: Group, name: " + "system:masters}"),
                KubernetesRules.RBAC_EVERYONE))
        .isEmpty();
  }

  @Test
  void aWildcardFindingCarriesOnlyTheIdsOfWhatMatched() {
    assertThat(
            of(role("ClusterRole", "[\"*\"]", "[\"*\"]", "[\"*\"]"), KubernetesRules.RBAC_WILDCARD))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV044", "KSV046"));
    assertThat(of(role("Role", "[\"\"]", "[pods]", "[\"*\"]"), KubernetesRules.RBAC_WILDCARD))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV045"));
    assertThat(of(role("Role", "[\"\"]", "[\"*\"]", "[get]"), KubernetesRules.RBAC_WILDCARD))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV112"));
  }

  @Test
  void anExceptionOnOneWildcardIdLeavesTheOthers() {
    List<KubernetesFinding> findings =
        of(role("Role", "[\"\"]", "[pods]", "[\"*\"]"), KubernetesRules.RBAC_WILDCARD);
    VulnerabilityException ksv044 =
        new VulnerabilityException("KSV044", "ops role", "me", null, null, null);
    VulnerabilityException ksv045 =
        new VulnerabilityException("KSV045", "ops role", "me", null, null, null);
    assertThat(KubernetesExceptions.covers(ksv044, findings.get(0))).isFalse();
    assertThat(KubernetesExceptions.covers(ksv045, findings.get(0))).isTrue();
  }

  @Test
  void wildcardsThatGrantNothingAreNotReported() {
    assertThat(of(role("ClusterRole", "[]", "[\"*\"]", "[\"*\"]"), KubernetesRules.RBAC_WILDCARD))
        .as("no API group")
        .isEmpty();
    assertThat(
            of(role("ClusterRole", "[\"\"]", "[podz]", "[\"*\"]"), KubernetesRules.RBAC_WILDCARD))
        .as("no such core resource")
        .isEmpty();
    assertThat(
            of(
                role("ClusterRole", "[\"\"]", "[\"*\"]", "[frobnicate]"),
                KubernetesRules.RBAC_WILDCARD))
        .as("no such verb")
        .isEmpty();
  }

  @Test
  void impersonationCountsOnIdentitiesOnly() {
    for (String target : List.of("users", "groups", "serviceaccounts")) {
      assertThat(
              of(
                  role("ClusterRole", "[\"\"]", "[" + target + "]", "[impersonate]"),
                  KubernetesRules.RBAC_ESCALATE))
          .as(target)
          .singleElement()
          .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV043"));
    }
    assertThat(
            of(
                role("ClusterRole", "[authentication.k8s.io]", "[uids]", "[impersonate]"),
                KubernetesRules.RBAC_ESCALATE))
        .hasSize(1);
    assertThat(
            of(
                role("ClusterRole", "[\"*\"]", "[pods]", "[impersonate]"),
                KubernetesRules.RBAC_ESCALATE))
        .isEmpty();
  }

  @Test
  void escalateAndBindCountOnRolesOnly() {
    assertThat(
            of(
                role("ClusterRole", "[rbac.authorization.k8s.io]", "[clusterroles]", "[escalate]"),
                KubernetesRules.RBAC_ESCALATE))
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).isEmpty());
    assertThat(of(role("ClusterRole", "[\"\"]", "[pods]", "[bind]"), KubernetesRules.RBAC_ESCALATE))
        .isEmpty();
  }

  @Test
  void nodeProxyAndWorkloadChangesAreReported() {
    assertThat(
            of(
                role("ClusterRole", "[\"\"]", "[nodes/proxy]", "[get]"),
                KubernetesRules.RBAC_NODE_PROXY))
        .hasSize(1);
    assertThat(
            of(role("ClusterRole", "[\"\"]", "[nodes]", "[get]"), KubernetesRules.RBAC_NODE_PROXY))
        .isEmpty();
    assertThat(
            of(role("Role", "[apps]", "[deployments]", "[update]"), KubernetesRules.RBAC_WORKLOADS))
        .hasSize(1);
    assertThat(
            of(
                role("Role", "[batch]", "[deployments]", "[update]"),
                KubernetesRules.RBAC_WORKLOADS))
        .as("deployments are no batch resource")
        .isEmpty();
    assertThat(
            of(
                role("Role", "[apps]", "[deployments]", "[get, list, watch]"),
                KubernetesRules.RBAC_WORKLOADS))
        .isEmpty();
  }

  @Test
  void configMapValuesGoThroughTheSecretRulesMasked() {
    String configMap =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, namespace: apps}
        data:
          DB_PASSWORD: Xk9mP2vQ7rL4sT8w
          application.properties: |
            server.port=8080
            spring.datasource.password=Xk9mP2vQ7rL4sT8w
          EMPTY_PASSWORD: ""
          LOG_LEVEL: info
        """;
    List<KubernetesFinding> findings = of(configMap, KubernetesRules.SECRET_IN_CONFIGMAP);
    assertThat(findings)
        .extracting(KubernetesFinding::field)
        .containsExactly("data.DB_PASSWORD", "data.application.properties");
    assertThat(findings)
        .allSatisfy(f -> assertThat(f.message()).doesNotContain("Xk9mP2vQ7rL4sT8w"));
  }

  @Test
  void aKindThatDiffersOnlyByCaseIsATypo() {
    assertThat(of("apiVersion: v1\nkind: pod\nmetadata: {name: p}\n", KubernetesRules.KIND_TYPO))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("write \"Pod\""));
    assertThat(
            of(
                binding("ClusterRolebinding", "ClusterRole", "view", "{kind: User, name: u}"),
                KubernetesRules.KIND_TYPO))
        .hasSize(1);
    assertThat(
            of(
                "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
                KubernetesRules.KIND_TYPO))
        .isEmpty();
  }

  @Test
  void addedCapabilitiesAreReportedAtEveryLevelButNetBindService() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          containers:
          - name: c
            image: a/b:1
            securityContext: {capabilities: {drop: [ALL], add: [%s]}}
        """;
    assertThat(of(pod.formatted("CHOWN"), KubernetesRules.CAPABILITIES_ADDED))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM))
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV022"));
    assertThat(of(pod.formatted("SYS_ADMIN"), KubernetesRules.CAPABILITIES_ADDED))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH))
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV022", "KSV005"));
    assertThat(of(pod.formatted("NET_BIND_SERVICE"), KubernetesRules.CAPABILITIES_ADDED)).isEmpty();
  }
}
