package dev.portcullis.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes everything read through it and, at end of stream, fails unless the content hashes to the
 * expected digest. Callers must read to the end for the check to happen.
 */
final class VerifyingInputStream extends FilterInputStream {

  private final Digest expected;
  private final String what;
  private final MessageDigest hasher;
  private boolean verified;

  VerifyingInputStream(InputStream in, Digest expected, String what) {
    super(in);
    this.expected = expected;
    this.what = what;
    this.hasher = expected.newHasher();
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      verify();
    } else {
      hasher.update((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      verify();
    } else {
      hasher.update(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void verify() throws DigestMismatchException {
    if (verified) {
      return;
    }
    verified = true;
    byte[] actual = hasher.digest();
    if (!expected.matches(actual)) {
      Digest actualDigest =
          expected.algorithm().equals("sha256")
              ? Digest.sha256(actual)
              : new Digest(expected.algorithm(), HexFormat.of().formatHex(actual));
      throw new DigestMismatchException(what, expected, actualDigest);
    }
  }
}
