package dev.portcullis.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Turns tar entry names into paths: in an image as container runtimes read them, in an archive. */
public final class TarPaths {

  private TarPaths() {}

  /**
   * Where a layer entry lands in the image.
   *
   * @param path relative to the image root, without leading or trailing slash; empty for the root
   * @param climbed whether a {@code ..} tried to climb above the root (and was held there)
   */
  record ImagePath(String path, boolean climbed) {}

  /**
   * Reads a layer entry name (or a hard-link target) as containerd applies a layer: joined to the
   * image root and lexically cleaned, so a leading slash means the root and a {@code ..} at the
   * root stays at the root. The runtimes run such images, so a scanner must read them, not refuse
   * them.
   */
  static ImagePath inImage(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && name.charAt(start) == '/') {
      start++;
    }
    if (name.startsWith("./", start)) {
      start += 2;
    }
    while (end > start && name.charAt(end - 1) == '/') {
      end--;
    }
    if (isClean(name, start, end)) {
      // As layer tools write nearly every name: nothing to clean but the ends.
      return new ImagePath(name.substring(start, end), false);
    }
    Deque<String> segments = new ArrayDeque<>();
    boolean climbed = false;
    for (String segment : name.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        climbed |= segments.pollLast() == null;
      } else {
        segments.addLast(segment);
      }
    }
    return new ImagePath(String.join("/", segments), climbed);
  }

  /** Whether {@code name[start, end)} has no empty, {@code .} or {@code ..} segment. */
  private static boolean isClean(String name, int start, int end) {
    int segment = start;
    while (segment < end) {
      int slash = name.indexOf('/', segment);
      int segmentEnd = slash < 0 || slash > end ? end : slash;
      int length = segmentEnd - segment;
      if (length == 0
          || (name.charAt(segment) == '.'
              && (length == 1 || (length == 2 && name.charAt(segment + 1) == '.')))) {
        return false;
      }
      segment = segmentEnd + 1;
    }
    return true;
  }

  /**
   * Normalises the name of a member of an image archive (a docker-archive or oci-archive, not a
   * layer) to a relative path without leading {@code ./} or trailing slash; returns the empty
   * string for the root itself. The tools that write such archives never write absolute names or
   * {@code ..}, so these are refused.
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
