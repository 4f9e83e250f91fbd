package dev.portcullis.attribution;

import dev.portcullis.image.ResolvedImage;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;

/** Where the base image's manifest and config are read: its registry. */
@FunctionalInterface
public interface BaseImages {

  /**
   * The base image's manifest and config (its layers' diffIDs), without its layers' content.
   *
   * @throws IOException saying what was asked of which registry and why it failed
   */
  ResolvedImage resolve(ImageReference image) throws IOException;
}
