package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A corpus of realistic manifests (Deployments, a StatefulSet, a CronJob, a DaemonSet, RBAC,
 * NetworkPolicies, a ConfigMap, a JSON List): the rules each file breaks, and how our verdicts
 * compare with Trivy's config checks where both have the rule.
 */
class KubernetesCorpusTest {

  private static final Path CORPUS =
      Path.of("src/test/resources/dev/portcullis/misconfig/kubernetes/corpus");

  private static final Map<String, Set<String>> EXPECTED =
      Map.of(
          "allow-all-networkpolicy.yaml",
          Set.of(
              "PC-K8S-007",
              "PC-K8S-010",
              "PC-K8S-012",
              "PC-K8S-013",
              "PC-K8S-020",
              "PC-K8S-021",
              "PC-K8S-022",
              "PC-K8S-052",
              "PC-K8S-053"),
          "app-config.yaml",
          Set.of("PC-K8S-041"),
          "backup-cronjob.yaml",
          Set.of(
              "PC-K8S-007",
              "PC-K8S-009",
              "PC-K8S-012",
              "PC-K8S-013",
              "PC-K8S-020",
              "PC-K8S-021",
              "PC-K8S-022",
              "PC-K8S-052",
              "PC-K8S-053"),
          "hardened-deployment.yaml",
          Set.of("PC-K8S-013", "PC-K8S-052", "PC-K8S-053"),
          "insecure-deployment.yaml",
          Set.of(
              "PC-K8S-001",
              "PC-K8S-002",
              "PC-K8S-003",
              "PC-K8S-004",
              "PC-K8S-005",
              "PC-K8S-006",
              "PC-K8S-007",
              "PC-K8S-008",
              "PC-K8S-009",
              "PC-K8S-010",
              "PC-K8S-012",
              "PC-K8S-013",
              "PC-K8S-020",
              "PC-K8S-021",
              "PC-K8S-022",
              "PC-K8S-051",
              "PC-K8S-052",
              "PC-K8S-053",
              "PC-K8S-105",
              "PC-K8S-121",
              "PC-K8S-122",
              "PC-K8S-123",
              "PC-K8S-124",
              "PC-K8S-125",
              "PC-K8S-126"),
          "list.json",
          Set.of("PC-K8S-050"),
          "node-agent-daemonset.yaml",
          Set.of(
              "PC-K8S-001",
              "PC-K8S-002",
              "PC-K8S-004",
              "PC-K8S-006",
              "PC-K8S-007",
              "PC-K8S-009",
              "PC-K8S-010",
              "PC-K8S-011",
              "PC-K8S-012",
              "PC-K8S-013",
              "PC-K8S-020",
              "PC-K8S-021",
              "PC-K8S-022",
              "PC-K8S-052",
              "PC-K8S-053",
              "PC-K8S-101",
              "PC-K8S-102",
              "PC-K8S-106",
              "PC-K8S-121",
              "PC-K8S-122",
              "PC-K8S-123",
              "PC-K8S-125",
              "PC-K8S-126"),
          "postgres-statefulset.yaml",
          Set.of(
              "PC-K8S-001",
              "PC-K8S-003",
              "PC-K8S-007",
              "PC-K8S-012",
              "PC-K8S-013",
              "PC-K8S-020",
              "PC-K8S-021",
              "PC-K8S-022",
              "PC-K8S-042",
              "PC-K8S-052",
              "PC-K8S-053"),
          "rbac.yaml",
          Set.of(
              "PC-K8S-030", "PC-K8S-031", "PC-K8S-032", "PC-K8S-033", "PC-K8S-034", "PC-K8S-035"));

