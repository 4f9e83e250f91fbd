package dev.portcullis.tracking;

import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.Package;
import dev.portcullis.report.InventoryWriter;
import dev.portcullis.report.JsonInventoryReader;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the store knows of a digest's contents from its stored inventory: its SBOM, and which layer
 * brought each package in.
 */
public final class ImageContents {

  private final Inventories inventories;

  public ImageContents(Inventories inventories) {
    this.inventories = inventories;
  }

  /**
   * The digest's SBOM as CycloneDX JSON: a stored CycloneDX SBOM as it was submitted, a stored
   * Portcullis inventory written as {@code portcullis sbom --format cyclonedx} writes it. Empty
   * when no inventory is stored (the digest was submitted as a scan report).
   *
   * @throws InputException when the stored inventory cannot be read back
   */
  public Optional<byte[]> cycloneDx(String digest) throws InputException {
    Optional<StoredInventory> stored = inventories.find(digest);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    if (StoredInventory.CYCLONEDX_JSON.equals(stored.get().mediaType())) {
      return Optional.of(stored.get().document());
    }
    Inventory inventory = read(digest, stored.get());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      InventoryWriter.forFormat(ReportFormat.CYCLONEDX).write(inventory, ToolInfo.current(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(out.toByteArray());
  }

  /** Whether an inventory of the digest is stored. */
  public boolean stored(String digest) {
    return inventories.find(digest).isPresent();
  }

  /**
   * The layer that brought each package in, by {@link #key} of name and version; empty where the
   * stored inventory does not say (a CycloneDX SBOM, or none stored).
   */
  public Map<String, LayerInfo> layers(String digest) throws InputException {
    Optional<StoredInventory> stored = inventories.find(digest);
    if (stored.isEmpty() || !StoredInventory.PORTCULLIS_JSON.equals(stored.get().mediaType())) {
      return Map.of();
    }
    Map<String, LayerInfo> layers = new HashMap<>();
    for (Package pkg : read(digest, stored.get()).packages()) {
      if (pkg.layer() == null) {
        continue;
      }
      layers.putIfAbsent(key(pkg.name(), pkg.version()), pkg.layer());
      if (pkg.sourceName() != null) {
        layers.putIfAbsent(key(pkg.sourceName(), pkg.version()), pkg.layer());
      }
    }
    return layers;
  }

  /** How {@link #layers} names a package: its name (or source name) and installed version. */
  public static String key(String name, String version) {
    return name + "\u0000" + version;
  }

  private static Inventory read(String digest, StoredInventory stored) throws InputException {
    return new JsonInventoryReader().read(stored.document(), "the stored inventory of " + digest);
  }
}
