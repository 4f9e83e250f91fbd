package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.misconfig.kubernetes.KubernetesDecision;
import dev.portcullis.misconfig.kubernetes.KubernetesFinding;
import dev.portcullis.misconfig.kubernetes.KubernetesRule;
import dev.portcullis.misconfig.kubernetes.ReadProblem;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check (help is the fix, aliases as tags), one
 * result per finding at its manifest line, relative to the working directory.
 */
final class KubernetesSarifWriter implements KubernetesReportWriter {

  private final ReportJson json = new ReportJson();

  @Override
  public void write(KubernetesDecision decision, ToolInfo tool, OutputStream out)
      throws IOException {
    SarifFrame frame = SarifFrame.create(json, tool);
    ObjectNode run = frame.run();
    ObjectNode driver = frame.driver();
    driver.put(
        "informationUri", "https://kubernetes.io/docs/concepts/security/pod-security-standards/");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (KubernetesFinding finding : decision.reported()) {
      Integer index = ruleIndex.get(finding.ruleId());
      if (index == null) {
        index = ruleIndex.size();
        ruleIndex.put(finding.ruleId(), index);
        addRule(rules, finding.rule());
      }
      addResult(results, finding, index);
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (ReadProblem problem : decision.result().problems()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "error");
      notification.putObject("message").put("text", problem.describe());
    }
    for (String skipped : decision.result().skipped()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "note");
      notification.putObject("message").put("text", skipped);
    }
    run.put("columnKind", "utf16CodeUnits");
    json.write(frame.document(), out);
  }

  private static void addRule(ArrayNode rules, KubernetesRule rule) {
    ObjectNode node = rules.addObject();
    node.put("id", rule.id());
    node.put("name", rule.title().replaceAll("[^A-Za-z0-9]+", ""));
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.title());
    String help =
        rule.title()
            + "\nFix: "
            + rule.fix()
            + (rule.aliases().isEmpty()
                ? ""
                : "\nAlso known as: " + String.join(", ", rule.aliases()));
    node.putObject("help").put("text", help).put("markdown", help.replace("\n", "  \n"));
    node.putObject("defaultConfiguration").put("level", level(rule.severity()));
    ObjectNode properties = node.putObject("properties");
    properties.put("precision", "very-high");
    properties.put("security-severity", score(rule.severity()));
    ArrayNode tags =
        properties.putArray("tags").add("kubernetes").add("security").add(rule.severity().name());
    rule.aliases().forEach(tags::add);
  }

  private static void addResult(ArrayNode results, KubernetesFinding finding, int index) {
    ObjectNode result = results.addObject();
    result.put("ruleId", finding.ruleId());
    result.put("ruleIndex", index);
    result.put("level", level(finding.severity()));
    result
        .putObject("message")
        .put(
            "text",
            (finding.resource() == null ? "" : finding.resource() + ": ")
                + finding.message()
                + (finding.field() == null ? "" : "\nField: " + finding.field()));
    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(finding.file()));
    physical.putObject("region").put("startLine", Math.max(1, finding.line()));
    if (finding.resource() != null) {
      location
          .putArray("logicalLocations")
          .addObject()
          .put("name", finding.name() == null ? "" : finding.name())
          .put(
              "fullyQualifiedName",
              finding.resource() + (finding.field() == null ? "" : "#" + finding.field()))
          .put("kind", "object");
    }
    result
        .putObject("partialFingerprints")
        .put(
            "portcullis/v1",
            finding.ruleId()
                + "/"
                + finding.resource()
                + "/"
                + (finding.field() == null ? "" : finding.field()));
  }

  private static String uri(String file) {
    String path = file.replace('\\', '/');
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    return path.replace(" ", "%20");
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
      case LOW -> "2.0";
      default -> "0.0";
    };
  }
}
