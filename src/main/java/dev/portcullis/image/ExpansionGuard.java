package dev.portcullis.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Fails once more than a limit has been read, or once the expansion ratio against a compressed
 * source gets implausible: the guard against decompression bombs.
 */
final class ExpansionGuard extends FilterInputStream {

  private final String what;
  private final Limits limits;
  private final LongSupplier compressedBytesRead;
  private long count;

  ExpansionGuard(InputStream in, String what, Limits limits, LongSupplier compressedBytesRead) {
    super(in);
    this.what = what;
    this.limits = limits;
    this.compressedBytesRead = compressedBytesRead;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      account(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      account(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    account(skipped);
    return skipped;
  }

  private void account(long n) throws InputException {
    count += n;
    if (count > limits.maxLayerBytes()) {
      throw new InputException(
          what
              + ": expands beyond "
              + limits.maxLayerBytes()
              + " bytes, the limit for one layer (decompression bomb?)");
    }
    if (count > limits.ratioCheckAfterBytes()) {
      long compressed = Math.max(1, compressedBytesRead.getAsLong());
      if (count / compressed > limits.maxCompressionRatio()) {
        throw new InputException(
            what
                + ": expands more than "
                + limits.maxCompressionRatio()
                + " times its compressed size (decompression bomb?)");
      }
      if (count > limits.workFreeBytes() && count / compressed > limits.maxWorkRatio()) {
        throw new InputException(
            what
                + ": expands beyond "
                + limits.workFreeBytes()
                + " bytes at more than "
                + limits.maxWorkRatio()
                + " times its compressed size, the work budget for one layer (decompression"
                + " bomb?)");
      }
    }
  }
}
