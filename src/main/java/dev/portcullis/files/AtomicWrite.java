package dev.portcullis.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * Replaces a file whole: the content is written beside it and moved over it, so that a reader, or a
 * failure half-way, never sees half a file.
 */
public final class AtomicWrite {

  private AtomicWrite() {}

  /**
   * Writes {@code content} to {@code file}; an existing file keeps its permissions, and a symbolic
   * link stays one: the file it names is replaced. The directory must exist. What is not a regular
   * file ({@code /dev/null}, {@code /dev/stdout}, a named pipe) is written to, never replaced: a
   * rename over it would put a plain file where the device or pipe was.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      if (Files.isDirectory(file)) {
        throw new IOException(file + " is a directory");
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(content);
      }
      return;
    }
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
