package dev.portcullis.image;

import dev.portcullis.image.LayerEntry.EntryType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The filesystem an image's layers add up to: every path knows the layer that last wrote it.
 * Symlinks resolve inside the image only; {@code ..} at the root stays at the root, as in a chroot.
 */
public final class LayeredFilesystem {

  private static final int MAX_SYMLINK_HOPS = 40;

  private final PathOverlay<FileNode> files = new PathOverlay<>();

  /** Applies one layer's changes over the layers below it. */
  public void applyLayer(
      List<String> opaqueDirectories, List<String> whiteouts, List<FileNode> added) {
    opaqueDirectories.forEach(files::clearBelow);
    whiteouts.forEach(files::whiteout);
    for (FileNode node : added) {
      files.put(node.path(), node);
    }
  }

  public Optional<FileNode> lookup(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public int size() {
    return files.asMap().size();
  }

  public Collection<FileNode> nodes() {
    return files.values();
  }

  /**
   * Resolves every symlink along {@code path}; returns the image path it leads to, which may not
   * exist. A chain longer than 40 links is a loop and an {@link InputException}.
   */
  public String resolve(String path) throws InputException {
    Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
    Deque<String> resolved = new ArrayDeque<>();
    int hops = 0;
    while (!pending.isEmpty()) {
      String segment = pending.pollFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        resolved.pollLast();
        continue;
      }
      resolved.addLast(segment);
      FileNode node = files.get(String.join("/", resolved));
      if (node != null && node.type() == EntryType.SYMLINK) {
        if (++hops > MAX_SYMLINK_HOPS) {
          throw new InputException("symlink loop while resolving /" + path);
        }
        resolved.pollLast();
        String target = node.linkTarget();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        List<String> targetSegments = List.of(target.split("/"));
        for (int i = targetSegments.size() - 1; i >= 0; i--) {
          pending.addFirst(targetSegments.get(i));
        }
      }
    }
    return String.join("/", resolved);
  }
}
