package dev.portcullis.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only window {@code [offset, offset + size)} onto a file channel, which it owns. Reading
 * stops at the window's end, or earlier where the file is shorter than the window claims (a
 * truncated archive): the reader then sees an early end of data, never bytes from outside.
 *
 * <p>Small reads are served from a buffer filled by one larger read: a tar reader asks for one
 * 512-byte header at a time, and in a layer of small files many headers lie in a few kilobytes.
 */
final class ChannelSlice implements SeekableByteChannel {

  private static final int BUFFER = 64 * 1024;

  private final FileChannel file;
  private final long offset;
  private final long size;
  private long position;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

  /** Where in the window the buffer's first byte lies; the buffer holds up to its limit. */
  private long bufferStart;

  ChannelSlice(FileChannel file, long offset, long size) {
    this.file = file;
    this.offset = offset;
    this.size = size;
    buffer.limit(0);
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    ensureOpen();
    long left = size - position;
    if (left <= 0) {
      return -1;
    }
    int wanted = (int) Math.min(target.remaining(), left);
    if (wanted >= BUFFER) {
      ByteBuffer window = target.slice();
      window.limit(wanted);
      return advance(target, file.read(window, offset + position));
    }
    if (!buffered(position) && fillBuffer() <= 0) {
      return -1;
    }
    int from = (int) (position - bufferStart);
    int n = Math.min(wanted, buffer.limit() - from);
    target.put(buffer.array(), from, n);
    position += n;
    return n;
  }

  private int advance(ByteBuffer target, int read) {
    if (read > 0) {
      position += read;
      target.position(target.position() + read);
    }
    return read;
  }

  private boolean buffered(long at) {
    return at >= bufferStart && at < bufferStart + buffer.limit();
  }

  private int fillBuffer() throws IOException {
    buffer.clear().limit((int) Math.min(BUFFER, size - position));
    int read = file.read(buffer, offset + position);
    buffer.flip();
    bufferStart = position;
    return read;
  }

  @Override
  public int write(ByteBuffer source) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!file.isOpen()) {
      throw new ClosedChannelException();
    }
  }
}
