package dev.portcullis.attribution;

import java.nio.file.Path;

/**
 * What the user told about an image's base, for images that do not record it.
 *
 * @param dockerfile the Dockerfile the image was built from, whose final stage's FROM names the
 *     base; null for none
 * @param baseImage the base image's reference; null for none
 */
public record BaseImageHints(Path dockerfile, String baseImage) {

  /** Nothing told: annotations, labels or the history decide. */
  public static final BaseImageHints NONE = new BaseImageHints(null, null);
}
