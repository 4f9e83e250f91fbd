package dev.portcullis.analyzer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a text file read one at a time, keeping at most a given number of bytes of each: a file
 * that is one 250 MB line costs a buffer, not the line. Line ends are {@code \n}, with an optional
 * {@code \r} before it, as {@link java.io.BufferedReader#readLine} reads them.
 */
public final class BoundedLines {

  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[CHUNK];
  private int position;
  private int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long number;
  private long length;
  private boolean cut;
  private boolean blank;

  public BoundedLines(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next line, keeping at most {@code keepAtMost} bytes of it.
   *
   * @return false at the end of the input
   */
  public boolean advance(long keepAtMost) throws IOException {
    kept.reset();
    length = 0;
    cut = false;
    blank = true;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          if (length == 0) {
            return false;
          }
          number++;
          return true;
        }
      }
      int end = position;
      while (end < limit && buffer[end] != '\n') {
        byte b = buffer[end];
        if (b != ' ' && b != '\t' && b != '\r') {
          blank = false;
        }
        end++;
      }
      int count = end - position;
      long room = keepAtMost - kept.size();
      if (count > room) {
        cut = true;
      }
      kept.write(buffer, position, (int) Math.max(0, Math.min(count, room)));
      length += count;
      if (end < limit) {
        length++;
        position = end + 1;
        number++;
        return true;
      }
      position = end;
    }
  }

  /** The line's number, from 1. */
  public long number() {
    return number;
  }

  /** The line's length in bytes, its end included. */
  public long length() {
    return length;
  }

  /** Whether the line was longer than what {@link #advance} kept of it. */
  public boolean cut() {
    return cut;
  }

  /** Whether the line holds nothing but white space (all of it, kept or not). */
  public boolean blank() {
    return blank;
  }

  /** What was kept of the line, without its end; null if the line was cut. */
  public String text() {
    if (cut) {
      return null;
    }
    String line = kept.toString(StandardCharsets.UTF_8);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
