package dev.portcullis.report;

import dev.portcullis.baseimage.BaseImageReport;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a base-image report in one format: table, JSON or Markdown (for a PR description). */
public interface BaseImageReportWriter {

  void write(BaseImageReport report, ToolInfo tool, OutputStream out) throws IOException;

  static BaseImageReportWriter forFormat(ReportFormat format) {
    return switch (format) {
      case TABLE -> new BaseImageTableWriter();
      case JSON -> new BaseImageJsonWriter();
      case MARKDOWN -> new BaseImageMarkdownWriter();
      default ->
          throw new IllegalArgumentException(
              "base-image reports are written as table, json or markdown");
    };
  }
}
