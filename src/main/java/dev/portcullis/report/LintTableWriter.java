package dev.portcullis.report;

import dev.portcullis.misconfig.dockerfile.LintDecision;
import dev.portcullis.misconfig.dockerfile.LintFinding;
import dev.portcullis.misconfig.dockerfile.LintResult;
import dev.portcullis.misconfig.dockerfile.Rule;
import dev.portcullis.misconfig.dockerfile.SuppressedFinding;
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

/** Dockerfile findings for people: totals, one row per finding, the fix for each rule. */
final class LintTableWriter implements LintReportWriter {

  @Override
  public void write(LintDecision decision, ToolInfo tool, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    List<LintResult> files = decision.files();
    printer.println(
        files.size() == 1
            ? files.get(0).file().path() + " (" + describe(files.get(0)) + ")"
            : files.size() + " Dockerfiles");
    printer.println(totals(decision.reported()));
    if (decision.filteredOut() > 0) {
      printer.println(decision.filteredOut() + " more findings left out by --severity");
    }
    if (!decision.reported().isEmpty()) {
      printer.println();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"LOCATION", "RULE", "ALIASES", "SEVERITY", "MESSAGE"});
      Map<String, Rule> rules = new LinkedHashMap<>();
      for (LintFinding finding : decision.reported()) {
        rows.add(
            new String[] {
              finding.file() + ":" + finding.line(),
              finding.ruleId(),
              String.join(",", finding.aliases()),
              finding.severity().name(),
              finding.message()
            });
        rules.putIfAbsent(finding.ruleId(), finding.rule());
      }
      TextTable.print(printer, rows);
      printer.println();
      printer.println("How to fix:");
      rules.values().stream()
          .sorted((a, b) -> a.id().compareTo(b.id()))
          .forEach(r -> printer.println("  " + r.id() + "  " + r.title() + ": " + r.fix()));
    }
    section(printer, "Suppressed: ", decision.suppressed());
    section(printer, "Expired exceptions, no longer suppressing: ", decision.expired());
    printer.flush();
  }

  private static String describe(LintResult result) {
    int stages = result.file().stages().size();
    return stages
        + (stages == 1 ? " stage, " : " stages, ")
        + result.file().instructions().size()
        + " instructions";
  }

  private static void section(PrintWriter printer, String title, List<SuppressedFinding> list) {
    if (list.isEmpty()) {
      return;
    }
    printer.println();
    printer.println(title + list.size());
    for (SuppressedFinding s : list) {
      LintFinding f = s.finding();
      String why =
          s.by().equals("inline")
              ? "inline ignore=" + s.id() + " (" + s.origin() + ")"
              : s.reason()
                  + " (owner "
                  + s.owner()
                  + (s.expires() == null ? ", no expiry" : ", until " + s.expires())
                  + "; "
                  + s.origin()
                  + ")";
      printer.println("  " + f.file() + ":" + f.line() + " " + f.ruleId() + ": " + why);
    }
  }

  static String totals(List<LintFinding> findings) {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity severity :
        List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
      counts.put(severity, 0L);
    }
    findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
    return "Total: "
        + findings.size()
        + " ("
        + counts.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }
}
