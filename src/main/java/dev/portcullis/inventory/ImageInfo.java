package dev.portcullis.inventory;

import java.util.List;

/**
 * What was scanned.
 *
 * @param name the source as the user named it
 * @param manifestDigest the image manifest's digest, where the source has one
 * @param configDigest the image id
 */
public record ImageInfo(
    String name,
    String manifestDigest,
    String configDigest,
    List<String> repoTags,
    String os,
    String architecture) {

  public ImageInfo {
    repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
  }
}
