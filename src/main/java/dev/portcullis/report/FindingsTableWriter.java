package dev.portcullis.report;

import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.match.Finding;
import dev.portcullis.policy.Suppression;
import dev.portcullis.policy.VulnerabilityException;
import dev.portcullis.vulndb.Severity;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Findings as a table for people: the target, totals by severity, then one row per finding. */
final class FindingsTableWriter implements ScanReportWriter {

  private static final int MAX_TITLE = 60;

  @Override
  public void write(ScanReport report, ToolInfo tool, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    String os =
        report.inventory().os() == null
            ? "operating system not detected"
            : report.inventory().os().prettyName();
    printer.println(report.inventory().image().name() + " (" + os + ")");
    printer.println(
        "=".repeat(Math.min(100, report.inventory().image().name().length() + os.length() + 3)));
    printer.println(totals(report.gate().reported()));
    if (report.gate().filteredOut() > 0) {
      printer.println(
          report.gate().filteredOut()
              + " more findings left out by --severity or --ignore-unfixed");
    }
    if (!report.gate().reported().isEmpty()) {
      printer.println();
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "PACKAGE",
            "VULNERABILITY",
            "SEVERITY",
            "STATUS",
            "INSTALLED",
            "FIXED IN",
            "LAYER",
            "TITLE"
          });
      for (Finding finding : report.gate().reported()) {
        rows.add(
            new String[] {
              finding.pkg().name(),
              finding.vulnerabilityId(),
              severity(finding),
              finding.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
              finding.pkg().version(),
              finding.fixedVersions().isEmpty()
                  ? "no fix"
                  : String.join(", ", finding.fixedVersions()),
              finding.pkg().layer() == null ? "" : String.valueOf(finding.pkg().layer().index()),
              shorten(finding.title())
            });
      }
      TextTable.print(printer, rows);
    }
    if (!report.gate().secrets().isEmpty()) {
      printer.println();
      printer.println("Secrets: " + report.gate().secrets().size());
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"RULE", "SEVERITY", "WHERE", "LAYER", "STATE", "MATCH (MASKED)"});
      for (SecretFinding secret : report.gate().secrets()) {
        rows.add(
            new String[] {
              secret.match().ruleId(),
              secret.match().severity().name(),
              secret.target() + ":" + secret.match().line(),
              secret.layer() == null ? "" : String.valueOf(secret.layer().index()),
              secret.visibility().label(),
              shorten(secret.match().match())
            });
      }
      TextTable.print(printer, rows);
    }
    if (!report.gate().suppressed().isEmpty()) {
      printer.println();
      printer.println("Suppressed by exceptions: " + report.gate().suppressed().size());
      report.gate().suppressed().forEach(s -> printer.println("  " + describe(s)));
    }
    if (!report.gate().expired().isEmpty()) {
      printer.println();
      printer.println(
          "Expired exceptions, no longer suppressing: " + report.gate().expired().size());
      report.gate().expired().forEach(s -> printer.println("  " + describe(s)));
    }
    if (!report.inventory().warnings().isEmpty()) {
      printer.println();
      report.inventory().warnings().forEach(w -> printer.println("WARNING: " + w));
    }
    printer.flush();
  }

  private static String describe(Suppression suppression) {
    VulnerabilityException exception = suppression.exception();
    return suppression.finding().vulnerabilityId()
        + " in "
        + suppression.finding().pkg().name()
        + ": "
        + exception.reason()
        + " (owner "
        + exception.owner()
        + (exception.expires() == null ? ", no expiry" : ", until " + exception.expires())
        + "; "
        + exception.origin()
        + ")";
  }

  private static String severity(Finding finding) {
    double score = finding.severity().score();
    return finding.severity().severity() + (Double.isNaN(score) ? "" : " " + score);
  }

  static String totals(List<Finding> findings) {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0L);
    }
    findings.forEach(f -> counts.merge(f.severity().severity(), 1L, Long::sum));
    return "Total: "
        + findings.size()
        + " ("
        + counts.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  private static String shorten(String title) {
    String flat = title == null ? "" : title.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_TITLE ? flat : flat.substring(0, MAX_TITLE - 1) + "…";
  }
}
