package dev.portcullis.tracking;

import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.Origin;
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
   * Where the digest's packages came from, as its stored inventory says.
   *
   * @param layers the layer that brought each package in, by {@link #key} of name and version
   * @param attribution which layers came with the base image; null where the inventory does not say
   *     (a CycloneDX SBOM, an inventory from before attribution, or none stored)
   */
  public record Placement(Map<String, LayerInfo> layers, Attribution attribution) {

    public Placement {
      layers = Map.copyOf(layers);
    }

    static final Placement NONE = new Placement(Map.of(), null);

    /** Whether the package came with the base image; UNKNOWN where that cannot be told. */
    public Origin origin(LayerInfo layer) {
      return attribution == null ? Origin.UNKNOWN : attribution.originOf(layer);
    }
  }

  /**
   * The layer that brought each package in and which layers are the base image's; empty where the
   * stored inventory does not say (a CycloneDX SBOM, or none stored).
   */
  public Placement placement(String digest) throws InputException {
    Optional<StoredInventory> stored = inventories.find(digest);
    if (stored.isEmpty() || !StoredInventory.PORTCULLIS_JSON.equals(stored.get().mediaType())) {
      return Placement.NONE;
    }
    Inventory inventory = read(digest, stored.get());
    Map<String, LayerInfo> layers = new HashMap<>();
    for (Package pkg : inventory.packages()) {
      if (pkg.layer() == null) {
        continue;
      }
      layers.putIfAbsent(key(pkg.name(), pkg.version()), pkg.layer());
      if (pkg.sourceName() != null) {
        layers.putIfAbsent(key(pkg.sourceName(), pkg.version()), pkg.layer());
      }
    }
    return new Placement(layers, inventory.attribution());
  }

  /**
   * How {@link Placement#layers} names a package: its name (or source name) and installed version.
   */
  public static String key(String name, String version) {
    return name + "\u0000" + version;
  }

  private static Inventory read(String digest, StoredInventory stored) throws InputException {
    return new JsonInventoryReader().read(stored.document(), "the stored inventory of " + digest);
  }
}
