package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.BaseImageTier;
import dev.portcullis.policy.ImagePattern;
import dev.portcullis.vulndb.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks beyond PSS: ids, the default namespace, quotas and limit ranges, removed API versions. */
class KubernetesHardeningTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p%s}
      spec:
        securityContext: {runAsUser: %s, runAsGroup: 20001%s}
        containers:
        - name: c
          image: a/b:1
      """;

  private static List<KubernetesFinding> lint(String yaml, KubernetesLintOptions options) {
    return LintedText.findings(yaml, options);
  }

  private static List<KubernetesFinding> of(String yaml, KubernetesRule rule) {
    return lint(yaml, KubernetesLintOptions.everything()).stream()
        .filter(f -> f.rule() == rule)
        .toList();
  }

  @Test
  void idsAtOrBelow10000AreReportedOnlyWhenAskedFor() {
    String low = POD.formatted("", "10000", "");
    assertThat(of(low, KubernetesRules.LOW_UID)).hasSize(1);
    assertThat(of(POD.formatted("", "10001", ""), KubernetesRules.LOW_UID))
        .as("the pod's id is inherited by its containers")
        .isEmpty();
    assertThat(lint(low, KubernetesLintOptions.defaults()))
        .noneMatch(f -> f.rule() == KubernetesRules.LOW_UID);
  }

  @Test
  void joiningTheRootGroupIsALowGroupId() {
    assertThat(of(POD.formatted("", "20001", ", fsGroup: 0"), KubernetesRules.LOW_GID))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("fsGroup"));
    assertThat(
            of(POD.formatted("", "20001", ", supplementalGroups: [5, 0]"), KubernetesRules.LOW_GID))
        .hasSize(1);
  }

  @Test
  void onlyAnExplicitDefaultNamespaceIsReported() {
    assertThat(
            of(
                POD.formatted(", namespace: default", "20001", ""),
                KubernetesRules.DEFAULT_NAMESPACE))
        .hasSize(1);
    assertThat(of(POD.formatted("", "20001", ""), KubernetesRules.DEFAULT_NAMESPACE))
        .as("without a namespace kubectl's context decides")
        .isEmpty();
  }

  @Test
  void aNamespaceNeedsAQuotaWithHardLimitsAndALimitRange() {
    String pod = POD.formatted(", namespace: apps", "20001", "");
    assertThat(of(pod, KubernetesRules.NO_RESOURCE_QUOTA)).hasSize(1);
    assertThat(of(pod, KubernetesRules.NO_LIMIT_RANGE)).hasSize(1);
    String covered =
        pod
            + """
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata: {name: q, namespace: apps}
            spec: {hard: {pods: "10"}}
            ---
            apiVersion: v1
            kind: LimitRange
            metadata: {name: l, namespace: apps}
            spec: {limits: [{type: Container, default: {cpu: 500m}}]}
            """;
    assertThat(of(covered, KubernetesRules.NO_RESOURCE_QUOTA)).isEmpty();
    assertThat(of(covered, KubernetesRules.NO_LIMIT_RANGE)).isEmpty();
    String empty =
        pod
            + "---\napiVersion: v1\nkind: ResourceQuota\n"
            + "metadata: {name: q, namespace: apps}\nspec: {}\n";
    assertThat(of(empty, KubernetesRules.NO_RESOURCE_QUOTA)).as("a quota without hard").hasSize(1);
  }

  @Test
  void imagesThePolicysTiersDoNotAllowAreReported() {
    BaseImagePolicy tiers =
        new BaseImagePolicy(
            null,
            new BaseImageTier(
                List.of(ImagePattern.parse("registry.example.com/**")),
                List.of("registry.example.com"),
                null,
                "our registry"),
            null,
            null);
    KubernetesLintOptions options = KubernetesLintOptions.defaults().withTrustedImages(tiers);
    String pod = POD.replace("image: a/b:1", "image: %s");
    assertThat(lint(pod.formatted("", "20001", "", "quay.io/team/app:1.0"), options))
        .filteredOn(f -> f.rule() == KubernetesRules.UNTRUSTED_IMAGE)
        .singleElement()
        .satisfies(f -> assertThat(f.aliases()).containsExactly("KSV0125"));
    assertThat(lint(pod.formatted("", "20001", "", "registry.example.com/team/app:1.0"), options))
        .noneMatch(f -> f.rule() == KubernetesRules.UNTRUSTED_IMAGE);
    assertThat(
            lint(
                pod.formatted("", "20001", "", "quay.io/team/app:1.0"),
                KubernetesLintOptions.defaults()))
        .as("a policy without image tiers checks no registry")
        .noneMatch(f -> f.rule() == KubernetesRules.UNTRUSTED_IMAGE);
  }

  @Test
  void removedApiVersionsDependOnTheTargetVersion() {
    String cronJob =
        "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c, namespace: apps}\n";
    KubernetesLintOptions v124 =
        new KubernetesLintOptions(null, PssVersion.parse("1.24"), true, true, false, false, null);
    assertThat(lint(cronJob, v124))
        .filteredOn(f -> f.rule() == KubernetesRules.DEPRECATED_API)
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW))
        .satisfies(f -> assertThat(f.message()).contains("removed in v1.25").contains("batch/v1"));
    assertThat(of(cronJob, KubernetesRules.DEPRECATED_API))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(
            of(
                "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\n",
                KubernetesRules.DEPRECATED_API))
        .isEmpty();
  }
}
