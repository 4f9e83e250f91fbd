package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.misconfig.dockerfile.LintDecision;
import dev.portcullis.misconfig.dockerfile.LintFinding;
import dev.portcullis.misconfig.dockerfile.Rule;
import dev.portcullis.misconfig.dockerfile.SuppressedFinding;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for Dockerfile findings, as GitHub code scanning reads it: one rule per rule id with
 * its fix and its hadolint and Trivy ids, one result per finding at its file and lines; suppressed
 * findings are results with a {@code suppressions} entry (in source for inline comments, external
 * for policy exceptions).
 */
final class LintSarifWriter implements LintReportWriter {

  private final ReportJson json = new ReportJson();

  @Override
  public void write(LintDecision decision, ToolInfo tool, OutputStream out) throws IOException {
    SarifFrame frame = SarifFrame.create(json, tool);
    ObjectNode run = frame.run();
    ObjectNode driver = frame.driver();
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (LintFinding finding : decision.reported()) {
      addResult(results, finding, index(rules, ruleIndex, finding.rule()), null);
    }
    for (SuppressedFinding suppressed : decision.suppressed()) {
      addResult(
          results,
          suppressed.finding(),
          index(rules, ruleIndex, suppressed.finding().rule()),
          suppressed);
    }
    run.putArray("invocations").addObject().put("executionSuccessful", true);
    run.put("columnKind", "utf16CodeUnits");
    json.write(frame.document(), out);
  }

  private static int index(ArrayNode rules, Map<String, Integer> indexes, Rule rule) {
    Integer index = indexes.get(rule.id());
    if (index == null) {
      index = indexes.size();
      indexes.put(rule.id(), index);
      addRule(rules, rule);
    }
    return index;
  }

  private static void addRule(ArrayNode rules, Rule rule) {
    ObjectNode node = rules.addObject();
    node.put("id", rule.id());
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.title());
    String help =
        rule.title()
            + "\nFix: "
            + rule.fix()
            + (rule.otherIds().isEmpty()
                ? ""
                : "\nAlso known as: " + String.join(", ", rule.otherIds()));
    node.putObject("help").put("text", help).put("markdown", help.replace("\n", "  \n"));
    node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    ObjectNode properties = node.putObject("properties");
    properties.put("precision", "high");
    properties.put("security-severity", score(rule.severity()));
    ArrayNode tags = properties.putArray("tags").add("security").add("dockerfile");
    rule.otherIds().forEach(tags::add);
  }

  private static void addResult(
      ArrayNode results, LintFinding finding, int ruleIndex, SuppressedFinding suppressed) {
    ObjectNode result = results.addObject();
    result.put("ruleId", finding.ruleId());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(finding.severity()));
    result.putObject("message").put("text", finding.message());
    ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(finding.file()));
    physical
        .putObject("region")
        .put("startLine", finding.line())
        .put("endLine", Math.max(finding.line(), finding.endLine()));
    result
        .putObject("partialFingerprints")
        .put("portcullis/v1", finding.ruleId() + "/" + finding.file() + "/" + finding.message());
    if (suppressed != null) {
      result
          .putArray("suppressions")
          .addObject()
          .put("kind", suppressed.by().equals("inline") ? "inSource" : "external")
          .put("status", "accepted")
          .put(
              "justification",
              suppressed.reason()
                  + (suppressed.owner() == null ? "" : " (owner " + suppressed.owner() + ")"));
    }
  }

  /** A relative path stays relative (GitHub resolves it in the repository); others are URIs. */
  private static String uri(String file) {
    Path path = Path.of(file);
    if (path.isAbsolute()) {
      return path.toUri().toString();
    }
    return file.replace('\\', '/').replace(" ", "%20");
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      default -> "note";
    };
  }

  private static String score(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.0";
      case HIGH -> "7.0";
      case MEDIUM -> "4.0";
      default -> "2.0";
    };
  }
}
