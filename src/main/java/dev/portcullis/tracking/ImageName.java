package dev.portcullis.tracking;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import java.util.Objects;

/**
 * One image of one repository.
 *
 * @param repository the repository with its registry host: {@code registry.example.com/team/app},
 *     {@code docker.io/library/nginx}
 * @param digest the manifest digest, or the config digest (image id) where the source has no
 *     manifest (a docker-archive)
 * @param tag the tag it was pushed or submitted under; null if none
 */
public record ImageName(String repository, Digest digest, String tag) {

  public ImageName {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
    if (repository.isBlank() || repository.length() > 512) {
      throw new IllegalArgumentException("a repository name of 1 to 512 characters");
    }
    if (tag != null && (tag.isBlank() || tag.length() > 128)) {
      throw new IllegalArgumentException("a tag of 1 to 128 characters");
    }
  }

  /**
   * A repository's name as the store keeps it, with its registry: {@code nginx} is {@code
   * docker.io/library/nginx}.
   *
   * @throws IllegalArgumentException when the text names no repository
   */
  public static String repositoryNamed(String text) {
    ImageReference reference = ImageReference.parse(text);
    return reference.registry() + "/" + reference.repository();
  }
}
