package dev.portcullis.analyzer.java;

import java.io.IOException;

/**
 * What a zip's end-of-central-directory record says, read before the directory itself, so that an
 * archive is read by its directory only where that is plainly bounded: a plain zip (not Zip64)
 * whose directory lies where the record says, with no more entries than the limit and at most
 * {@link #MAX_DIRECTORY_BYTES} of them. Anything else (data before the archive, a Zip64 archive, a
 * damaged record) is streamed from its first byte, as every archive was before.
 */
final class CentralDirectory {

  private static final int RECORD = 22;
  private static final int SIGNATURE = 0x06054b50;
  private static final int MAX_COMMENT = 0xffff;

  /**
   * The largest directory read in place. The zip reader keeps an object per entry and reads entries
   * as long as their signatures go on, whatever count the record declares: bounding the directory's
   * bytes bounds what it holds (a real jar of 40,000 classes has about 4 MB).
   */
  static final long MAX_DIRECTORY_BYTES = 4L * 1024 * 1024;

  private CentralDirectory() {}

  /** Whether the archive's directory can be read in place, holding at most {@code maxEntries}. */
  static boolean readable(StoredSlice archive, int maxEntries) throws IOException {
    long size = archive.size();
    if (size < RECORD) {
      return false;
    }
    int tail = (int) Math.min(size, RECORD + MAX_COMMENT);
    byte[] bytes = new byte[tail];
    if (archive.readAt(size - tail, bytes, 0, tail) != tail) {
      return false;
    }
    // The record is the last thing in the file but for its comment: search from the end.
    for (int at = tail - RECORD; at >= 0; at--) {
      if (u32(bytes, at) == SIGNATURE && at + RECORD + u16(bytes, at + 20) == tail) {
        long recordAt = size - tail + at;
        int disk = u16(bytes, at + 4);
        int entries = u16(bytes, at + 10);
        long directorySize = u32(bytes, at + 12);
        long directoryAt = u32(bytes, at + 16);
        return disk == 0
            && entries != 0xffff
            && directoryAt != 0xffffffffL
            && entries <= maxEntries
            && directorySize <= MAX_DIRECTORY_BYTES
            && directoryAt + directorySize == recordAt;
      }
    }
    return false;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int at) {
    return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xffffffffL;
  }
}
