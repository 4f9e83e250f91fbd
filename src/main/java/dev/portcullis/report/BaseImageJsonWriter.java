package dev.portcullis.report;

import dev.portcullis.baseimage.BaseImageChange;
import dev.portcullis.baseimage.BaseImageCheck;
import dev.portcullis.baseimage.BaseImageReport;
import dev.portcullis.baseimage.Proposal;
import dev.portcullis.baseimage.VulnerabilityDelta;
import dev.portcullis.match.Finding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Base-image checks as JSON, documented in docs/base-images.md. */
final class BaseImageJsonWriter implements BaseImageReportWriter {

  private final ReportJson json = new ReportJson();

  record Document(
      int schemaVersion,
      String tool,
      String toolVersion,
      String createdAt,
      List<JsonCheck> checks,
      List<JsonChange> changes,
      List<String> outcome) {}

  record JsonCheck(
      String file,
      int line,
      String stage,
      String written,
      String image,
      String digest,
      String pinnedDigest,
      boolean tagMoved,
      String tier,
      JsonProposal update,
      JsonProposal majorUpdate,
      String note,
      String problem) {

    static JsonCheck of(BaseImageCheck check) {
      return new JsonCheck(
          check.from().file(),
          check.from().line(),
          check.from().stage(),
          check.from().written(),
          check.from().image() == null ? null : check.from().image().toString(),
          text(check.current()),
          text(check.pinned()),
          check.tagMoved(),
          check.tier() == null ? null : check.tier().label(),
          JsonProposal.of(check.update()),
          JsonProposal.of(check.majorUpdate()),
          check.note(),
          check.problem());
    }
  }

  record JsonProposal(String tag, String image, String digest, String tier, JsonDelta delta) {

    static JsonProposal of(Proposal proposal) {
      return proposal == null
          ? null
          : new JsonProposal(
              proposal.image().tag(),
              proposal.image().toString(),
              text(proposal.digest()),
              proposal.tier().label(),
              JsonDelta.of(proposal.delta()));
    }
  }

  /** Vulnerabilities removed and added, counted by severity and listed. */
  record JsonDelta(
      Map<String, Integer> removedBySeverity,
      Map<String, Integer> addedBySeverity,
      List<String> removed,
      List<String> added) {

    static JsonDelta of(VulnerabilityDelta delta) {
      if (delta == null) {
        return null;
      }
      return new JsonDelta(
          counts(delta.removed()), counts(delta.added()), ids(delta.removed()), ids(delta.added()));
    }

    private static Map<String, Integer> counts(List<Finding> findings) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      VulnerabilityDelta.bySeverity(findings).forEach((s, n) -> counts.put(s.name(), n));
      return counts;
    }

    private static List<String> ids(List<Finding> findings) {
      return findings.stream().map(f -> f.vulnerabilityId() + " " + f.pkg().name()).toList();
    }
  }

  record JsonChange(String file, int line, String from, String to, String reason) {

    static JsonChange of(BaseImageChange change) {
      return new JsonChange(
          change.check().from().file(),
          change.check().from().line(),
          change.written(),
          change.replacement(),
          change.reason().label());
    }
  }

  @Override
  public void write(BaseImageReport report, ToolInfo tool, OutputStream out) throws IOException {
    json.write(
        new Document(
            1,
            tool.name(),
            tool.version(),
            tool.created().toString(),
            report.checks().stream().map(JsonCheck::of).toList(),
            report.changes().stream().map(JsonChange::of).toList(),
            report.outcome()),
        out);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
