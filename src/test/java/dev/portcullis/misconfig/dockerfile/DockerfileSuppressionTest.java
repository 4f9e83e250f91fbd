package dev.portcullis.misconfig.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.DockerfileSettings;
import dev.portcullis.policy.DockerfileSettings.RuleSetting;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.VulnerabilityException;
import dev.portcullis.vulndb.Severity;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inline ignores, the policy's rule settings and exceptions, and the gate over the rest. */
class DockerfileSuppressionTest {

  private static final String PINNED = "FROM alpine:3.20@sha256:" + "a".repeat(64) + "\n";
  private static final String TAIL = "USER 10001\nHEALTHCHECK NONE\n";
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

  private static LintResult lint(String body) {
    return Lint.result(PINNED + body + TAIL, Lint.DEFAULT.dockerfile(), Lint.GOOD_IGNORE);
  }

  private static List<String> ids(List<LintFinding> findings) {
    return findings.stream().map(LintFinding::ruleId).toList();
  }

  @Test
  void portcullisIgnoreSilencesItsRulesOnTheNextInstructionOnly() {
    LintResult result =
        lint(
            "# portcullis ignore=PC-DF-201 reason=pinned by the base image's release\n"
                + "RUN apk add --no-cache curl\nRUN apk add --no-cache jq\n");

    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals("PC-DF-201"))
        .extracting(LintFinding::line)
        .containsExactly(4);
    assertThat(result.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.by()).isEqualTo("inline");
              assertThat(s.reason()).isEqualTo("pinned by the base image's release");
              assertThat(s.origin()).isEqualTo("Dockerfile:2");
              assertThat(s.finding().line()).isEqualTo(3);
            });
  }

  @Test
  void hadolintIgnoresCarryOverByAlias() {
    LintResult result =
        lint(
            "# hadolint ignore=DL3008,DL3015\n"
                + "# a comment between is fine\n"
                + "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");

    assertThat(ids(result.findings())).doesNotContain("PC-DF-206", "PC-DF-202");
    assertThat(result.suppressed()).extracting(SuppressedFinding::id).contains("DL3008", "DL3015");
  }

  @Test
  void idsMayBeSeparatedByCommaAndSpace() {
    LintResult result =
        lint(
            "# hadolint ignore=DL3008, DL3015 because the base image pins them\n"
                + "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");

    assertThat(result.suppressed())
        .extracting(SuppressedFinding::id, SuppressedFinding::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple("DL3008", "because the base image pins them"),
            org.assertj.core.groups.Tuple.tuple("DL3015", "because the base image pins them"));
  }

  @Test
  void aGlobalIgnoreCoversTheWholeFile() {
    LintResult result =
        Lint.result(
            "# hadolint global ignore=DL3018\n"
                + PINNED
                + "RUN apk add --no-cache curl\nRUN apk add --no-cache jq\n"
                + TAIL,
            Lint.DEFAULT.dockerfile(),
            Lint.GOOD_IGNORE);

    assertThat(ids(result.findings())).doesNotContain("PC-DF-201");
    assertThat(result.suppressed()).hasSize(2);
  }

  @Test
  void policyRuleSettingsChangeSeverityOrTurnARuleOffByIdOrAlias() {
    DockerfileSettings settings =
        new DockerfileSettings(
            Map.of("PC-DF-201", RuleSetting.parse("HIGH"), "DL3059", RuleSetting.OFF), List.of());

    LintResult result =
        Lint.result(
            PINNED + "RUN apk add --no-cache curl\nRUN true\n" + TAIL, settings, Lint.GOOD_IGNORE);

    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals("PC-DF-201"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(ids(result.findings())).doesNotContain("PC-DF-320");
  }

  private static VulnerabilityException exception(
      String id, LocalDate expires, VulnerabilityException.Scope scope) {
    return new VulnerabilityException(id, "accepted", "team@example.com", expires, scope, "p:1")
        .withOrigin("portcullis.yaml: exceptions[0]");
  }

  @Test
  void activeExceptionsSuppressExpiredOnesAreReportedAgain() {
    LintResult result = lint("RUN apk add --no-cache curl\nRUN sudo true\n");
    LintGate gate =
        new LintGate(
            new GateSettings(EnumSet.allOf(Severity.class), false, 1),
            List.of(
                exception("DL3018", LocalDate.of(2026, 12, 31), null),
                exception("PC-DF-105", LocalDate.of(2026, 1, 31), null)),
            TODAY);

    LintDecision decision = gate.decide(List.of(result));

    assertThat(ids(decision.reported())).doesNotContain("PC-DF-201").contains("PC-DF-105");
    assertThat(decision.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.by()).isEqualTo("exception");
              assertThat(s.owner()).isEqualTo("team@example.com");
              assertThat(s.finding().ruleId()).isEqualTo("PC-DF-201");
            });
    assertThat(decision.expired())
        .singleElement()
        .satisfies(s -> assertThat(s.finding().ruleId()).isEqualTo("PC-DF-105"));
    assertThat(decision.exitCode()).isEqualTo(1);
  }

  @Test
  void exceptionsNamingTrivyIdsSuppressTheirRuleOnly() {
    LintResult result =
        lint("RUN sudo true\nRUN yum install -y httpd-2.4.6 && yum clean metadata\n");
    GateSettings all = new GateSettings(EnumSet.allOf(Severity.class), false, 1);

    LintDecision decision =
        new LintGate(
                all,
                List.of(exception("DS010", TODAY, null), exception("avd-ds-0015", TODAY, null)),
                TODAY)
            .decide(List.of(result));

    assertThat(decision.suppressed())
        .extracting(s -> s.finding().ruleId() + " " + s.id())
        .containsExactlyInAnyOrder("PC-DF-105 DS010", "PC-DF-211 avd-ds-0015");
    assertThat(ids(decision.reported())).doesNotContain("PC-DF-105", "PC-DF-211");
  }

  @Test
  void scopedExceptionsMatchTheFilePathAndNeverAPackage() {
    LintResult result = lint("RUN sudo true\n");
    VulnerabilityException.Scope otherPath =
        new VulnerabilityException.Scope(null, null, null, "services/**");
    VulnerabilityException.Scope thisPath =
        new VulnerabilityException.Scope(null, null, null, "**/Dockerfile");
    VulnerabilityException.Scope aPackage =
        new VulnerabilityException.Scope(null, "sudo", null, null);
    GateSettings all = new GateSettings(EnumSet.allOf(Severity.class), false, 1);

    for (var scope : List.of(otherPath, aPackage)) {
      assertThat(
              new LintGate(all, List.of(exception("PC-DF-105", TODAY, scope)), TODAY)
                  .decide(List.of(result))
                  .suppressed())
          .isEmpty();
    }
    assertThat(
            new LintGate(all, List.of(exception("PC-DF-105", TODAY, thisPath)), TODAY)
                .decide(List.of(result))
                .suppressed())
        .hasSize(1);
  }

  @Test
  void theSeverityFilterDecidesTheExitCode() {
    LintResult result = lint("RUN apk add --no-cache curl\n");
    LintDecision high =
        new LintGate(
                new GateSettings(EnumSet.of(Severity.CRITICAL, Severity.HIGH), false, 4),
                List.of(),
                TODAY)
            .decide(List.of(result));
    LintDecision low =
        new LintGate(new GateSettings(EnumSet.of(Severity.LOW), false, 4), List.of(), TODAY)
            .decide(List.of(result));

    assertThat(high.exitCode()).isZero();
    assertThat(high.filteredOut()).isEqualTo(result.findings().size());
    assertThat(low.exitCode()).isEqualTo(4);
  }
}
