package dev.portcullis.admission;

import dev.portcullis.image.Digest;
import dev.portcullis.registry.ImageReference;
import java.io.IOException;

/** Scans and records an image the store has never seen: the server's own scan of a pushed image. */
@FunctionalInterface
public interface ImageScanner {

  /**
   * Scans the digest and records the scan; returns when it is recorded.
   *
   * @throws IOException when the registry is down or the image cannot be read
   */
  void scan(ImageReference reference, Digest digest) throws IOException;
}
