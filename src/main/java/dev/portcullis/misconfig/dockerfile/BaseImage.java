package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.registry.ImageReference;
import java.util.List;

/**
 * What a FROM builds on: an image, {@code scratch}, an earlier stage, or something that cannot be
 * known without build arguments.
 *
 * @param written the image as written in the FROM line
 * @param resolved the image after substituting the ARGs declared before the first FROM (an ARG
 *     without a value expands to nothing, as in the builder)
 * @param reference the parsed image reference (Docker Hub defaults filled in); null unless {@link
 *     Kind#IMAGE}
 * @param tag the tag as written after substitution; null when none is written (which means {@code
 *     latest}); empty when it comes from a variable without a value, or a digest follows, so that
 *     only the build decides
 * @param parentStage the index of the stage it builds on, or -1
 * @param unset the variables that had no value, and why
 */
public record BaseImage(
    Kind kind,
    String written,
    String resolved,
    ImageReference reference,
    String tag,
    int parentStage,
    List<UnsetArg> unset) {

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

  /**
   * A build variable that a FROM uses and that has no value there.
   *
   * @param why why it has none, as a clause: "TAG is declared without a default"
   */
  public record UnsetArg(String name, String why) {}

  public BaseImage {
    unset = List.copyOf(unset);
  }

  public boolean isImage() {
    return kind == Kind.IMAGE;
  }

  /** Whether a tag is written (a missing tag means {@code latest}). */
  public boolean tagGiven() {
    return tag != null;
  }

  /** The names of the variables without a value. */
  public List<String> unresolved() {
    return unset.stream().map(UnsetArg::name).toList();
  }

  /** Why the variables have no value, joined: "TAG is declared without a default". */
  public String whyUnset() {
    return String.join("; ", unset.stream().map(UnsetArg::why).toList());
  }
}
