package dev.portcullis.report;

import dev.portcullis.misconfig.kubernetes.KubernetesDecision;
import dev.portcullis.misconfig.kubernetes.KubernetesFinding;
import dev.portcullis.misconfig.kubernetes.KubernetesLintResult;
import dev.portcullis.misconfig.kubernetes.KubernetesRule;
import dev.portcullis.misconfig.kubernetes.PodVerdict;
import dev.portcullis.vulndb.Severity;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A person's view: PSA's verdict per workload, the findings with their fixes, a summary. */
final class KubernetesTableWriter implements KubernetesReportWriter {

  @Override
  public void write(KubernetesDecision decision, ToolInfo tool, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    KubernetesLintResult result = decision.result();
    if (!result.verdicts().isEmpty()) {
      printer.println("Pod Security Admission");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"RESOURCE", "LOCATION", "BASELINE", "RESTRICTED", "LEVEL", "VERDICT"});
      for (PodVerdict verdict : result.verdicts()) {
        rows.add(
            new String[] {
              verdict.resource().ref(),
              verdict.resource().file() + ":" + verdict.resource().line(),
              verdict.levels().get(0).allowed() ? "allowed" : "denied",
              verdict.levels().get(1).allowed() ? "allowed" : "denied",
              verdict.decision().level().label() + ":" + verdict.decision().version(),
              verdict.decision().allowed()
                  ? "allowed"
                  : "denied: "
                      + verdict.decision().violations().stream()
                          .map(v -> v.reason())
                          .collect(Collectors.joining(", "))
            });
      }
      TextTable.print(printer, rows);
      printer.println();
    }
    if (decision.reported().isEmpty()) {
      printer.println("No findings.");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SEVERITY", "ID", "LOCATION", "RESOURCE", "MESSAGE"});
      Map<String, KubernetesRule> rules = new LinkedHashMap<>();
      for (KubernetesFinding finding : decision.reported()) {
        rows.add(
            new String[] {
              finding.severity().name(),
              finding.ruleId(),
              finding.file() + ":" + finding.line(),
              finding.resource() == null ? "-" : finding.resource(),
              finding.message()
            });
        rules.putIfAbsent(finding.ruleId(), finding.rule());
      }
      TextTable.print(printer, rows);
      printer.println();
      printer.println("How to fix");
      for (KubernetesRule rule : rules.values()) {
        printer.println("  " + rule.id() + " " + rule.title() + ": " + rule.fix());
      }
    }
    for (KubernetesDecision.Suppressed expired : decision.expired()) {
      printer.println(
          "Note: the exception for "
              + expired.exception().id()
              + " ("
              + expired.exception().origin()
              + ") expired on "
              + expired.exception().expires()
              + "; "
              + expired.finding().resource()
              + " is reported again.");
    }
    printer.println();
    printer.println(summary(decision));
    printer.flush();
  }

  private static String summary(KubernetesDecision decision) {
    KubernetesLintResult result = decision.result();
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (KubernetesFinding finding : decision.reported()) {
      counts.merge(finding.severity(), 1, Integer::sum);
    }
    StringBuilder line =
        new StringBuilder()
            .append(result.files())
            .append(" files, ")
            .append(result.objects())
            .append(" objects; ")
            .append(decision.reported().size())
            .append(" findings");
    if (!counts.isEmpty()) {
      line.append(" (")
          .append(
              counts.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")))
          .append(")");
    }
    if (!decision.suppressed().isEmpty()) {
      line.append(", ").append(decision.suppressed().size()).append(" suppressed by exceptions");
    }
    if (decision.filteredOut() > 0) {
      line.append(", ").append(decision.filteredOut()).append(" below --severity");
    }
    if (!result.skippedKinds().isEmpty()) {
      line.append("; kinds no rule checks: ")
          .append(
              result.skippedKinds().entrySet().stream()
                  .map(e -> (e.getKey().isEmpty() ? "(none)" : e.getKey()) + " " + e.getValue())
                  .collect(Collectors.joining(", ")));
    }
    if (!result.skipped().isEmpty()) {
      line.append("; ")
          .append(result.skipped().size())
          .append(" documents were no Kubernetes object");
    }
    return line.toString();
  }
}
