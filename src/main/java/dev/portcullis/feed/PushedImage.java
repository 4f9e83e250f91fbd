package dev.portcullis.feed;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import java.util.Objects;

/**
 * A manifest or index a registry says was pushed: what the server queues a scan of.
 *
 * @param registry the registry host, with its port if it has one ({@code harbor.example:8443})
 * @param repository the repository inside the registry ({@code team/app})
 * @param tag the tag pushed, or null for a push by digest
 * @param mediaType the manifest's media type, or null when the notification does not say
 */
public record PushedImage(
    String registry, String repository, Digest digest, String tag, String mediaType) {

  public PushedImage {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
  }

  /** The reference to pull: by digest, so a tag moved since the push does not matter. */
  public ImageReference reference() {
    return new ImageReference(registry, repository, tag, digest);
  }
}