  /**
   * Where Trivy and we disagree on a rule both have, and why: file, our rule, and who fires.
   * Everything else agrees.
   */
  private static final Map<String, String> KNOWN_DISAGREEMENTS =
      Map.ofEntries(
          // Trivy's KSV104 wants a seccomp profile on every container; PSA (and we) accept the
          // pod-level profile these set.
          Map.entry("allow-all-networkpolicy.yaml PC-K8S-125 trivy", "pod-level seccompProfile"),
          Map.entry("backup-cronjob.yaml PC-K8S-125 trivy", "pod-level seccompProfile"),
          Map.entry("hardened-deployment.yaml PC-K8S-125 trivy", "pod-level seccompProfile"),
          Map.entry("postgres-statefulset.yaml PC-K8S-125 trivy", "pod-level seccompProfile"),
          // Likewise restrictedVolumes replaces hostPathVolumes: the hostPath volumes are
          // PC-K8S-126 findings at restricted.
          Map.entry("insecure-deployment.yaml PC-K8S-104 trivy", "restricted replaces baseline"),
          Map.entry("node-agent-daemonset.yaml PC-K8S-104 trivy", "restricted replaces baseline"),
          // Trivy's KSV028 does not count hostPath among restricted volume types; PSA does.
          Map.entry("insecure-deployment.yaml PC-K8S-126 ours", "PSA restricts hostPath"),
          Map.entry("node-agent-daemonset.yaml PC-K8S-126 ours", "PSA restricts hostPath"),
          // Trivy's bundled KSV036 did not fire on any workload; ours asks for the token to be
          // off unless a binding in the input grants the account rights.
          Map.entry("backup-cronjob.yaml PC-K8S-009 ours", "token automount"),
          Map.entry("insecure-deployment.yaml PC-K8S-009 ours", "token automount"),
          Map.entry("node-agent-daemonset.yaml PC-K8S-009 ours", "token automount"),
          // Trivy's KSV043 is about impersonate only; bind and escalate have no Trivy check.
          Map.entry("rbac.yaml PC-K8S-032 ours", "bind and escalate"),
          // Trivy's KSV020 reads the containers' runAsUser only; the pod's 10001 is inherited.
          Map.entry("hardened-deployment.yaml PC-K8S-012 trivy", "pod-level runAsUser"));

  @Test
  void eachCorpusFileBreaksExactlyTheRulesExpected() throws IOException {
    Map<String, Set<String>> actual = new TreeMap<>();
    for (Map.Entry<String, List<KubernetesFinding>> entry : findingsByFile().entrySet()) {
      actual.put(
          entry.getKey(),
          entry.getValue().stream()
              .map(KubernetesFinding::ruleId)
              .collect(Collectors.toCollection(TreeSet::new)));
    }

    assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
  }

  @Test
  void agreesWithTrivyWhereBothHaveTheRuleExceptTheKnownDifferences() throws IOException {
    JsonNode trivy =
        new ObjectMapper()
            .readTree(CORPUS.resolveSibling("trivy-corpus-results.json").toFile())
            .path("failed");
    Set<String> trivyRuns = new TreeSet<>();
    new ObjectMapper()
        .readTree(CORPUS.resolveSibling("edges/trivy-results.json").toFile())
        .path("checks")
        .forEach(c -> trivyRuns.add(c.asText()));
    Map<String, List<KubernetesFinding>> ours = findingsByFile();
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    for (String file : EXPECTED.keySet()) {
      Set<String> trivyIds = new TreeSet<>();
      trivy.path(file).forEach(id -> trivyIds.add(id.asText()));
      Set<String> ourRules =
          ours.getOrDefault(file, List.of()).stream()
              .map(KubernetesFinding::ruleId)
              .collect(Collectors.toSet());
      for (KubernetesRule rule : KubernetesRules.ALL) {
        List<String> ksv = rule.aliases().stream().filter(trivyRuns::contains).toList();
        if (ksv.isEmpty()) {
          continue;
        }
        compared++;
        boolean weFire = ourRules.contains(rule.id());
        boolean trivyFires = ksv.stream().anyMatch(trivyIds::contains);
        if (weFire != trivyFires) {
          disagreements.add(file + " " + rule.id() + " " + (weFire ? "ours" : "trivy"));
        }
      }
    }

    assertThat(compared).isGreaterThan(200);
    assertThat(new TreeSet<>(disagreements)).isEqualTo(new TreeSet<>(KNOWN_DISAGREEMENTS.keySet()));
  }

  private static Map<String, List<KubernetesFinding>> findingsByFile() throws IOException {
    List<ManifestFinder.Found> files = new ManifestFinder().find(List.of(CORPUS));
    Map<String, List<KubernetesFinding>> byFile = new TreeMap<>();
    for (ManifestFinder.Found found : files) {
      KubernetesLintResult result =
          new KubernetesLinter(KubernetesLintOptions.everything()).lint(List.of(found));
      byFile.put(found.path().getFileName().toString(), result.findings());
    }
    return byFile;
  }
}
