package dev.portcullis.image;

import java.io.InputStream;

/**
 * One entry of a layer while it streams past. {@code content} is readable only during the visit and
 * only for regular files.
 *
 * @param path normalised, relative to the image root, without leading slash
 * @param warning what a reader of the report should know about how the entry was read (a name that
 *     tried to climb above the image root); null for nearly every entry
 */
public record LayerEntry(
    String path,
    EntryType type,
    long size,
    int mode,
    String linkTarget,
    InputStream content,
    String warning) {

  /** The kinds of entry a layer carries. */
  public enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    OTHER
  }
}
