package dev.portcullis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Generates large hostile layer content as a stream, written straight to disk: a test of a 250 MB
 * package database holds a buffer of it, never the whole.
 */
public final class HostileLayers {

  private HostileLayers() {}

  /**
   * Exactly {@code size} bytes of numbered lines (the last one cut), generated as they are read.
   */
  public static InputStream lines(long size, LongFunction<String> line) {
    return new InputStream() {
      private long left = size;
      private long next;
      private byte[] current = new byte[0];
      private int position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        if (position == current.length) {
          current = line.apply(next++).getBytes(StandardCharsets.UTF_8);
          position = 0;
        }
        int n = (int) Math.min(Math.min(length, current.length - position), left);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        left -= n;
        return n;
      }
    };
  }

  /** A layer tar (gzip-compressed if asked) holding one regular file of {@code size} bytes. */
  public static Path singleFile(Path tar, String name, long size, InputStream content, boolean gzip)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(tar);
        OutputStream out = gzip ? new GZIPOutputStream(file, 64 * 1024) : file;
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      archive.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(size);
      entry.setMode(0644);
      archive.putArchiveEntry(entry);
      content.transferTo(archive);
      archive.closeArchiveEntry();
    }
    return tar;
  }
}
