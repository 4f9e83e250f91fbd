package dev.portcullis.tracking;

import java.util.Objects;

/**
 * A digest's inventory as the store keeps it, so that a rescan re-matches it without reading a
 * layer again.
 *
 * @param analyzerVersion the version of the analyzers that made it: a newer one reads the image
 *     again
 * @param mediaType the document's format: {@link #PORTCULLIS_JSON} or {@link #CYCLONEDX_JSON}
 * @param document the document, uncompressed
 */
public record StoredInventory(String analyzerVersion, String mediaType, byte[] document) {

  public static final String PORTCULLIS_JSON = "application/vnd.portcullis.inventory.v1+json";
  public static final String CYCLONEDX_JSON = "application/vnd.cyclonedx+json";

  public StoredInventory {
    Objects.requireNonNull(analyzerVersion, "analyzerVersion");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(document, "document");
  }
}
