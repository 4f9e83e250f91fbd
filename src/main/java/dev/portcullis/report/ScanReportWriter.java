package dev.portcullis.report;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a scan report in one format. */
public interface ScanReportWriter {

  void write(ScanReport report, ToolInfo tool, OutputStream out) throws IOException;

  /**
   * The writer for a format, or an {@link IllegalArgumentException} naming the formats scans
   * support.
   */
  static ScanReportWriter forFormat(ReportFormat format) {
    return forFormat(format, false);
  }

  /**
   * @param groupByOrigin the table's findings grouped by origin under a summary line
   */
  static ScanReportWriter forFormat(ReportFormat format, boolean groupByOrigin) {
    return switch (format) {
      case TABLE -> new FindingsTableWriter(groupByOrigin);
      case JSON -> new FindingsJsonWriter();
      case SARIF -> new SarifWriter();
      case CYCLONEDX -> new CycloneDxVexWriter();
      default ->
          throw new IllegalArgumentException(
              "scan reports are written as table, json, sarif or cyclonedx; for SPDX use 'portcullis sbom'");
    };
  }
}
