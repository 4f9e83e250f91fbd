package dev.portcullis.report;

import dev.portcullis.misconfig.dockerfile.LintDecision;
import java.io.IOException;
import java.io.OutputStream;

/** Writes the findings of {@code portcullis lint dockerfile} in one format. */
public interface LintReportWriter {

  void write(LintDecision decision, ToolInfo tool, OutputStream out) throws IOException;

  /** The writer for a format, or an {@link IllegalArgumentException} naming the ones lint has. */
  static LintReportWriter forFormat(ReportFormat format) {
    return switch (format) {
      case TABLE -> new LintTableWriter();
      case JSON -> new LintJsonWriter();
      case SARIF -> new LintSarifWriter();
      default ->
          throw new IllegalArgumentException(
              "lint reports are written as table, json or sarif, not " + format.cliName());
    };
  }
}
