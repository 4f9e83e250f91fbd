package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file's content as it lies, uncompressed, in a layer on local disk: readable in order like any
 * stream, and also at any position, so that an analyzer that needs a few tables of a large file (an
 * executable's, say) reads those and nothing else. Readable only while its layer is visited.
 */
public final class StoredContent extends InputStream {

  private final FileChannel file;
  private final long start;
  private final long size;
  private long position;
  private long mark;
  private final byte[] oneByte = new byte[1];

  /**
   * @param file the layer's file, which the walker owns and closes; read only at given positions
   * @param start where the content begins in the file
   */
  StoredContent(FileChannel file, long start, long size) {
    this.file = file;
    this.start = start;
    this.size = size;
  }

  /** The content's size. */
  public long size() {
    return size;
  }

  /**
   * Reads up to {@code length} bytes at {@code at}, without moving the stream's position; fewer
   * only where the content (or a truncated file) ends.
   *
   * @return the number of bytes read, 0 at or past the end
   */
  public int readAt(long at, byte[] buffer, int offset, int length) throws IOException {
    if (at < 0 || at >= size || length <= 0) {
      return 0;
    }
    ByteBuffer target = ByteBuffer.wrap(buffer, offset, (int) Math.min(length, size - at));
    while (target.hasRemaining()) {
      int read = file.read(target, start + at + target.position() - offset);
      if (read < 0) {
        break;
      }
    }
    return target.position() - offset;
  }

  @Override
  public int read() throws IOException {
    return read(oneByte, 0, 1) <= 0 ? -1 : oneByte[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int read = readAt(position, buffer, offset, length);
    if (read == 0) {
      return -1;
    }
    position += read;
    return read;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, size - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, size - position);
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readLimit) {
    mark = position;
  }

  @Override
  public synchronized void reset() {
    position = mark;
  }
}
