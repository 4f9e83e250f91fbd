package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.TrivyAgreement;
import dev.portcullis.testing.TrivyAgreement.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our verdicts against Trivy's Kubernetes checks (KSV ids), per file and per id, on edges/: one
 * boundary of a rule each. Trivy's verdicts are recorded in edges/trivy-results.json by
 * scripts/record-trivy-kubernetes-checks.sh. A finding counts for the KSV ids it answers to, so
 * that a rule standing for several checks (wildcards) is compared per check. Every disagreement is
 * listed below with the reason; a new one fails the test. The table goes to
 * target/trivy-agreement-kubernetes.md.
 */
class KubernetesTrivyAgreementTest {

  private static final Path EDGES =
      Path.of("src/test/resources/dev/portcullis/misconfig/kubernetes/edges");

  /** Known disagreements, "file KSVxxx", and why ours differs. */
  private static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry(
              "binding-rolebinding-role-admin.yaml KSV111 trivy",
              "roleRef names a Role called admin: the namespace's own Role, not the built-in"
                  + " ClusterRole; Trivy compares the name only"),
          Map.entry(
              "kind-clusterrolebinding-case.yaml KSV111 trivy",
              "kind ClusterRolebinding is refused by the API server; ours reports the typo"
                  + " (PC-K8S-060), Trivy lower-cases kinds and checks it as a binding"),
          Map.entry(
              "cap-add-net-bind.yaml KSV022 trivy",
              "NET_BIND_SERVICE is the one capability PSS restricted allows back; Trivy counts"
                  + " any"),
          Map.entry(
              "configmap-password-placeholder.yaml AVD-KSV-0109 trivy",
              "DB_PASSWORD is empty: there is no secret to leak; Trivy looks at the key only"),
          Map.entry(
              "deprecated-cronjob-batch-v1beta1.yaml KSV036 ours",
              "the bundled KSV036 never fires on a workload; ours wants the token off unless a"
                  + " binding in the input grants the account rights"),
          Map.entry(
              "deprecated-extensions-deployment.yaml KSV036 ours", "as for the CronJob above"),
          Map.entry(
              "impersonate-groups-core.yaml KSV043 ours",
              "groups live in the core group; Trivy counts impersonation only under apiGroups"
                  + " '*'"),
          Map.entry(
              "impersonate-users-core.yaml KSV043 ours",
              "impersonating users is the same power as groups; Trivy looks at groups only"),
          Map.entry(
              "impersonate-serviceaccounts.yaml KSV043 ours",
              "impersonating service accounts borrows their tokens' rights; Trivy looks at"
                  + " groups only"),
          Map.entry(
              "impersonate-uids.yaml KSV043 ours",
              "impersonating UIDs (authentication.k8s.io) likewise; Trivy looks at groups"
                  + " only"),
          Map.entry(
              "impersonate-pods.yaml KSV048 trivy",
              "impersonate on pods grants nothing (only users, groups, service accounts and"
                  + " UIDs can be impersonated); Trivy counts it as a change verb"),
          Map.entry(
              "rbac-secrets-apps-group.yaml KSV041 trivy",
              "Secrets live in the core group only; a rule for apps/secrets grants nothing"),
          Map.entry(
              "wildcard-no-apigroups.yaml KSV046 trivy",
              "a rule without apiGroups matches no request; Trivy does not look at apiGroups"),
          Map.entry(
              "wildcard-resource-patch-role.yaml KSV112 ours",
              "patch on every resource changes every object; Trivy's verb list lacks patch"),
          Map.entry(
              "uid-pod-level-only.yaml KSV020 trivy",
              "runAsUser 20001 is set on the pod, which its containers inherit; Trivy reads the"
                  + " containers' only"),
          Map.entry("uid-pod-level-only.yaml KSV021 trivy", "likewise for runAsGroup"),
          Map.entry(
              "wildcard-resource-watch.yaml KSV046 ours",
              "watch on every resource streams every Secret; Trivy's verb list lacks watch"));

  @Test
  void oursAgreesWithTrivyOnTheEdgeCasesBarTheListedOnes() throws IOException {
    JsonNode recorded = new ObjectMapper().readTree(EDGES.resolve("trivy-results.json").toFile());
    Set<String> mapped = new TreeSet<>();
    KubernetesRules.ALL.forEach(
        r -> r.aliases().stream().filter(KubernetesFinding::isTrivyId).forEach(mapped::add));
    List<String> compared = new ArrayList<>();
    recorded.path("checks").forEach(c -> compared.add(c.asText()));
    compared.retainAll(mapped);

    List<Verdict> verdicts = new ArrayList<>();
    var files = recorded.path("files").fields();
    while (files.hasNext()) {
      var entry = files.next();
      Set<String> ours = oursFor(EDGES.resolve(entry.getKey()));
      Set<String> trivy = new TreeSet<>();
      entry.getValue().path("fail").forEach(id -> trivy.add(id.asText()));
      for (String check : compared) {
        verdicts.add(
            new Verdict(entry.getKey(), check, trivy.contains(check), ours.contains(check)));
      }
    }

    String table = TrivyAgreement.table("kubernetes", verdicts, KubernetesTrivyAgreementTest::ours);
    List<String> disagreements =
        verdicts.stream()
            .filter(v -> v.trivy() != v.ours())
            .map(v -> v.fileAndCheck() + (v.ours() ? " ours" : " trivy"))
            .toList();
    assertThat(disagreements).as(table).containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
  }

  private static Set<String> oursFor(Path file) throws IOException {
    KubernetesLintResult result =
        new KubernetesLinter(KubernetesLintOptions.everything())
            .lint(List.of(new ManifestFinder().find(List.of(file)).get(0)));
    Set<String> ids = new TreeSet<>();
    result.findings().forEach(f -> ids.addAll(f.aliases()));
    return ids;
  }

  private static String ours(String trivyCheck) {
    return KubernetesRules.ALL.stream()
        .filter(r -> r.aliases().contains(trivyCheck))
        .map(KubernetesRule::id)
        .reduce((a, b) -> a + ", " + b)
        .orElse("?");
  }
}
