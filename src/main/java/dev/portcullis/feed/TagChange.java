package dev.portcullis.feed;

import dev.portcullis.image.Digest;

/**
 * A watched tag that appeared, moved to another manifest, or disappeared since the last poll.
 *
 * @param previous the digest it named before, or null for a new tag
 * @param current the digest it names now, or null for a removed tag
 */
public record TagChange(String tag, Digest previous, Digest current) {

  /** What happened to the tag. */
  public enum Kind {
    ADDED,
    MOVED,
    REMOVED
  }

  public TagChange {
    if (previous == null && current == null) {
      throw new IllegalArgumentException("a change of tag " + tag + " needs a digest");
    }
  }

  public Kind kind() {
    return previous == null ? Kind.ADDED : current == null ? Kind.REMOVED : Kind.MOVED;
  }
}
