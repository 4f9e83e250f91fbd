package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's "UNSICHER" and "SICHER" Dockerfiles (seed002/README.md) with the shipped default
 * policy: the first gets every finding the seed implies, the second none but what the default
 * policy lists as accepted below its gate.
 */
class DockerfileSeed002Test {

  private static Path seed(String name) throws URISyntaxException {
    return Path.of(
        DockerfileSeed002Test.class.getResource("seed002/" + name + "/Dockerfile").toURI());
  }

  private static LintResult lint(String name) throws IOException, URISyntaxException {
    Policy policy = Lint.DEFAULT;
    return new DockerfileLinter(policy.baseImages(), policy.dockerfile())
        .lint(seed(name), name + "/Dockerfile");
  }

  private static int gate(LintResult result) {
    Policy.GateDefaults defaults = Lint.DEFAULT.gate();
    Set<Severity> severities =
        defaults.severity().stream().map(Severity::valueOf).collect(Collectors.toSet());
    return new LintGate(
            new GateSettings(EnumSet.copyOf(severities), false, defaults.exitCode()),
            List.of(),
            LocalDate.now())
        .decide(List.of(result))
        .exitCode();
  }

  @Test
  void unsicherGetsEveryFindingTheSeedImplies() throws Exception {
    LintResult result = lint("unsicher");

    assertThat(result.findings())
        .extracting(LintFinding::line, LintFinding::ruleId)
        .containsExactlyInAnyOrder(
            // "1. Spezifische Tags statt :latest"
            org.assertj.core.groups.Tuple.tuple(2, "PC-DF-002"),
            // "3. Minimale Base Images": ubuntu is allowed, not preferred (seed 000)
            org.assertj.core.groups.Tuple.tuple(2, "PC-DF-001"),
            // "7. HEALTHCHECK"
            org.assertj.core.groups.Tuple.tuple(2, "PC-DF-110"),
            // apt-get without --no-install-recommends and without cleaning its lists
            org.assertj.core.groups.Tuple.tuple(3, "PC-DF-202"),
            org.assertj.core.groups.Tuple.tuple(3, "PC-DF-203"),
            // hadolint's DL3008: nodejs and npm without versions
            org.assertj.core.groups.Tuple.tuple(3, "PC-DF-206"),
            // seed 001: the base image's packages are not upgraded
            org.assertj.core.groups.Tuple.tuple(3, "PC-DF-109"),
            // "4. Keine Secrets im Image" and "5. .dockerignore nutzen": COPY . without one
            org.assertj.core.groups.Tuple.tuple(4, "PC-DF-107"),
            // "2. Multi-Stage Builds": npm install with dev dependencies in the only stage
            org.assertj.core.groups.Tuple.tuple(5, "PC-DF-108"),
            // COPY . before the dependency install: every change reinstalls them
            org.assertj.core.groups.Tuple.tuple(5, "PC-DF-225"),
            // "6. Non-root User"
            org.assertj.core.groups.Tuple.tuple(6, "PC-DF-100"));
    assertThat(gate(result)).as("the default gate fails it").isEqualTo(1);
  }

  @Test
  void sicherGetsNothingButWhatTheDefaultPolicyAcceptsBelowItsGate() throws Exception {
    LintResult result = lint("sicher");

    assertThat(result.findings())
        .extracting(LintFinding::line, LintFinding::ruleId, LintFinding::severity)
        .containsExactly(
            // tags without digests: node:20-alpine, and distroless whose version is in its name
            org.assertj.core.groups.Tuple.tuple(2, "PC-DF-003", Severity.MEDIUM),
            org.assertj.core.groups.Tuple.tuple(6, "PC-DF-003", Severity.MEDIUM),
            // distroless has no shell for a HEALTHCHECK; the orchestrator probes
            org.assertj.core.groups.Tuple.tuple(6, "PC-DF-110", Severity.LOW));
    Set<String> accepted = Lint.DEFAULT.dockerfile().rules().keySet();
    assertThat(result.findings()).allSatisfy(f -> assertThat(accepted).contains(f.ruleId()));
    assertThat(gate(result)).as("the default gate passes it").isZero();
  }
}
