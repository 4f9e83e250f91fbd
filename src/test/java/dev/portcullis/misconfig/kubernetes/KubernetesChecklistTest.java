package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's checklist beyond PSS, one behaviour per test. */
class KubernetesChecklistTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: api
        namespace: shop
        labels: {app: api}
      spec:
        serviceAccountName: api
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: c
          image: %s
          %s
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            requests: {cpu: 10m, memory: 16Mi}
            limits: {cpu: 50m, memory: 32Mi}
      """;

  private static String pod(String image, String pullPolicy) {
    return POD.formatted(image, pullPolicy.isEmpty() ? "" : "imagePullPolicy: " + pullPolicy);
  }

  private static List<KubernetesFinding> lint(String yaml, KubernetesLintOptions options) {
    return LintedText.findings(yaml, options);
  }

  private static List<String> ids(String yaml) {
    return lint(yaml, KubernetesLintOptions.defaults()).stream()
        .map(KubernetesFinding::ruleId)
        .toList();
  }

  @Test
  void aTaggedImageWithoutDigestIsPulledIfNotPresentByDefault() {
    assertThat(ids(pod("shop/api:1.2.3", ""))).contains("PC-K8S-008", "PC-K8S-007");
    assertThat(ids(pod("shop/api:1.2.3", "Always"))).doesNotContain("PC-K8S-008");
    assertThat(ids(pod("shop/api:latest", ""))).contains("PC-K8S-006").doesNotContain("PC-K8S-008");
    assertThat(ids(pod("shop/api:1.2.3@sha256:" + "a".repeat(64), "IfNotPresent")))
        .doesNotContain("PC-K8S-006", "PC-K8S-007", "PC-K8S-008");
    assertThat(ids(pod("registry:5000/shop/api", "Always"))).contains("PC-K8S-006");
  }

  @Test
  void digestAndEgressRulesCanBeTurnedOff() {
    KubernetesLintOptions lenient =
        new KubernetesLintOptions(null, PssVersion.LATEST, false, false, false, false, null);

    assertThat(lint(pod("shop/api:1.2.3", "Always"), lenient))
        .extracting(KubernetesFinding::ruleId)
        .doesNotContain("PC-K8S-007", "PC-K8S-021");
  }

  @Test
  void theTokenIsFineWhenTheAccountIsBoundOrItsAccountTurnsItOff() {
    String unbound = pod("shop/api:1.2.3", "Always");
    String bound =
        unbound
            + """
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: api, namespace: shop}
            subjects: [{kind: ServiceAccount, name: api}]
            roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
            """;
    String accountOff =
        unbound
            + """
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: api, namespace: shop}
            automountServiceAccountToken: false
            """;

    assertThat(ids(unbound)).contains("PC-K8S-009").doesNotContain("PC-K8S-010");
    assertThat(ids(bound)).doesNotContain("PC-K8S-009");
    assertThat(ids(accountOff)).doesNotContain("PC-K8S-009");
  }

  @Test
  void aDefaultDenyPolicyCoversTheNamespaceAndASelectingPolicyMakesPodsUnreachable() {
    String policies =
        """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: shop}
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: api, namespace: shop}
        spec:
          podSelector:
            matchExpressions: [{key: app, operator: In, values: [api, web]}]
          ingress:
          - from: [{podSelector: {matchLabels: {app: web}}}]
        """;

    assertThat(ids(pod("shop/api:1.2.3", "Always") + policies))
        .doesNotContain("PC-K8S-020", "PC-K8S-021", "PC-K8S-022");
    assertThat(ids(pod("shop/api:1.2.3", "Always")))
        .contains("PC-K8S-020", "PC-K8S-021", "PC-K8S-022");
  }

  @Test
  void anIngressRuleFromEverywhereMakesThePodReachable() {
    String open =
        """
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: open, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: api}}
          ingress:
          - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
        """;

    List<KubernetesFinding> findings =
        lint(pod("shop/api:1.2.3", "Always") + open, KubernetesLintOptions.defaults());

    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("PC-K8S-022"))
        .extracting(KubernetesFinding::message)
        .containsExactly(
            "NetworkPolicy \"open\" allows ingress from 0.0.0.0/0 to the pods of Pod/shop/api");
  }

  @Test
  void namespacesMustEnforceALevelAbovePrivileged() {
    String namespaces =
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: b, labels: {pod-security.kubernetes.io/enforce: privileged}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: c, labels: {pod-security.kubernetes.io/enforce: baseline}}
        """;

    assertThat(lint(namespaces, KubernetesLintOptions.defaults()))
        .extracting(KubernetesFinding::resource)
        .containsExactly("Namespace//a", "Namespace//b");
  }

  @Test
  void secretLookingValuesAreFoundButReferencesAreNot() {
    assertThat(SecretChecks.looksSecret("DB_PASSWORD", "hunter2hunter2")).isTrue();
    assertThat(SecretChecks.looksSecret("DB_PASSWORD", "${DB_PASSWORD}")).isFalse();
    assertThat(SecretChecks.looksSecret("LOG_LEVEL", "debug")).isFalse();
    assertThat(SecretChecks.looksSecret("config", "key = AKIAIOSFODNN7EXAMPLE")).isTrue();
    assertThat(SecretChecks.looksSecret("tls.key", "-----BEGIN RSA PRIVATE KEY-----\nabc"))
        .isTrue();
  }

  @Test
  void rolesThatReadNamedSecretsSayWhich() {
    String role =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [secrets]
          resourceNames: [tls]
          verbs: [get]
        """;

    assertThat(lint(role, KubernetesLintOptions.defaults()))
        .extracting(KubernetesFinding::message)
        .containsExactly("Role \"r\" rules[0] can get Secrets [tls] in its namespace");
  }
}
