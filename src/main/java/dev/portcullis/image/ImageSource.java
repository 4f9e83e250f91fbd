package dev.portcullis.image;

import java.io.Closeable;
import java.io.IOException;

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
   * What can be read beside the file at {@code path}; nothing, unless the source is a directory.
   */
  default SiblingFiles siblingsOf(String path) {
    return SiblingFiles.NONE;
  }

  @Override
  default void close() throws IOException {}
}
