package dev.portcullis.report;

import dev.portcullis.misconfig.dockerfile.LintDecision;
import dev.portcullis.misconfig.dockerfile.LintFinding;
import dev.portcullis.misconfig.dockerfile.LintResult;
import dev.portcullis.misconfig.dockerfile.SuppressedFinding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The JSON report of {@code portcullis lint dockerfile} (docs/dockerfile-rules.md). */
final class LintJsonWriter implements LintReportWriter {

  static final int SCHEMA_VERSION = 1;

  private final ReportJson json = new ReportJson();

  /** The document's top level. */
  record Document(
      int schemaVersion,
      String tool,
      String toolVersion,
      String createdAt,
      List<JsonFile> files,
      Gate gate,
      List<JsonFinding> findings,
      List<JsonSuppression> suppressed,
      List<JsonSuppression> expiredExceptions) {}

  /** A linted file. */
  record JsonFile(String path, int stages, int instructions, String finalImage) {

    static JsonFile of(LintResult result) {
      var file = result.file();
      return new JsonFile(
          file.path(),
          file.stages().size(),
          file.instructions().size(),
          file.finalStage() == null ? null : file.finalStage().base().resolved());
    }
  }

  /** The gate's decision. */
  record Gate(boolean failed, int exitCode, int reported, int filteredOut) {}

  /** One finding. */
  record JsonFinding(
      String ruleId,
      List<String> aliases,
      String severity,
      String title,
      String message,
      String fix,
      String file,
      int line,
      int endLine,
      String stage) {

    static JsonFinding of(LintFinding f) {
      return new JsonFinding(
          f.ruleId(),
          f.aliases(),
          f.severity().name(),
          f.rule().title(),
          f.message(),
          f.rule().fix(),
          f.file(),
          f.line(),
          f.endLine(),
          f.stage());
    }
  }

  /** A finding with what suppressed it. */
  record JsonSuppression(
      JsonFinding finding,
      String by,
      String id,
      String reason,
      String owner,
      String expires,
      String origin) {

    static JsonSuppression of(SuppressedFinding s) {
      return new JsonSuppression(
          JsonFinding.of(s.finding()),
          s.by(),
          s.id(),
          s.reason(),
          s.owner(),
          s.expires() == null ? null : s.expires().toString(),
          s.origin());
    }
  }

  @Override
  public void write(LintDecision decision, ToolInfo tool, OutputStream out) throws IOException {
    json.write(
        new Document(
            SCHEMA_VERSION,
            tool.name(),
            tool.version(),
            tool.created().toString(),
            decision.files().stream().map(JsonFile::of).toList(),
            new Gate(
                decision.failed(),
                decision.exitCode(),
                decision.reported().size(),
                decision.filteredOut()),
            decision.reported().stream().map(JsonFinding::of).toList(),
            decision.suppressed().stream().map(JsonSuppression::of).toList(),
            decision.expired().stream().map(JsonSuppression::of).toList()),
        out);
  }
}
