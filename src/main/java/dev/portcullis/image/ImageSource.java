package dev.portcullis.image;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * Where an image's bytes come from: an archive, a layout directory, a registry, a root filesystem.
 */
public interface ImageSource extends Closeable {

  /** The source as the user named it, for messages and reports. */
  String describe();

  /** Reads and checks the manifest and config. */
  ResolvedImage resolve() throws IOException;

  /**
   * Streams one layer's entries to the visitor, once, checking every digest the source records. A
   * mismatch or a malformed archive is an {@link InputException}.
   */
  void walkLayer(LayerRef layer, Limits limits, EntryVisitor visitor) throws IOException;

  /**
   * Where one layer's blob lies on local disk; empty where the source reads it from elsewhere (a
   * registry) or has no blob for it (a root filesystem).
   */
  default Optional<LocalBlob> localBlob(LayerRef layer) throws IOException {
    return Optional.empty();
  }

  /**
   * Checks one layer's digests as {@link #walkLayer} does, without visiting its entries: for a
   * layer whose analysis is cached. A mismatch is a {@link DigestMismatchException}.
   */
  default void verifyLayer(LayerRef layer, Limits limits) throws IOException {
    walkLayer(layer, limits, entry -> {});
  }

  /**
   * What can be read beside the file at {@code path}; nothing, unless the source is a directory.
   */
  default SiblingFiles siblingsOf(String path) {
    return SiblingFiles.NONE;
  }

  @Override
  default void close() throws IOException {}
}
