package dev.portcullis.vulndb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows one database handle has read, least recently used first out: a handle reads one version
 * of the file (an update swaps in a new file, never writes the open one), so a row read once is
 * read from memory for the next image of a rescan, which has mostly the same packages.
 */
final class RowCache<V> {

  private final Map<String, V> rows;

  RowCache(int capacity) {
    this.rows =
        new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The row under this key, or null if it has not been read or was let go. */
  synchronized V get(String key) {
    return rows.get(key);
  }

  synchronized void put(String key, V value) {
    rows.put(key, value);
  }
}
