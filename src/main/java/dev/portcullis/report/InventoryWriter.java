package dev.portcullis.report;

import dev.portcullis.inventory.Inventory;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an inventory in one format. */
public interface InventoryWriter {

  void write(Inventory inventory, ToolInfo tool, OutputStream out) throws IOException;

  /** The writer for a format, or an {@link IllegalArgumentException} naming the SBOM formats. */
  static InventoryWriter forFormat(ReportFormat format) {
    return switch (format) {
      case TABLE -> new TableWriter();
      case JSON -> new JsonInventoryWriter();
      case CYCLONEDX -> new CycloneDxWriter();
      case SPDX_JSON -> new SpdxJsonWriter();
      case SARIF ->
          throw new IllegalArgumentException(
              "an SBOM is written as table, json, cyclonedx or spdx-json; SARIF is for 'portcullis scan'");
      case MARKDOWN ->
          throw new IllegalArgumentException(
              "an SBOM is written as table, json, cyclonedx or spdx-json; markdown is for"
                  + " 'portcullis base-image'");
    };
  }
}
