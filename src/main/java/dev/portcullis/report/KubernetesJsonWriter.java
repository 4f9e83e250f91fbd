package dev.portcullis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.misconfig.kubernetes.FieldRef;
import dev.portcullis.misconfig.kubernetes.KubernetesDecision;
import dev.portcullis.misconfig.kubernetes.KubernetesFinding;
import dev.portcullis.misconfig.kubernetes.KubernetesLintResult;
import dev.portcullis.misconfig.kubernetes.PodVerdict;
import dev.portcullis.misconfig.kubernetes.PssDecision;
import dev.portcullis.misconfig.kubernetes.PssViolation;
import dev.portcullis.misconfig.kubernetes.ReadProblem;
import dev.portcullis.policy.VulnerabilityException;
import java.io.IOException;
import java.io.OutputStream;

/** The lint k8s result for programs: PSA verdicts, findings, suppressions, what was skipped. */
final class KubernetesJsonWriter implements KubernetesReportWriter {

  private final ReportJson json = new ReportJson();

  @Override
  public void write(KubernetesDecision decision, ToolInfo tool, OutputStream out)
      throws IOException {
    KubernetesLintResult result = decision.result();
    ObjectNode root = json.mapper().createObjectNode();
    root.put("tool", tool.name())
        .put("version", tool.version())
        .put("created", tool.created().toString());
    ObjectNode summary = root.putObject("summary");
    summary.put("files", result.files()).put("objects", result.objects());
    summary.put("findings", decision.reported().size());
    summary.put("suppressed", decision.suppressed().size());
    summary.put("filteredOut", decision.filteredOut());
    summary.put("exitCode", decision.exitCode());
    ObjectNode kinds = summary.putObject("skippedKinds");
    result.skippedKinds().forEach(kinds::put);
    ArrayNode skipped = summary.putArray("skippedDocuments");
    result.skipped().forEach(skipped::add);
    root.putPOJO("podSecurity", json.lazily(result.verdicts(), KubernetesJsonWriter::verdict));
    root.putPOJO("findings", json.lazily(decision.reported(), KubernetesJsonWriter::finding));
    root.putPOJO(
        "suppressed", json.lazily(decision.suppressed(), KubernetesJsonWriter::suppression));
    root.putPOJO(
        "expiredExceptions", json.lazily(decision.expired(), KubernetesJsonWriter::suppression));
    ArrayNode problems = root.putArray("problems");
    for (ReadProblem problem : result.problems()) {
      problems
          .addObject()
          .put("file", problem.file())
          .put("line", problem.line())
          .put("message", problem.message());
    }
    json.write(root, out);
  }

  private static void verdict(ObjectNode node, PodVerdict verdict) {
    node.put("resource", verdict.resource().ref());
    node.put("file", verdict.resource().file()).put("line", verdict.resource().line());
    node.put("level", verdict.decision().level().label());
    node.put("version", verdict.decision().version().toString());
    node.put("levelSource", verdict.levelSource());
    node.put("allowed", verdict.decision().allowed());
    node.put("message", verdict.decision().message());
    ObjectNode levels = node.putObject("levels");
    for (PssDecision each : verdict.levels()) {
      levels
          .putObject(each.level().label())
          .put("allowed", each.allowed())
          .put("message", each.message());
    }
    ArrayNode violations = node.putArray("violations");
    for (PssViolation violation : verdict.decision().violations()) {
      ObjectNode v = violations.addObject();
      v.put("check", violation.checkId())
          .put("reason", violation.reason())
          .put("detail", violation.detail());
      ArrayNode fields = v.putArray("fields");
      for (FieldRef field : violation.fields()) {
        fields.addObject().put("path", field.path()).put("line", field.line());
      }
    }
  }

  private static void finding(ObjectNode node, KubernetesFinding finding) {
    node.put("id", finding.ruleId());
    ArrayNode aliases = node.putArray("aliases");
    finding.aliases().forEach(aliases::add);
    node.put("severity", finding.severity().name());
    node.put("title", finding.rule().title());
    node.put("message", finding.message());
    node.put("fix", finding.rule().fix());
    node.put("file", finding.file()).put("line", finding.line());
    node.put("kind", finding.kind())
        .put("namespace", finding.namespace())
        .put("name", finding.name());
    node.put("field", finding.field());
  }

  private static void suppression(ObjectNode node, KubernetesDecision.Suppressed suppressed) {
    finding(node.putObject("finding"), suppressed.finding());
    VulnerabilityException e = suppressed.exception();
    ObjectNode exception = node.putObject("exception");
    exception.put("id", e.id()).put("reason", e.reason()).put("owner", e.owner());
    exception.put("expires", e.expires() == null ? null : e.expires().toString());
    exception.put("origin", e.origin());
  }
}
