package dev.portcullis.image;

import java.util.List;

/**
 * An image whose manifest and config have been read and checked: everything but the layer content.
 *
 * @param name what the user asked for, as given
 * @param manifestDigest digest of the manifest; null where the source has no manifest blob
 * @param configDigest digest of the config blob; null where there is none
 * @param repoTags tags the source records for the image
 */
public record ResolvedImage(
    String name,
    Digest manifestDigest,
    Digest configDigest,
    List<String> repoTags,
    ImageConfig config,
    List<LayerRef> layers) {

  public ResolvedImage {
    repoTags = List.copyOf(repoTags);
    layers = List.copyOf(layers);
  }
}
