package dev.portcullis.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The blank-line separated records of a package database (dpkg's deb822 status, apk's installed
 * database), read one at a time, so that a database costs the memory of one record, not of the
 * file. A record larger than the bounds is skipped and a file with too many records is read no
 * further; {@link #warnings} says so, naming the file, the line and the limit.
 */
public final class Stanzas {

  /**
   * Bounds on one database file (documented in docs/limits.md).
   *
   * @param maxStanzaBytes bytes of one record, its lines' ends included
   * @param maxStanzaLines lines of one record
   * @param maxStanzas records of one file
   */
  public record Bounds(long maxStanzaBytes, int maxStanzaLines, int maxStanzas) {

    public static Bounds defaults() {
      return new Bounds(16L * 1024 * 1024, 500_000, 100_000);
    }
  }

  /**
   * One record.
   *
   * @param firstLine the number of its first line, from 1
   */
  public record Stanza(long firstLine, List<String> lines) {}

  private final BoundedLines lines;
  private final String path;
  private final Bounds bounds;
  private int stanzas;
  private boolean ended;
  private String firstSkipped;
  private long skipped;
  private String stopped;

  /**
   * @param path the file, relative to the image root, for the warnings
   */
  public Stanzas(InputStream in, String path, Bounds bounds) {
    this.lines = new BoundedLines(in);
    this.path = path;
    this.bounds = bounds;
  }

  /** The next record within the bounds, or null at the end (or once too many were read). */
  public Stanza next() throws IOException {
    while (!ended) {
      Stanza stanza = read();
      if (stanza == null) {
        ended = true;
      } else if (stanza.lines() != null) {
        if (++stanzas > bounds.maxStanzas()) {
          ended = true;
          stopped =
              "/"
                  + path
                  + ": more than "
                  + bounds.maxStanzas()
                  + " records, the limit for one package database; the rest, from line "
                  + stanza.firstLine()
                  + ", was not read";
          return null;
        }
        return stanza;
      }
    }
    return null;
  }

  /** A record, one with null lines if it broke a bound, or null at the end of the input. */
  private Stanza read() throws IOException {
    List<String> kept = new ArrayList<>();
    long first = -1;
    long bytes = 0;
    String broken = null;
    while (lines.advance(broken != null ? 0 : bounds.maxStanzaBytes() - bytes)) {
      if (lines.blank()) {
        if (first < 0) {
          continue;
        }
        break;
      }
      if (first < 0) {
        first = lines.number();
      }
      bytes += lines.length();
      if (broken != null) {
        continue;
      }
      if (lines.cut() || bytes > bounds.maxStanzaBytes()) {
        broken = "more than " + bounds.maxStanzaBytes() + " bytes";
      } else if (kept.size() >= bounds.maxStanzaLines()) {
        broken = "more than " + bounds.maxStanzaLines() + " lines";
      } else {
        kept.add(lines.text());
      }
    }
    if (first < 0) {
      return null;
    }
    if (broken == null) {
      return new Stanza(first, kept);
    }
    if (skipped++ == 0) {
      firstSkipped =
          "/"
              + path
              + ": the record at line "
              + first
              + " has "
              + broken
              + ", the limit for one record; it was skipped";
    }
    return new Stanza(first, null);
  }

  /** What was skipped or left unread, so far. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>(2);
    if (firstSkipped != null) {
      warnings.add(
          skipped == 1
              ? firstSkipped
              : firstSkipped + " (as were " + (skipped - 1) + " more records over a limit)");
    }
    if (stopped != null) {
      warnings.add(stopped);
    }
    return warnings;
  }
}
