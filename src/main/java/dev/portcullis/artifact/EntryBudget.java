package dev.portcullis.artifact;

import dev.portcullis.image.FileNode;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Limits;

/**
 * What the layer walks of one image may hold about their entries (path names and link targets), in
 * bytes, so that a layer of millions of entries or of very long names stops with an error before
 * the memory is spent, not after.
 */
final class EntryBudget {

  /** What holding one entry costs besides its names: the node, the strings, the map entry. */
  static final long BYTES_PER_ENTRY = 100;

  private final long limit;
  private long held;

  EntryBudget(Limits limits) {
    this.limit = limits.maxEntryIndexBytes();
  }

  /**
   * @param where the image and layer, for the message
   */
  void charge(FileNode node, String where) throws InputException {
    held +=
        BYTES_PER_ENTRY
            + node.path().length()
            + (node.linkTarget() == null ? 0 : node.linkTarget().length());
    if (held > limit) {
      throw new InputException(
          where
              + ": its entries and those of the layers below hold more than "
              + limit
              + " bytes of path names and link targets (counting "
              + BYTES_PER_ENTRY
              + " bytes per entry), the limit for one image");
    }
  }
}
