package dev.portcullis.files;

import java.io.BufferedOutputStream;
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

  /** What goes into the file, written as it is produced. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code file}; an existing file keeps its permissions, and a symbolic
   * link stays one: the file it names is replaced. The directory must exist. What is not a regular
   * file ({@code /dev/null}, {@code /dev/stdout}, a named pipe) is written to, never replaced: a
   * rename over it would put a plain file where the device or pipe was.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    replace(file, out -> out.write(content));
  }

  /**
   * As {@link #replace(Path, byte[])}, with content streamed into the file beside it: a report of
   * any size is never held in memory whole, and a failure half-way leaves the old file as it was.
   */
  public static void replace(Path file, Content content) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      if (Files.isDirectory(file)) {
        throw new IOException(file + " is a directory");
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      return;
    }
    Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
    Path temporary =
        Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
        content.writeTo(out);
      }
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
