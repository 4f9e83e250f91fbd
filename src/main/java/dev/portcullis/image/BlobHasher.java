package dev.portcullis.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Hashes a local blob from its first byte to its last on a thread of its own, while the caller
 * reads what it needs of the same blob at random. {@link #digest()} waits for the SHA-256.
 */
final class BlobHasher implements AutoCloseable {

  private static final int CHUNK = 1024 * 1024;

  private final FutureTask<byte[]> task;
  private volatile boolean closed;

  private BlobHasher(LocalBlob blob) {
    this.task = new FutureTask<>(() -> hash(blob));
  }

  /** Starts hashing at once. */
  static BlobHasher start(LocalBlob blob, String what) {
    BlobHasher hasher = new BlobHasher(blob);
    Thread thread = new Thread(hasher.task, "hash " + what);
    thread.setDaemon(true);
    thread.start();
    return hasher;
  }

  private byte[] hash(LocalBlob blob) throws IOException {
    MessageDigest sha256 = Digest.newSha256Hasher();
    byte[] chunk = new byte[CHUNK];
    try (SeekableByteChannel channel = blob.openChannel()) {
      ByteBuffer buffer = ByteBuffer.wrap(chunk);
      int read;
      while (!closed && (read = channel.read(buffer.clear())) >= 0) {
        sha256.update(chunk, 0, read);
      }
    }
    return sha256.digest();
  }

  /**
   * The SHA-256 of the blob's bytes, once all are read. A file shorter than the blob claims is
   * hashed as far as it goes, so that the digest check reports it.
   */
  byte[] digest() throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().toString(), e.getCause());
    }
  }

  /** Stops the hashing thread early; {@link #digest()} is then meaningless. */
  @Override
  public void close() {
    closed = true;
  }
}
