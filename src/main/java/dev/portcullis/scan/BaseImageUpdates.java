package dev.portcullis.scan;

import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Inventory;
import java.io.IOException;
import java.util.Optional;

/** Finds and reads the newest compatible build of an image's base image. */
@FunctionalInterface
public interface BaseImageUpdates {

  /**
   * The newer base and its inventory (packages only); empty when no newer build exists.
   *
   * @param base a known attribution that names its base image
   * @throws IOException saying what was asked of which registry and why it failed
   */
  Optional<NewerBase> newest(Attribution base) throws IOException;

  /**
   * @param image by tag, as the base was named
   * @param tag the tag moved to
   * @param digest what the tag names now
   */
  record NewerBase(String image, String tag, String digest, Inventory inventory) {}
}
