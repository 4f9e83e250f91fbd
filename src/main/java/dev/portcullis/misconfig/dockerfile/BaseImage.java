package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.registry.ImageReference;
import java.util.List;

/**
 * What a FROM builds on: an image, {@code scratch}, an earlier stage, or something that cannot be
 * known without build arguments.
 *
 * @param written the image as written in the FROM line
 * @param resolved the image after substituting the ARGs declared before the first FROM
 * @param reference the parsed image reference (Docker Hub defaults filled in); null unless {@link
 *     Kind#IMAGE}
 * @param tagGiven whether a tag was written (a missing tag means {@code latest})
 * @param parentStage the index of the stage it builds on, or -1
 * @param unresolved variables that had no value
 */
public record BaseImage(
    Kind kind,
    String written,
    String resolved,
    ImageReference reference,
    boolean tagGiven,
    int parentStage,
    List<String> unresolved) {

  /** What kind of base a FROM names. */
  public enum Kind {
    IMAGE,
    SCRATCH,
    STAGE,
    /** A variable without a value: the image is chosen at build time. */
    UNRESOLVED,
    /** Not a valid image reference; the builder rejects it. */
    INVALID
  }

  public BaseImage {
    unresolved = List.copyOf(unresolved);
  }

  public boolean isImage() {
    return kind == Kind.IMAGE;
  }
}
