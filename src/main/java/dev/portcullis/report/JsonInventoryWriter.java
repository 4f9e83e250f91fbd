package dev.portcullis.report;

import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** Portcullis' own JSON model of an inventory, documented in docs/json-format.md. */
final class JsonInventoryWriter implements InventoryWriter {

  /** Bumped on any incompatible change of the document's shape. */
  static final int SCHEMA_VERSION = 1;

  private final ReportJson json = new ReportJson();

  /** The document's top level. */
  record Document(
      int schemaVersion,
      String tool,
      String toolVersion,
      String createdAt,
      ImageInfo image,
      OsRelease os,
      List<LayerInfo> layers,
      List<Package> packages,
      List<String> warnings) {}

  @Override
  public void write(Inventory inventory, ToolInfo tool, OutputStream out) throws IOException {
    Document document =
        new Document(
            SCHEMA_VERSION,
            tool.name(),
            tool.version(),
            tool.created().toString(),
            inventory.image(),
            inventory.os(),
            inventory.layers(),
            inventory.packages(),
            inventory.warnings());
    json.write(document, out);
  }
}
