package dev.portcullis.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.portcullis.inventory.Attribution;
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

  /** The document's top level, as it is read back (a package's or layer's origin is derived). */
  record Document(
      int schemaVersion,
      String tool,
      String toolVersion,
      String createdAt,
      ImageInfo image,
      OsRelease os,
      JsonAttribution attribution,
      List<LayerInfo> layers,
      List<Package> packages,
      List<String> warnings) {}

  /** The document's top level as it is written: each layer and package with its origin. */
  record Written(
      int schemaVersion,
      String tool,
      String toolVersion,
      String createdAt,
      ImageInfo image,
      OsRelease os,
      JsonAttribution attribution,
      List<LayerEntry> layers,
      List<PackageEntry> packages,
      List<String> warnings) {}

  /** A layer, and whether it is the base image's; {@code origin} absent where not asked. */
  record LayerEntry(@JsonUnwrapped LayerInfo layer, String origin) {}

  /** A package, and whether its layer is the base image's. */
  record PackageEntry(@JsonUnwrapped Package pkg, String origin) {}

  @Override
  public void write(Inventory inventory, ToolInfo tool, OutputStream out) throws IOException {
    Attribution attribution = inventory.attribution();
    Written document =
        new Written(
            SCHEMA_VERSION,
            tool.name(),
            tool.version(),
            tool.created().toString(),
            inventory.image(),
            inventory.os(),
            JsonAttribution.of(attribution),
            inventory.layers().stream()
                .map(
                    l ->
                        new LayerEntry(
                            l, attribution == null ? null : attribution.originOf(l).label()))
                .toList(),
            inventory.packages().stream()
                .map(
                    p ->
                        new PackageEntry(
                            p, attribution == null ? null : inventory.originOf(p).label()))
                .toList(),
            inventory.warnings());
    json.write(document, out);
  }
}
