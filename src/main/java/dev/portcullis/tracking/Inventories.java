package dev.portcullis.tracking;

import dev.portcullis.artifact.SbomFiles;
import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.report.InventoryWriter;
import dev.portcullis.report.JsonInventoryReader;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import dev.portcullis.store.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The inventories the store keeps, one per digest: what a rescan re-matches instead of reading the
 * image again. An inventory made by these analyzers is current; one made by other analyzers (an
 * older Portcullis, or the tool behind a CycloneDX SBOM) is still matched, and an image that can be
 * pulled again is read anew when the analyzers change.
 */
public final class Inventories {

  private final Store store;

  public Inventories(Store store) {
    this.store = store;
  }

  /** The analyzer version of inventories this build makes: {@code portcullis:VERSION}. */
  public static String currentAnalyzerVersion() {
    return analyzerVersion(ToolInfo.buildVersion());
  }

  /** The analyzer version of a Portcullis JSON inventory written by that tool version. */
  public static String analyzerVersion(String portcullisVersion) {
    return "portcullis:" + portcullisVersion;
  }

  /** An inventory this server made, as the store keeps it: Portcullis JSON. */
  public static StoredInventory of(Inventory inventory) {
    ByteArrayOutputStream document = new ByteArrayOutputStream();
    try {
      InventoryWriter.forFormat(ReportFormat.JSON).write(inventory, ToolInfo.current(), document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StoredInventory(
        currentAnalyzerVersion(), StoredInventory.PORTCULLIS_JSON, document.toByteArray());
  }

  /**
   * The inventory stored for a digest, if any.
   *
   * @throws dev.portcullis.store.StoreException when the store cannot be read
   */
  public Optional<StoredInventory> find(String digest) {
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT analyzer_version, media_type, content FROM inventory WHERE digest = ?")) {
            select.setString(1, digest);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new StoredInventory(
                      rows.getString(1), rows.getString(2), gunzip(rows.getBytes(3))));
            }
          }
        });
  }

  /**
   * Reads a stored inventory back into the value the matcher takes.
   *
   * @throws InputException when the document no longer parses (a schema this build cannot read)
   */
  public static Inventory read(StoredInventory stored) throws InputException {
    if (stored.mediaType().equals(StoredInventory.CYCLONEDX_JSON)) {
      return SbomFiles.parse(stored.document(), Path.of("stored.cdx.json"));
    }
    return new JsonInventoryReader().read(stored.document(), "the stored inventory");
  }

  private static byte[] gunzip(byte[] content) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("a stored inventory is not gzip", e);
    }
  }
}
