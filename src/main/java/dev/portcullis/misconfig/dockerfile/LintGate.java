package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.RuleExceptions;
import dev.portcullis.policy.VulnerabilityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The gate over Dockerfile findings, as the scan gate decides over vulnerabilities: an active
 * exception suppresses, an expired one is reported as expired, then the severity filter, then the
 * exit code.
 */
public final class LintGate {

  private static final Comparator<LintFinding> REPORT_ORDER =
      Comparator.comparing(LintFinding::file)
          .thenComparingInt(LintFinding::line)
          .thenComparing(LintFinding::ruleId);

  private final GateSettings settings;
  private final List<VulnerabilityException> exceptions;
  private final LocalDate today;

  public LintGate(GateSettings settings, List<VulnerabilityException> exceptions, LocalDate today) {
    this.settings = settings;
    this.exceptions = List.copyOf(exceptions);
    this.today = today;
  }

  public LintDecision decide(List<LintResult> results) {
    List<LintFinding> open = new ArrayList<>();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    List<SuppressedFinding> expired = new ArrayList<>();
    for (LintResult result : results) {
      suppressed.addAll(result.suppressed());
      for (LintFinding finding : result.findings()) {
        List<VulnerabilityException> covering =
            exceptions.stream()
                .filter(
                    e ->
                        RuleExceptions.covers(e, finding::isNamed, finding.file(), finding.image()))
                .toList();
        Optional<VulnerabilityException> active =
            covering.stream().filter(e -> e.activeOn(today)).findFirst();
        if (active.isPresent()) {
          suppressed.add(suppression(finding, active.get()));
          continue;
        }
        covering.stream().findFirst().ifPresent(e -> expired.add(suppression(finding, e)));
        open.add(finding);
      }
    }
    List<LintFinding> reported =
        open.stream()
            .filter(f -> settings.severities().contains(f.severity()))
            .sorted(REPORT_ORDER)
            .toList();
    int exitCode = reported.isEmpty() ? 0 : settings.exitCode();
    return new LintDecision(
        results, reported, suppressed, expired, open.size() - reported.size(), exitCode);
  }

  private static SuppressedFinding suppression(LintFinding finding, VulnerabilityException e) {
    return new SuppressedFinding(
        finding, "exception", e.id(), e.reason(), e.owner(), e.expires(), e.origin());
  }
}
