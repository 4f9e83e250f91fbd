package dev.portcullis.inventory;

import java.util.List;
import java.util.Objects;

/**
 * Which of an image's layers came with its base image: the base's name and digest, how it was
 * identified, and its layers' diffIDs; or why that is unknown.
 *
 * @param method how the base image was identified (or was being identified when that failed); null
 *     when no way was tried
 * @param baseImage the base image's reference as named (annotation, FROM, flag), or null
 * @param baseDigest the digest of the base image's manifest, where known
 * @param baseDiffIds the diffIDs of the image's lowest layers, which are the base's, bottom first;
 *     empty for an image built from {@code scratch}
 * @param unknownReason why the base image's layers are not known; null when they are
 */
public record Attribution(
    Method method,
    String baseImage,
    String baseDigest,
    List<String> baseDiffIds,
    String unknownReason) {

  /** How the base image was identified, in the order they are tried. */
  public enum Method {
    ANNOTATION("annotation"),
    LABEL("label"),
    DOCKERFILE("dockerfile"),
    FLAG("flag"),
    /** The image's history, read as BuildKit writes it: a guess, and reports say so. */
    HISTORY_GUESS("history-guess");

    private final String label;

    Method(String label) {
      this.label = label;
    }

    /** As reports write it. */
    public String label() {
      return label;
    }
  }

  public Attribution {
    baseDiffIds = List.copyOf(baseDiffIds);
    if (unknownReason == null) {
      Objects.requireNonNull(method, "a known attribution needs its method");
    }
  }

  /** The base's layers are the image's layers with these diffIDs. */
  public static Attribution known(
      Method method, String baseImage, String baseDigest, List<String> baseDiffIds) {
    return new Attribution(method, baseImage, baseDigest, baseDiffIds, null);
  }

  /**
   * The base image could not be told.
   *
   * @param method the way that was tried and failed, or null
   * @param baseImage the base it named, or null
   */
  public static Attribution unknown(Method method, String baseImage, String reason) {
    Objects.requireNonNull(reason, "reason");
    return new Attribution(method, baseImage, null, List.of(), reason);
  }

  public boolean isKnown() {
    return unknownReason == null;
  }

  /** Whether the base was guessed from the history rather than identified. */
  public boolean isGuess() {
    return method == Method.HISTORY_GUESS;
  }

  /** Where a layer came from; a package or finding without a layer is of unknown origin. */
  public Origin originOf(LayerInfo layer) {
    if (!isKnown() || layer == null || layer.diffId() == null) {
      return Origin.UNKNOWN;
    }
    // By position as well as content: an application layer may repeat a base layer's bytes.
    int index = layer.index();
    return index < baseDiffIds.size() && baseDiffIds.get(index).equals(layer.diffId())
        ? Origin.BASE
        : Origin.APPLICATION;
  }

  /** The base as reports name it: {@code NAME@DIGEST}, the name alone, or the digest alone. */
  public String describeBase() {
    if (baseImage == null) {
      return baseDigest;
    }
    return baseDigest == null || baseImage.contains("@") ? baseImage : baseImage + "@" + baseDigest;
  }
}
