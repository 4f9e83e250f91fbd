package dev.portcullis.attribution;

import dev.portcullis.image.Digest;
import dev.portcullis.image.ImageConfig.RuntimeConfig;
import dev.portcullis.image.LayerRef;
import dev.portcullis.image.ResolvedImage;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Attribution.Method;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Tells which of an image's layers came with its base image, the one way {@code scan}, {@code sbom}
 * and the server do. The base is identified by, in this order: the manifest's {@code
 * org.opencontainers.image.base.*} annotations, the same as config labels, the final stage's FROM
 * of the Dockerfile the user names, the image the user names; then its manifest and config are read
 * from its registry and its layers matched by diffID with the image's lowest layers. Without any of
 * these, the history is read as BuildKit writes it, and the result is called a guess.
 *
 * <p>The first way the image or the user offers decides: a base annotation that cannot be followed
 * makes the attribution unknown, with the reason, rather than silently falling back to a guess. No
 * failure here fails the scan.
 */
public final class BaseImageAttributor {

  public static final String BASE_NAME = "org.opencontainers.image.base.name";
  public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  private final BaseImages registry;
  private final BaseImageHints hints;
  private final DockerfileBase dockerfiles = new DockerfileBase();

  public BaseImageAttributor(BaseImages registry, BaseImageHints hints) {
    this.registry = registry;
    this.hints = hints;
  }

  /**
   * Which layers of a resolved image are its base image's; never throws for a base it cannot read.
   * Null for a source without layers to tell apart (a root filesystem, which has no diffIDs).
   */
  public Attribution attribute(ResolvedImage image) {
    if (image.layers().stream().anyMatch(l -> l.diffId() == null)) {
      return null;
    }
    Map<String, String> annotations = image.annotations();
    if (annotations.containsKey(BASE_NAME) || annotations.containsKey(BASE_DIGEST)) {
      return named(
          Method.ANNOTATION, annotations.get(BASE_NAME), annotations.get(BASE_DIGEST), image);
    }
    RuntimeConfig runtime = image.config().runtime();
    Map<String, String> labels =
        runtime == null || runtime.labels() == null ? Map.of() : runtime.labels();
    if (labels.containsKey(BASE_NAME) || labels.containsKey(BASE_DIGEST)) {
      return named(Method.LABEL, labels.get(BASE_NAME), labels.get(BASE_DIGEST), image);
    }
    if (hints.dockerfile() != null) {
      DockerfileBase.Found found = dockerfiles.finalBase(hints.dockerfile());
      if (found.problem() != null) {
        return Attribution.unknown(Method.DOCKERFILE, found.written(), found.problem());
      }
      if (found.scratch()) {
        return Attribution.known(Method.DOCKERFILE, "scratch", null, List.of());
      }
      return matched(Method.DOCKERFILE, found.written(), found.reference(), image);
    }
    if (hints.baseImage() != null) {
      return named(Method.FLAG, hints.baseImage(), null, image);
    }
    return HistoryGuess.guess(image);
  }

  /** A base named by a reference and, or, a digest. */
  private Attribution named(Method method, String name, String digestText, ResolvedImage image) {
    if (name == null || name.isBlank()) {
      return Attribution.unknown(
          method,
          null,
          "the "
              + method.label()
              + " names the base image's digest but not its name ("
              + BASE_NAME
              + "), so its registry cannot be asked");
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(name.strip());
      if (digestText != null && !digestText.isBlank()) {
        Digest digest = Digest.parse(digestText.strip());
        if (reference.digest() != null && !reference.digest().equals(digest)) {
          return Attribution.unknown(
              method,
              name,
              "the base image's name pins "
                  + reference.digest()
                  + " but its digest says "
                  + digest
                  + "; one of them is wrong");
        }
        reference =
            new ImageReference(
                reference.registry(), reference.repository(), reference.tag(), digest);
      }
    } catch (IllegalArgumentException e) {
      return Attribution.unknown(
          method,
          name,
          "the base image named by the " + method.label() + " is malformed: " + e.getMessage());
    }
    return matched(method, name.strip(), reference, image);
  }

  /** Reads the base from its registry and matches its layers with the image's lowest. */
  private Attribution matched(
      Method method, String name, ImageReference reference, ResolvedImage image) {
    ResolvedImage base;
    try {
      base = registry.resolve(reference);
    } catch (IOException e) {
      return Attribution.unknown(
          method,
          name,
          "the base image "
              + reference
              + " could not be read from its registry: "
              + e.getMessage());
    }
    List<LayerRef> own = image.layers();
    List<LayerRef> theirs = base.layers();
    boolean prefix = theirs.size() <= own.size();
    for (int i = 0; prefix && i < theirs.size(); i++) {
      prefix = theirs.get(i).diffId().equals(own.get(i).diffId());
    }
    String digest = base.manifestDigest() == null ? null : base.manifestDigest().toString();
    if (!prefix) {
      return Attribution.unknown(
          method,
          name,
          "the image's lowest layers are not the "
              + theirs.size()
              + " layers of the base image "
              + reference
              + (digest == null || reference.digest() != null ? "" : "@" + digest)
              + ": the image was built on another version of it"
              + (reference.digest() == null ? " (the tag may have moved since)" : ""));
    }
    List<String> diffIds = theirs.stream().map(l -> l.diffId().toString()).toList();
    return Attribution.known(method, name, digest, diffIds);
  }
}
