package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Package;
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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Findings as a table for people: the target, totals by severity for each scanner that ran, then
 * one row per finding.
 */
final class FindingsTableWriter implements ScanReportWriter {

  private static final int MAX_TITLE = 60;

  /** After LAYER, whose origin it tells. */
  private static final int ORIGIN_COLUMN = 7;

  private final boolean groupByOrigin;

  FindingsTableWriter() {
    this(false);
  }

  /**
   * @param groupByOrigin findings of the base image first, then the application's, under a summary
   *     line that counts them
   */
  FindingsTableWriter(boolean groupByOrigin) {
    this.groupByOrigin = groupByOrigin;
  }

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
    Attribution attribution = report.inventory().attribution();
    BaseImageUpdate update = report.baseImageUpdate();
    if (attribution != null) {
      printer.println(AttributionText.line(attribution));
    }
    if (update != null) {
      printer.println(AttributionText.updateLine(update, report));
    }
    if (report.vulnerabilitiesScanned()) {
      printer.println("Vulnerabilities: " + totals(report.gate().reported()));
    } else {
      printer.println("Vulnerabilities: not scanned (--scanners without vuln)");
    }
    if (report.secretsScanned()) {
      printer.println("Secrets: " + secretTotals(report.gate().secrets()));
    }
    if (report.gate().filteredOut() > 0) {
      printer.println(
          report.gate().filteredOut()
              + " more findings left out by --severity or --ignore-unfixed");
    }
    List<Finding> reported = report.gate().reported();
    if (groupByOrigin && attribution != null) {
      printer.println(AttributionText.summary(report));
      reported = AttributionText.byOrigin(report);
    }
    if (!reported.isEmpty()) {
      printer.println();
      // Which copy: only a language package's file tells copies apart; an OS package's is the
      // package database every one of them shares.
      boolean anyCopies =
          report.gate().reported().stream().anyMatch(f -> !foundIn(f.pkg()).isEmpty());
      List<String[]> rows = new ArrayList<>();
      rows.add(
          withFoundIn(
              anyCopies,
              TableWriter.withOrigin(
                  attribution,
                  new String[] {
                    "PACKAGE",
                    "VULNERABILITY",
                    "SEVERITY",
                    "STATUS",
                    "INSTALLED",
                    "FIXED IN",
                    "LAYER",
                    "TITLE"
                  },
                  "ORIGIN",
                  ORIGIN_COLUMN),
              "FOUND IN"));
      for (Finding finding : reported) {
        rows.add(
            withFoundIn(
                anyCopies,
                TableWriter.withOrigin(
                    attribution,
                    new String[] {
                      finding.pkg().name(),
                      finding.vulnerabilityId(),
                      severity(finding),
                      finding.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                      finding.pkg().version(),
                      finding.fixedVersions().isEmpty()
                          ? "no fix"
                          : String.join(", ", finding.fixedVersions()),
                      finding.pkg().layer() == null
                          ? ""
                          : String.valueOf(finding.pkg().layer().index()),
                      shorten(finding.title())
                    },
                    AttributionText.originCell(report, finding),
                    ORIGIN_COLUMN),
                foundIn(finding.pkg())));
      }
      TextTable.print(printer, rows);
    }
    if (!report.gate().secrets().isEmpty()) {
      printer.println();
      // The count by severity heads the report; this heads the table.
      printer.println("Secrets:");
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

  private static String[] withFoundIn(boolean shown, String[] row, String foundIn) {
    if (!shown) {
      return row;
    }
    String[] longer = Arrays.copyOf(row, row.length + 1);
    longer[row.length] = foundIn;
    return longer;
  }

  /** The file a language package was found in; empty for an OS package. */
  private static String foundIn(Package pkg) {
    return pkg.managedByOs() || pkg.foundIn() == null ? "" : "/" + pkg.foundIn();
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

  private static String totals(List<Finding> findings) {
    return bySeverity(findings.stream().map(f -> f.severity().severity()).toList());
  }

  private static String secretTotals(List<SecretFinding> secrets) {
    return bySeverity(secrets.stream().map(s -> s.match().severity()).toList());
  }

  /** "3 (CRITICAL: 0, HIGH: 1, …)". */
  private static String bySeverity(List<Severity> severities) {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0L);
    }
    severities.forEach(severity -> counts.merge(severity, 1L, Long::sum));
    return severities.size()
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
