package dev.portcullis.attribution;

import dev.portcullis.baseimage.RegistryLookup;
import dev.portcullis.baseimage.TagSelector;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.scan.BaseImageUpdates;
import java.io.IOException;
import java.util.Optional;

/**
 * The newest compatible build of a base image, found as {@code base-image check} finds it: the
 * newest tag of the same variant and precision within its major version ({@link TagSelector}), else
 * the base's own tag when it names another build now (a rebuild upstream). Read by digest, so what
 * is judged is what the tag named when asked.
 */
public final class NewerBaseImages implements BaseImageUpdates {

  /** Reads the inventory of an image named as {@code scan image} names it. */
  @FunctionalInterface
  public interface InventoryOf {
    Inventory read(String source) throws IOException;
  }

  private final RegistryLookup registries;
  private final TagSelector selector;
  private final InventoryOf inventories;

  public NewerBaseImages(RegistryLookup registries, TagSelector selector, InventoryOf inventories) {
    this.registries = registries;
    this.selector = selector;
    this.inventories = inventories;
  }

  @Override
  public Optional<NewerBase> newest(Attribution base) throws IOException {
    ImageReference named;
    try {
      named = ImageReference.parse(base.baseImage());
    } catch (IllegalArgumentException e) {
      throw new InputException(base.baseImage() + ": " + e.getMessage());
    }
    if (named.tag() == null) {
      throw new InputException(
          base.baseImage() + " is named by digest alone: name its tag too to be offered updates");
    }
    String tag = selector.select(named.tag(), registries.tags(named)).update();
    if (tag == null) {
      tag = named.tag();
    }
    ImageReference byTag = new ImageReference(named.registry(), named.repository(), tag, null);
    Digest digest = registries.digest(byTag, tag);
    if (tag.equals(named.tag()) && digest.toString().equals(base.baseDigest())) {
      return Optional.empty();
    }
    ImageReference pinned = new ImageReference(named.registry(), named.repository(), tag, digest);
    Inventory inventory = inventories.read("registry:" + pinned);
    return Optional.of(
        new NewerBase(retagged(base.baseImage(), tag), tag, digest.toString(), inventory));
  }

  /** The base's name as it was written, with another tag and no digest. */
  private static String retagged(String written, String tag) {
    String name = written;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      name = name.substring(0, colon);
    }
    return name + ":" + tag;
  }
}
