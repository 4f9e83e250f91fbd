package dev.portcullis.cluster;

import dev.portcullis.image.Digest;

/**
 * Reads the digest out of a container status's {@code imageID}, whose form depends on the runtime.
 */
final class ImageIds {

  private ImageIds() {}

  /**
   * The repository digest (of the manifest or image index that was pulled) in an {@code imageID},
   * or null when it holds none. Never throws: the value comes from the cluster.
   *
   * <ul>
   *   <li>{@code docker-pullable://repo@sha256:…} (dockershim, cri-dockerd): a repository digest.
   *   <li>{@code repo@sha256:…} (containerd, CRI-O): a repository digest.
   *   <li>{@code docker://sha256:…} (dockershim, cri-dockerd, for an image that has no repository
   *       digest, such as one built on the node) and a bare {@code sha256:…} (containerd and CRI-O
   *       in the same case, e.g. an image loaded with {@code kind load}): the image ID, which is
   *       the digest of the image's config blob. No registry serves a manifest under it, so it
   *       cannot be matched to a pushed image; treated as unknown.
   * </ul>
   */
  static Digest repositoryDigest(String imageId) {
    if (imageId == null || imageId.isBlank()) {
      return null;
    }
    String id = imageId.strip();
    if (id.startsWith("docker://")) {
      return null;
    }
    if (id.startsWith("docker-pullable://")) {
      id = id.substring("docker-pullable://".length());
    } else if (id.contains("://")) {
      return null;
    }
    int at = id.lastIndexOf('@');
    if (at <= 0) {
      return null;
    }
    try {
      return Digest.parse(id.substring(at + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
