package dev.portcullis.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a file whole: the content is written beside it and moved over it, so that a reader, or a
 * failure half-way, never sees half a file.
 */
public final class AtomicWrite {

  private AtomicWrite() {}

  /**
   * Writes {@code content} to {@code file}; an existing file keeps its permissions, and a symbolic
   * link stays one: the file it names is replaced. The directory must exist.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      Files.write(temporary, content);
      PosixFileAttributeView existing =
          Files.exists(target)
              ? Files.getFileAttributeView(target, PosixFileAttributeView.class)
              : null;
      if (existing != null) {
        Files.setPosixFilePermissions(temporary, existing.readAttributes().permissions());
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
