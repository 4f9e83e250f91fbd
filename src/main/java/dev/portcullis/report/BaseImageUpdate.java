package dev.portcullis.report;

import dev.portcullis.baseimage.VulnerabilityDelta;
import dev.portcullis.match.Finding;
import java.util.Set;

/**
 * The newest compatible build of the base image, and which of the findings that came with the base
 * it no longer has; or why that is not known.
 *
 * @param image the newer base by tag, as the base was named ({@code HOST/base:1.1})
 * @param tag its tag, the base's own when only the tag's digest moved (a rebuild)
 * @param digest the digest its tag names now
 * @param fixed the keys ({@link VulnerabilityDelta#key}) of the base's findings the newer base no
 *     longer has
 * @param problem why no newer base could be told; null when one could (or none is newer: then
 *     {@code image} is null)
 */
public record BaseImageUpdate(
    String image, String tag, String digest, Set<String> fixed, String problem) {

  public BaseImageUpdate {
    fixed = Set.copyOf(fixed);
  }

  /** No newer compatible tag, and the base's own tag names the same build. */
  public static BaseImageUpdate notFound(String why) {
    return new BaseImageUpdate(null, null, null, Set.of(), why);
  }

  /** Whether a newer base image was found. */
  public boolean found() {
    return image != null;
  }

  /** Whether updating the base image removes this finding. */
  public boolean fixes(Finding finding) {
    return found() && fixed.contains(VulnerabilityDelta.key(finding));
  }

  /** {@code TAG@DIGEST}, as "fixed by updating the base image to …" says it. */
  public String target() {
    return tag + "@" + digest;
  }
}
