package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.TrivyAgreement;
import dev.portcullis.testing.TrivyAgreement.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Our verdicts against Trivy's Dockerfile checks (DS ids), for every rule both have: per file, does
 * the rule fire or not. Two sets: corpus/, realistic Dockerfiles in the style of official images,
 * and edges/, one boundary of a shared rule each. Trivy's verdicts are recorded in
 * trivy-results.json by scripts/record-trivy-dockerfile-checks.sh. Every disagreement is listed
 * below with the reason; a new one fails the test. The tables go to target/trivy-agreement-*.md.
 */
class DockerfileTrivyAgreementTest {

  /** Known disagreements on the corpus, "file DSxxx", and why ours differs. */
  private static final Map<String, String> CORPUS =
      Map.of(
          "java-distroless/Dockerfile DS002",
          "Trivy wants a USER instruction; gcr.io/distroless/java21-debian12:nonroot already runs"
              + " as uid 65532, so ours does not report root",
          "python-slim/Dockerfile DS013",
          "Trivy splits RUN commands only at &&; the cd after ';' in 'set -eux; …; cd"
              + " /usr/src/python;' escapes it; ours (like hadolint's DL3003) finds it");

  /** Known disagreements on the edge cases: where ours follows BuildKit, apt or hadolint. */
  private static final Map<String, String> EDGES =
      Map.ofEntries(
          Map.entry(
              "ds001-arg-latest/Dockerfile DS001",
              "FROM alpine:${TAG} with ARG TAG=latest is latest; Trivy does not substitute ARGs"),
          Map.entry(
              "ds001-arg-default-operator/Dockerfile DS001",
              "${TAG:-latest} with TAG unset is latest; Trivy does not expand ${…:-…}"),
          Map.entry(
              "ds001-registry-arg/Dockerfile DS001",
              "${REGISTRY}/ubuntu with REGISTRY unset has no tag; this Trivy build skips a FROM"
                  + " that starts with a variable (Trivy's current DS001 reports it too)"),
          Map.entry(
              "ds001-stage-arg-image/Dockerfile DS001",
              "an ARG declared in an earlier stage is not visible in a later FROM, so $IMAGE is"
                  + " empty and the build decides; Trivy reads the earlier stage's ARG"),
          Map.entry(
              "ds014-different-stages/Dockerfile DS014",
              "curl in a build stage and wget in the final one: each stage is an image of its own;"
                  + " this Trivy build counts the whole file (Trivy's current DS014 counts a stage)"),
          Map.entry(
              "ds002-user-build-stage-only/Dockerfile DS002",
              "a USER in a build stage does not carry into the final stage; Trivy counts any USER"),
          Map.entry(
              "ds004-port-range/Dockerfile DS004", "EXPOSE 20-25 exposes 22; Trivy reads 22 only"),
          Map.entry(
              "ds005-add-url/Dockerfile DS005",
              "ours reports ADD of a URL as PC-DF-103 (remote ADD without checksum), not as"
                  + " 'use COPY', which cannot download"),
          Map.entry(
              "ds006-from-index-self/Dockerfile DS006",
              "--from=0 in stage 0 names the stage itself; Trivy compares names only"),
          Map.entry(
              "ds012-case/Dockerfile DS012",
              "stage names are case-insensitive in BuildKit: Build and build collide"),
          Map.entry(
              "ds013-cd-after-semicolon/Dockerfile DS013",
              "Trivy splits RUN commands only at &&; a cd after ';' escapes it"),
          Map.entry(
              "ds015-rm-cache/Dockerfile DS015",
              "rm -rf /var/cache/yum removes the cache as yum clean all does; Trivy wants the"
                  + " command"),
          Map.entry(
              "ds021-qq/Dockerfile DS021",
              "apt-get -qq implies -y (apt-get(8): quiet level 2 implies -y), as hadolint accepts"),
          Map.entry(
              "ds024-full-upgrade/Dockerfile DS024",
              "full-upgrade is apt's other name for dist-upgrade; Trivy knows only dist-upgrade"),
          Map.entry(
              "ds025-cache-mount/Dockerfile DS025",
              "a cache mount on /var/cache/apk keeps the index out of the layer, as hadolint"
                  + " accepts"),
          Map.entry(
              "ds026-healthcheck-build-stage-only/Dockerfile DS026",
              "a HEALTHCHECK in a build stage is not in the final image; Trivy counts any"),
          Map.entry(
              "ds029-o-option/Dockerfile DS029",
              "-o APT::Install-Recommends=false is --no-install-recommends by another name"));

  @Test
  void oursAgreesWithTrivyOnTheCorpusBarTheListedCases() throws Exception {
    compare("corpus", CORPUS);
  }

  @Test
  void onTheEdgeCasesOursDiffersOnlyWhereItFollowsTheBuilder() throws Exception {
    compare("edges", EDGES);
  }

  private static void compare(String set, Map<String, String> expected)
      throws IOException, URISyntaxException {
    Path corpus = Path.of(DockerfileTrivyAgreementTest.class.getResource(set).toURI());
    JsonNode recorded = new ObjectMapper().readTree(corpus.resolve("trivy-results.json").toFile());
    Set<String> mapped = new TreeSet<>();
    Rules.all().forEach(r -> mapped.addAll(r.trivy()));
    List<String> trivyChecks = new ArrayList<>();
    recorded.path("checks").forEach(c -> trivyChecks.add(c.asText()));
    assertThat(mapped).as("every DS check Trivy ran has a rule of ours").containsAll(trivyChecks);

    List<Verdict> verdicts = new ArrayList<>();
    var files = recorded.path("files").fields();
    while (files.hasNext()) {
      var entry = files.next();
      String name = entry.getKey();
      Dockerfile file = new DockerfileParser().parse(corpus.resolve(name), name);
      LintResult result =
          new DockerfileLinter(Lint.DEFAULT.baseImages(), Lint.DEFAULT.dockerfile())
              .lint(file, null);
      Set<String> ours = new TreeSet<>();
      result.findings().forEach(f -> ours.addAll(trivyIds(f)));
      result.suppressed().forEach(s -> ours.addAll(trivyIds(s.finding())));
      for (String check : trivyChecks) {
        boolean trivy = entry.getValue().path("fail").has(check);
        verdicts.add(new Verdict(name, check, trivy, ours.contains(check)));
      }
    }

    String table = TrivyAgreement.table(set, verdicts, DockerfileTrivyAgreementTest::ours);
    List<String> disagreements =
        verdicts.stream().filter(v -> v.trivy() != v.ours()).map(Verdict::fileAndCheck).toList();
    assertThat(disagreements).as(table).containsExactlyInAnyOrderElementsOf(expected.keySet());
  }

  /**
   * The DS ids a finding answers to. PC-DF-214 covers dnf and microdnf: Trivy reports DS019 for
   * both and DS027 for microdnf alone.
   */
  private static List<String> trivyIds(LintFinding finding) {
    if (finding.ruleId().equals("PC-DF-214") && !finding.message().startsWith("microdnf")) {
      return List.of("DS019");
    }
    return finding.rule().trivy();
  }

  private static String ours(String trivyCheck) {
    return Rules.all().stream()
        .filter(r -> r.trivy().contains(trivyCheck))
        .map(Rule::id)
        .findFirst()
        .orElse("?");
  }
}
