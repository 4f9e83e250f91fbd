package dev.portcullis.image;

import java.util.ArrayList;
import java.util.List;

/** Turns archive entry names into image paths, refusing names that point outside the image. */
public final class TarPaths {

  private TarPaths() {}

  /**
   * Normalises an entry name to a relative path without leading {@code ./} or trailing slash;
   * returns the empty string for the root itself.
   *
   * @throws InputException for absolute names and names with a {@code ..} segment
   */
  public static String normalize(String name, String where) throws InputException {
    if (name.startsWith("/")) {
      throw new InputException(where + ": entry '" + name + "' has an absolute path");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new InputException(where + ": entry '" + name + "' climbs out with '..'");
      }
      segments.add(segment);
    }
    return String.join("/", segments);
  }

  /** The parent of a normalised path; the empty string for top-level entries. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last segment of a normalised path. */
  public static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code directory} itself or lies below it. */
  public static boolean isWithin(String path, String directory) {
    return directory.isEmpty()
        || path.equals(directory)
        || (path.startsWith(directory) && path.charAt(directory.length()) == '/');
  }
}
