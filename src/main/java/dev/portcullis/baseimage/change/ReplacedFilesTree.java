package dev.portcullis.baseimage.change;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A tree that is a commit's tree with some files' contents replaced or added, built in an in-memory
 * index so that the repository's own index and work tree are never read or written.
 */
final class ReplacedFilesTree {

  private final DirCache index = DirCache.newInCore();

  private ReplacedFilesTree() {}

  /** Loads {@code baseTree} into a fresh in-memory index. */
  static ReplacedFilesTree of(ObjectId baseTree, ObjectReader reader) throws IOException {
    ReplacedFilesTree tree = new ReplacedFilesTree();
    DirCacheBuilder builder = tree.index.builder();
    builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, baseTree);
    builder.finish();
    return tree;
  }

  /**
   * Writes the blobs of the files whose contents differ from the base tree and the trees that hold
   * them; returns the new root tree, or null when no file differs (nothing is written then).
   *
   * @param files repository-relative paths ({@code docker/Dockerfile}) to their new contents
   */
  ObjectId replace(Map<String, byte[]> files, ObjectInserter inserter)
      throws IOException, GitChangeException {
    SortedMap<String, byte[]> changed = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      String path = file.getKey();
      byte[] content = file.getValue();
      DirCacheEntry existing = existingFile(path);
      if (existing == null
          || !existing.getObjectId().equals(inserter.idFor(Constants.OBJ_BLOB, content))) {
        changed.put(path, content);
      }
    }
    if (changed.isEmpty()) {
      return null;
    }
    DirCacheEditor editor = index.editor();
    for (Map.Entry<String, byte[]> file : changed.entrySet()) {
      DirCacheEntry existing = index.getEntry(file.getKey());
      // A new file is an ordinary one; a replaced file keeps its mode, so a script stays
      // executable.
      FileMode mode = existing == null ? FileMode.REGULAR_FILE : existing.getFileMode();
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue());
      editor.add(
          new DirCacheEditor.PathEdit(file.getKey()) {
            @Override
            public void apply(DirCacheEntry entry) {
              entry.setFileMode(mode);
              entry.setObjectId(blob);
            }
          });
    }
    editor.finish();
    return index.writeTree(inserter);
  }

  /**
   * The entry of an ordinary or executable file at {@code path}, or null for a new file; a path
   * that is a directory, symbolic link or submodule in the base tree, or lies below a file, is
   * refused rather than silently turned into something else.
   */
  private DirCacheEntry existingFile(String path) throws GitChangeException {
    DirCacheEntry existing = index.getEntry(path);
    if (existing != null) {
      FileMode mode = existing.getFileMode();
      if (mode == FileMode.SYMLINK) {
        throw new GitChangeException(
            path + " is a symbolic link in HEAD; update the file it points to instead");
      }
      if (mode == FileMode.GITLINK) {
        throw new GitChangeException(path + " is a submodule in HEAD, not a file");
      }
      return existing;
    }
    if (index.getEntriesWithin(path).length > 0) {
      throw new GitChangeException(path + " is a directory in HEAD, not a file");
    }
    for (String parent : parents(path)) {
      if (index.getEntry(parent) != null) {
        throw new GitChangeException(
            "cannot add " + path + ": " + parent + " is a file in HEAD, not a directory");
      }
    }
    return null;
  }

  private static List<String> parents(String path) {
    List<String> parents = new ArrayList<>();
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
      parents.add(path.substring(0, slash));
    }
    return parents;
  }
}
