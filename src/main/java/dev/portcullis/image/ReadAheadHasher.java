package dev.portcullis.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a blob ahead on a second thread and hashes it there, so hashing overlaps with decompression
 * and tar parsing on the reader's thread. {@link #rawDigest()} is the SHA-256 of everything read,
 * available once the stream is exhausted.
 */
final class ReadAheadHasher extends InputStream {

  private static final int CHUNK = 256 * 1024;
  private static final int CHUNKS_IN_FLIGHT = 8;

  /** A filled buffer: {@code length} bytes of {@code bytes} are content. */
  private record Chunk(byte[] bytes, int length) {}

  private static final Chunk END_CHUNK = new Chunk(new byte[0], 0);

  private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT + 2);
  private final Thread reader;
  private volatile IOException failure;
  private volatile boolean closed;
  private volatile byte[] digest;
  private final AtomicLong bytesRead = new AtomicLong();
  private Chunk current = END_CHUNK;
  private int position;
  private boolean ended;

  ReadAheadHasher(InputStream source, String what) {
    this.reader = new Thread(() -> readAll(source), "read-ahead " + what);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  private void readAll(InputStream source) {
    MessageDigest hasher = Digest.newSha256Hasher();
    for (int i = 0; i < CHUNKS_IN_FLIGHT + 2; i++) {
      free.add(new byte[CHUNK]);
    }
    try (source) {
      while (!closed) {
        byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
        if (buffer == null) {
          continue; // the reader still holds every buffer; look again unless it closed
        }
        int length = source.readNBytes(buffer, 0, buffer.length);
        if (length == 0) {
          break;
        }
        hasher.update(buffer, 0, length);
        bytesRead.addAndGet(length);
        put(new Chunk(buffer, length));
      }
      digest = hasher.digest();
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        put(END_CHUNK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void put(Chunk chunk) throws InterruptedException {
    while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
      // the consumer is busy; wait for room
    }
  }

  /** The thread that reads ahead; visible for tests that check it ends. */
  Thread readerThread() {
    return reader;
  }

  /** Bytes the second thread has read from the source so far. */
  long compressedBytesRead() {
    return bytesRead.get();
  }

  /** The SHA-256 of the whole source, or null while it has not been read to its end. */
  byte[] rawDigest() {
    return ended ? digest : null;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (position == current.length()) {
      if (ended) {
        return -1;
      }
      if (current != END_CHUNK) {
        free.offer(current.bytes());
      }
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading ahead");
      }
      position = 0;
      if (current == END_CHUNK) {
        ended = true;
        if (failure != null) {
          throw failure;
        }
        return -1;
      }
    }
    int n = Math.min(length, current.length() - position);
    System.arraycopy(current.bytes(), position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current.length() - position;
  }

  @Override
  public void close() {
    closed = true;
    chunks.clear();
    current = END_CHUNK;
  }
}
