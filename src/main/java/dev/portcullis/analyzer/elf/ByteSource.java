package dev.portcullis.analyzer.elf;

import dev.portcullis.image.StoredContent;
import java.io.IOException;
import java.util.Objects;

/** Random access to a file's bytes that reads no further into the file than it is asked to. */
public interface ByteSource {

  /** The file's size as declared; reads past the data actually present come back short. */
  long size();

  /**
   * Reads up to {@code length} bytes at {@code position}; fewer only where the data ends.
   *
   * @return the number of bytes read, 0 at or past the end
   */
  int read(long position, byte[] buffer, int offset, int length) throws IOException;

  /** A source over a file's content stored on disk, read where asked and nowhere else. */
  static ByteSource of(StoredContent stored) {
    Objects.requireNonNull(stored);
    return new ByteSource() {
      @Override
      public long size() {
        return stored.size();
      }

      @Override
      public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        return stored.readAt(position, buffer, offset, length);
      }
    };
  }

  /** A source over bytes already in memory (small files, tests). */
  static ByteSource of(byte[] bytes) {
    Objects.requireNonNull(bytes);
    return new ByteSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public int read(long position, byte[] buffer, int offset, int length) {
        if (position < 0 || position >= bytes.length) {
          return 0;
        }
        int n = (int) Math.min(length, bytes.length - position);
        System.arraycopy(bytes, (int) position, buffer, offset, n);
        return n;
      }
    };
  }
}
