package dev.portcullis.analyzer.elf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access over a stream that can be read once: bytes are kept as far as a reader has asked
 * for them and no further. ELF files keep their section table, and the names of their sections, at
 * the end, so a reader must usually see the whole file before it knows which part it wanted; the
 * first {@value #IN_MEMORY} bytes stay in memory (most executables are smaller), the rest goes to a
 * temporary file that {@link #close} deletes. Memory stays bounded whatever the file's size, as
 * Trivy does it for large files.
 */
final class SpooledSource implements ByteSource, Closeable {

  static final int IN_MEMORY = 4 * 1024 * 1024;
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final long size;
  private final byte[] memory;
  private int inMemory;
  private Path spillPath;
  private FileChannel spill;
  private long spilled;
  private boolean ended;

  /**
   * @param prefix the bytes already taken from the stream (to recognise the file)
   */
  SpooledSource(byte[] prefix, InputStream in, long size) {
    this.in = in;
    this.size = Math.max(size, prefix.length);
    this.memory = new byte[(int) Math.min(IN_MEMORY, Math.max(this.size, prefix.length))];
    System.arraycopy(prefix, 0, memory, 0, prefix.length);
    this.inMemory = prefix.length;
  }

  @Override
  public long size() {
    return size;
  }

  /** How much of the stream has been read so far (for tests of the laziness). */
  long consumed() {
    return inMemory + spilled;
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    if (position < 0 || length <= 0 || position >= size) {
      return 0;
    }
    long end = Math.min(size, position + length);
    fill(end);
    end = Math.min(end, consumed());
    int done = 0;
    long at = position;
    if (at < inMemory) {
      int n = (int) Math.min(end - at, inMemory - at);
      System.arraycopy(memory, (int) at, buffer, offset, n);
      done += n;
      at += n;
    }
    while (at < end) {
      ByteBuffer target = ByteBuffer.wrap(buffer, offset + done, (int) (end - at));
      int n = spill.read(target, at - inMemory);
      if (n <= 0) {
        break;
      }
      done += n;
      at += n;
    }
    return done;
  }

  private void fill(long upTo) throws IOException {
    while (!ended && consumed() < upTo) {
      if (inMemory < memory.length) {
        int n = in.read(memory, inMemory, Math.min(CHUNK, memory.length - inMemory));
        if (n < 0) {
          ended = true;
        } else {
          inMemory += n;
        }
      } else {
        byte[] chunk = in.readNBytes((int) Math.min(CHUNK, Math.max(1, size - consumed())));
        if (chunk.length == 0) {
          ended = true;
          break;
        }
        if (spill == null) {
          spillPath = Files.createTempFile("portcullis-binary", ".spool");
          spill =
              FileChannel.open(
                  spillPath,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.DELETE_ON_CLOSE);
        }
        ByteBuffer data = ByteBuffer.wrap(chunk);
        while (data.hasRemaining()) {
          spill.write(data, spilled + data.position());
        }
        spilled += chunk.length;
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (spill != null) {
      spill.close();
      Files.deleteIfExists(spillPath);
    }
  }
}
