package dev.portcullis.image;

import java.io.IOException;
import java.util.Optional;

/**
 * The files beside one file, where the source can read them at will: a project's {@code
 * package.json} beside its {@code yarn.lock}. Only directories offer them; an image layer streams
 * forward once, so its files have none.
 */
public interface SiblingFiles {

  /** Nothing beside the file can be read. */
  SiblingFiles NONE = (name, maxBytes) -> Optional.empty();

  /**
   * The content of the regular file {@code name} in the same directory, if there is one (never
   * through a symlink) and it is not larger than {@code maxBytes}.
   */
  Optional<byte[]> read(String name, long maxBytes) throws IOException;
}
