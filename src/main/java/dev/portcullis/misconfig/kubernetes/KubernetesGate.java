package dev.portcullis.misconfig.kubernetes;

import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.VulnerabilityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The gate over Kubernetes findings, as the scan gate decides over vulnerabilities: an active
 * exception suppresses, an expired one is reported as expired, then the severity filter, then the
 * exit code.
 */
public final class KubernetesGate {

  private static final Comparator<KubernetesFinding> REPORT_ORDER =
      Comparator.comparing(KubernetesFinding::file)
          .thenComparingInt(KubernetesFinding::line)
          .thenComparing(KubernetesFinding::ruleId)
          .thenComparing(KubernetesFinding::message);

  private final GateSettings settings;
  private final List<VulnerabilityException> exceptions;
  private final LocalDate today;

  public KubernetesGate(
      GateSettings settings, List<VulnerabilityException> exceptions, LocalDate today) {
    this.settings = settings;
    this.exceptions = List.copyOf(exceptions);
    this.today = today;
  }

  public KubernetesDecision decide(KubernetesLintResult result) {
    List<KubernetesFinding> open = new ArrayList<>();
    List<KubernetesDecision.Suppressed> suppressed = new ArrayList<>();
    List<KubernetesDecision.Suppressed> expired = new ArrayList<>();
    for (KubernetesFinding finding : result.findings()) {
      List<VulnerabilityException> covering =
          exceptions.stream().filter(e -> KubernetesExceptions.covers(e, finding)).toList();
      Optional<VulnerabilityException> active =
          covering.stream().filter(e -> e.activeOn(today)).findFirst();
      if (active.isPresent()) {
        suppressed.add(new KubernetesDecision.Suppressed(finding, active.get()));
        continue;
      }
      covering.stream()
          .findFirst()
          .ifPresent(e -> expired.add(new KubernetesDecision.Suppressed(finding, e)));
      open.add(finding);
    }
    List<KubernetesFinding> reported =
        open.stream()
            .filter(f -> settings.severities().contains(f.severity()))
            .sorted(REPORT_ORDER)
            .toList();
    int exitCode = reported.isEmpty() ? 0 : settings.exitCode();
    return new KubernetesDecision(
        result, reported, suppressed, expired, open.size() - reported.size(), exitCode);
  }
}
