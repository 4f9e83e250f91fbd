package dev.portcullis.report;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.Package;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for people: the image, its OS, its layers, then one row per package. */
final class TableWriter implements InventoryWriter {

  private static final int MAX_COMMAND = 60;

  @Override
  public void write(Inventory inventory, ToolInfo tool, OutputStream out) {
    PrintWriter printer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    printer.println(
        inventory.image().name()
            + (inventory.os() == null
                ? " (operating system not detected)"
                : " (" + inventory.os().prettyName() + ")"));
    Attribution attribution = inventory.attribution();
    if (attribution != null) {
      printer.println(AttributionText.line(attribution));
    }
    printer.println();
    List<String[]> layerRows = new ArrayList<>();
    layerRows.add(
        withOrigin(attribution, new String[] {"LAYER", "DIFF ID", "CREATED BY"}, "ORIGIN"));
    for (LayerInfo layer : inventory.layers()) {
      layerRows.add(
          withOrigin(
              attribution,
              new String[] {
                String.valueOf(layer.index()),
                shortDigest(layer.diffId()),
                shorten(layer.createdBy())
              },
              attribution == null ? null : attribution.originOf(layer).label()));
    }
    TextTable.print(printer, layerRows);
    printer.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        withOrigin(
            attribution,
            new String[] {"NAME", "VERSION", "ARCH", "SOURCE", "TYPE", "LAYER"},
            "ORIGIN"));
    for (Package pkg : inventory.packages()) {
      String source =
          pkg.sourceName().equals(pkg.name()) && pkg.sourceVersion().equals(pkg.version())
              ? ""
              : pkg.sourceName()
                  + (pkg.sourceVersion().equals(pkg.version()) ? "" : " " + pkg.sourceVersion());
      rows.add(
          withOrigin(
              attribution,
              new String[] {
                pkg.name(),
                pkg.version(),
                nullToEmpty(pkg.arch()),
                source,
                pkg.type(),
                pkg.layer() == null ? "" : String.valueOf(pkg.layer().index())
              },
              inventory.originOf(pkg).label()));
    }
    TextTable.print(printer, rows);
    printer.println();
    printer.println(
        "Total: "
            + inventory.packages().size()
            + " packages in "
            + inventory.layers().size()
            + " layers");
    for (String warning : inventory.warnings()) {
      printer.println("WARNING: " + warning);
    }
    printer.flush();
  }

  /**
   * The row with an ORIGIN column where the image's layers were attributed to a known base; where
   * the base is unknown the line above the table says why, and a column of "unknown" would add
   * nothing.
   */
  static String[] withOrigin(Attribution attribution, String[] row, String origin) {
    return withOrigin(attribution, row, origin, row.length);
  }

  /**
   * @param at the column's position: beside the layer it is about
   */
  static String[] withOrigin(Attribution attribution, String[] row, String origin, int at) {
    if (attribution == null || !attribution.isKnown()) {
      return row;
    }
    String[] longer = new String[row.length + 1];
    System.arraycopy(row, 0, longer, 0, at);
    longer[at] = origin;
    System.arraycopy(row, at, longer, at + 1, row.length - at);
    return longer;
  }

  private static String shortDigest(String digest) {
    if (digest == null) {
      return "-";
    }
    int colon = digest.indexOf(':');
    return digest.substring(0, Math.min(digest.length(), colon + 13));
  }

  private static String shorten(String command) {
    String flat = nullToEmpty(command).replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_COMMAND ? flat : flat.substring(0, MAX_COMMAND - 1) + "…";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
