package dev.portcullis.misconfig.kubernetes;

/**
 * The parts of a container image reference the checks need.
 *
 * @param tag the tag, or null when none is written
 * @param digest the digest, or null
 */
record ImageRef(String tag, String digest) {

  static ImageRef parse(String image) {
    String rest = image == null ? "" : image.strip();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    String tag = colon > slash ? rest.substring(colon + 1) : null;
    return new ImageRef(tag, digest);
  }

  boolean pinned() {
    return digest != null && !digest.isEmpty();
  }

  /** No tag, or the tag latest, and no digest: the image can change under the same name. */
  boolean floating() {
    return !pinned() && (tag == null || tag.isEmpty() || tag.equals("latest"));
  }
}
