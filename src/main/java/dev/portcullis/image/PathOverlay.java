package dev.portcullis.image;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Values keyed by image path, stacked layer over layer with the OCI rules: an upper layer's entry
 * replaces a lower one, a whiteout removes a path and everything below it, an opaque directory
 * hides everything lower layers put below it.
 */
public final class PathOverlay<V> {

  // '/' + 1 == '0': the keys strictly below "dir" are exactly those in ["dir/", "dir0").
  private static final char AFTER_SLASH = '0';

  private final NavigableMap<String, V> entries = new TreeMap<>();

  /** Removes {@code path} and everything below it. */
  public void whiteout(String path) {
    if (holdsNothingFrom(path)) {
      return;
    }
    entries.remove(path);
    clearBelow(path);
  }

  /** Removes everything below {@code directory}, keeping the directory itself. */
  public void clearBelow(String directory) {
    if (directory.isEmpty()) {
      entries.clear();
    } else if (!holdsNothingFrom(directory)) {
      entries.subMap(directory + "/", true, directory + AFTER_SLASH, false).clear();
    }
  }

  /**
   * Whether no key starts with {@code path}, so that nothing is at or below it. Asked without
   * building a string: every file of every layer is whited out of the values found so far, and most
   * of them have none below them.
   */
  private boolean holdsNothingFrom(String path) {
    String first = entries.ceilingKey(path);
    return first == null || !first.startsWith(path);
  }

  public void put(String path, V value) {
    entries.put(path, value);
  }

  public V get(String path) {
    return entries.get(path);
  }

  public Collection<V> values() {
    return entries.values();
  }

  public Map<String, V> asMap() {
    return Collections.unmodifiableNavigableMap(entries);
  }
}
