package dev.portcullis.baseimage;

import dev.portcullis.image.Digest;

/** Image references as FROM lines write them. */
final class References {

  private References() {}

  /**
   * The written reference with another tag and digest, its name kept exactly as written (registry,
   * namespace or Docker Hub's short form).
   *
   * @param digest to pin, or null for none
   */
  static String rewrite(String written, String tag, Digest digest) {
    String name = written;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      name = name.substring(0, colon);
    }
    return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
