package dev.portcullis.image;

import java.util.List;
import java.util.Map;

/**
 * An image whose manifest and config have been read and checked: everything but the layer content.
 *
 * @param name what the user asked for, as given
 * @param manifestDigest digest of the manifest; null where the source has no manifest blob
 * @param configDigest digest of the config blob; null where there is none
 * @param repoTags tags the source records for the image
 * @param annotations the image manifest's annotations (the base image's name and digest among
 *     them); empty where the source has no manifest
 */
public record ResolvedImage(
    String name,
    Digest manifestDigest,
    Digest configDigest,
    List<String> repoTags,
    ImageConfig config,
    List<LayerRef> layers,
    Map<String, String> annotations) {

  public ResolvedImage {
    repoTags = List.copyOf(repoTags);
    layers = List.copyOf(layers);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** An image whose source records no manifest annotations. */
  public ResolvedImage(
      String name,
      Digest manifestDigest,
      Digest configDigest,
      List<String> repoTags,
      ImageConfig config,
      List<LayerRef> layers) {
    this(name, manifestDigest, configDigest, repoTags, config, layers, Map.of());
  }
}
