package dev.portcullis.analyzer.java;

import dev.portcullis.image.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A range of a file stored uncompressed in a layer read in place: an archive, or an archive stored
 * (not deflated) inside one. Readable at any position, as a zip's central directory is read, and in
 * order; never copied.
 */
final class StoredSlice implements SeekableByteChannel {

  /**
   * Reads smaller than this are served from a window of the slice read once: the zip reader reads a
   * central directory a header at a time, thousands of small reads that would each be a system
   * call.
   */
  private static final int WINDOW = 64 * 1024;

  private final StoredContent content;
  private final long start;
  private final long size;
  private long position;
  private byte[] window;
  private long windowAt;
  private int windowLength;

  StoredSlice(StoredContent content) {
    this(content, 0, content.size());
  }

  private StoredSlice(StoredContent content, long start, long size) {
    this.content = content;
    this.start = start;
    this.size = size;
  }

  /** The part of this slice from {@code offset} on, {@code length} bytes long at most. */
  StoredSlice slice(long offset, long length) {
    long from = Math.min(Math.max(0, offset), size);
    return new StoredSlice(content, start + from, Math.min(Math.max(0, length), size - from));
  }

  /** Reads up to {@code length} bytes at {@code at}; fewer only where the slice ends. */
  int readAt(long at, byte[] buffer, int offset, int length) throws IOException {
    if (at < 0 || at >= size || length <= 0) {
      return 0;
    }
    int wanted = (int) Math.min(length, size - at);
    if (wanted >= WINDOW / 4) {
      return content.readAt(start + at, buffer, offset, wanted);
    }
    if (window == null || at < windowAt || at + wanted > windowAt + windowLength) {
      if (window == null) {
        window = new byte[WINDOW];
      }
      windowAt = at;
      windowLength = content.readAt(start + at, window, 0, (int) Math.min(WINDOW, size - at));
    }
    int n = (int) Math.min(wanted, windowAt + windowLength - at);
    System.arraycopy(window, (int) (at - windowAt), buffer, offset, n);
    return n;
  }

  /** The slice as a stream from its first byte, for the streaming reader. */
  InputStream stream() {
    return new InputStream() {
      private long at;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        int n = readAt(at, buffer, offset, length);
        if (n <= 0) {
          return -1;
        }
        at += n;
        return n;
      }
    };
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    if (position >= size) {
      return -1;
    }
    int wanted = (int) Math.min(target.remaining(), size - position);
    int n;
    if (target.hasArray()) {
      n = readAt(position, target.array(), target.arrayOffset() + target.position(), wanted);
      target.position(target.position() + n);
    } else {
      byte[] bytes = new byte[wanted];
      n = readAt(position, bytes, 0, wanted);
      target.put(bytes, 0, n);
    }
    if (n <= 0) {
      return -1;
    }
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer source) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  /** The layer's file belongs to the walker, which closes it. */
  @Override
  public void close() {}
}
