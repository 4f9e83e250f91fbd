package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pod Security Admission behaviour the shared fixtures do not pin down. */
class PssSemanticsTest {

  private final PodSecurityStandards standards = new PodSecurityStandards();

  private PssDecision evaluate(String yaml, PssLevel level, String version) {
    ManifestFile file = new ManifestReader().readText(yaml, "pod.yaml");
    assertThat(file.problems()).isEmpty();
    Resource resource = Resources.of(file.documents().get(0), new ArrayList<>()).get(0);
    return standards.evaluate(resource, level, PssVersion.parse(version));
  }

  private static final String WINDOWS_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: w}
      spec:
        os: {name: windows}
        securityContext: {runAsNonRoot: true}
        containers:
        - {name: c, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}
      """;

  @Test
  void windowsPodsAreExemptFromSeccompCapabilitiesAndEscalationFrom125() {
    assertThat(evaluate(WINDOWS_POD, PssLevel.RESTRICTED, "1.25").allowed()).isTrue();
    assertThat(evaluate(WINDOWS_POD, PssLevel.RESTRICTED, "1.24").violations())
        .extracting(PssViolation::checkId)
        .containsExactly(
            "allowPrivilegeEscalation", "capabilities_restricted", "seccompProfile_restricted");
  }

  private static final String ADDS_NET_RAW =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
        containers:
        - name: c
          image: busybox:1.36
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL], add: [NET_RAW]}
      """;

  @Test
  void restrictedCapabilitiesReplaceTheBaselineCheckFrom122() {
    assertThat(evaluate(ADDS_NET_RAW, PssLevel.RESTRICTED, "1.22").message())
        .isEqualTo(
            "violates PodSecurity \"restricted:v1.22\": unrestricted capabilities (container \"c\""
                + " must not include \"NET_RAW\" in securityContext.capabilities.add)");
    assertThat(evaluate(ADDS_NET_RAW, PssLevel.RESTRICTED, "1.21").message())
        .isEqualTo(
            "violates PodSecurity \"restricted:v1.21\": non-default capabilities (container \"c\""
                + " must not include \"NET_RAW\" in securityContext.capabilities.add)");
  }

  @Test
  void reasonsFollowPsasOrderWithBaselineChecksFirst() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostPID: true
          hostNetwork: true
          initContainers:
          - name: init
            image: busybox:1.36
            ports: [{containerPort: 80, hostPort: 8080}, {containerPort: 90, hostPort: 10000}]
          containers:
          - name: app
            image: busybox:1.36
            securityContext: {privileged: true, runAsUser: 0}
          ephemeralContainers:
          - name: debug
            image: busybox:1.36
            securityContext: {privileged: true}
        """;

    PssDecision decision = evaluate(pod, PssLevel.RESTRICTED, "latest");

    assertThat(decision.violations())
        .extracting(PssViolation::describe)
        .containsExactly(
            "host namespaces (hostNetwork, hostPID)",
            "hostPort (container \"init\" uses hostPorts 10000, 8080)",
            "privileged (containers \"app\", \"debug\" must not set securityContext.privileged=true)",
            "allowPrivilegeEscalation != false (containers \"init\", \"app\", \"debug\" must set"
                + " securityContext.allowPrivilegeEscalation=false)",
            "unrestricted capabilities (containers \"init\", \"app\", \"debug\" must set"
                + " securityContext.capabilities.drop=[\"ALL\"])",
            "runAsNonRoot != true (pod or containers \"init\", \"app\", \"debug\" must set"
                + " securityContext.runAsNonRoot=true)",
            "runAsUser=0 (container \"app\" must not set runAsUser=0)",
            "seccompProfile (pod or containers \"init\", \"app\", \"debug\" must set"
                + " securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
    assertThat(decision.violations().get(2).fields())
        .extracting(FieldRef::path)
        .containsExactly(
            "spec.containers[0].securityContext.privileged",
            "spec.ephemeralContainers[0].securityContext.privileged");
  }

  @Test
  void seLinuxTypeContainerEngineIsAllowedFrom131() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {seLinuxOptions: {type: container_engine_t}}
          containers: [{name: c, image: "busybox:1.36"}]
        """;

    assertThat(evaluate(pod, PssLevel.BASELINE, "1.31").allowed()).isTrue();
    assertThat(evaluate(pod, PssLevel.BASELINE, "1.30").message())
        .endsWith(
            "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type"
                + " \"container_engine_t\")");
  }

  @Test
  void volumesWithoutSourceAreTheDefaultEmptyDirButUnknownTypesAreRestricted() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
          - name: c
            image: busybox:1.36
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
          volumes:
          - name: scratch
          - name: nfs
            nfs: {server: nas, path: /export}
        """;

    assertThat(evaluate(pod, PssLevel.RESTRICTED, "latest").message())
        .endsWith("restricted volume types (volume \"nfs\" uses restricted volume type \"nfs\")");
  }

  @Test
  void versionsNewerThanTheNewestPolicyEvaluateAsIt() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext:
            sysctls: [{name: net.ipv4.tcp_notsent_lowat, value: "16384"}]
          containers: [{name: c, image: "busybox:1.36"}]
        """;

    assertThat(evaluate(pod, PssLevel.BASELINE, "1.40").allowed()).isTrue();
    assertThat(evaluate(pod, PssLevel.BASELINE, "1.36").message())
        .endsWith("forbidden sysctls (net.ipv4.tcp_notsent_lowat)");
  }

  @Test
  void everyWorkloadKindIsEvaluatedOnItsPodTemplate() {
    List<String> kinds =
        List.of(
            "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController");
    for (String kind : kinds) {
      String yaml =
          "apiVersion: apps/v1\nkind: "
              + kind
              + "\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      hostIPC: true\n"
              + "      containers: [{name: c, image: \"busybox:1.36\"}]\n";
      PssDecision decision = evaluate(yaml, PssLevel.BASELINE, "latest");
      assertThat(decision.violations().get(0).fields().get(0).path())
          .as(kind)
          .isEqualTo("spec.template.spec.hostIPC");
    }
    String cronJob =
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  hostIPC: true
                  containers: [{name: c, image: "busybox:1.36"}]
        """;
    assertThat(evaluate(cronJob, PssLevel.BASELINE, "latest").violations().get(0).fields().get(0))
        .isEqualTo(new FieldRef("spec.jobTemplate.spec.template.spec.hostIPC", 9));
  }

  @Test
  void privilegedLevelAllowsEverything() {
    assertThat(evaluate(ADDS_NET_RAW, PssLevel.PRIVILEGED, "latest").allowed()).isTrue();
  }

  @Test
  void userNamespacePodsSkipRunAsNonRootAndRunAsUserFrom135() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          securityContext: {runAsUser: 0, seccompProfile: {type: RuntimeDefault}}
          containers:
          - name: c
            image: busybox:1.36
            securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        """;

    assertThat(evaluate(pod, PssLevel.RESTRICTED, "1.35").allowed()).isTrue();
    assertThat(evaluate(pod, PssLevel.RESTRICTED, "1.34").violations())
        .extracting(PssViolation::checkId)
        .containsExactly("runAsNonRoot", "runAsUser");
  }

  @Test
  void atRestrictedHostPathIsARestrictedVolumeType() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: c, image: "busybox:1.36"}]
          volumes:
          - {name: host, hostPath: {path: /}}
          - {name: img, image: {reference: "quay.io/x/y:1"}}
          - {name: typo, emptyDri: {}}
        """;

    assertThat(evaluate(pod, PssLevel.BASELINE, "latest").message())
        .endsWith("hostPath volumes (volume \"host\")");
    assertThat(evaluate(pod, PssLevel.RESTRICTED, "latest").violations())
        .extracting(PssViolation::describe)
        .contains(
            "restricted volume types (volume \"host\" uses restricted volume type \"hostPath\")")
        .noneMatch(reason -> reason.startsWith("hostPath volumes"));
  }

  @Test
  void appArmorFieldsAllowOnlyRuntimeDefaultAndLocalhost() {
    String pod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {appArmorProfile: {type: RuntimeDefault}}
          containers:
          - name: c
            image: busybox:1.36
            securityContext: {appArmorProfile: {type: Unconfined}}
        """;

    assertThat(evaluate(pod, PssLevel.BASELINE, "1.0").message())
        .endsWith(
            "forbidden AppArmor profile (container \"c\" must not set AppArmor profile type to"
                + " \"Unconfined\")");
  }
}
