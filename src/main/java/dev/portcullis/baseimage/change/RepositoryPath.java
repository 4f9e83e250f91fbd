package dev.portcullis.baseimage.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Paths as a git tree names them: relative to the work tree, '/'-separated, never escaping it. */
final class RepositoryPath {

  private RepositoryPath() {}

  /** The repository-relative path of {@code file}, a path on disk that need not exist yet. */
  static String of(Path workTree, Path file) throws GitChangeException {
    Path absolute = file.toAbsolutePath().normalize();
    Path real = realParent(absolute);
    Path relative = workTree.relativize(real);
    if (!real.startsWith(workTree)) {
      throw outside(file.toString(), workTree);
    }
    if (relative.toString().isEmpty()) {
      throw new GitChangeException(file + " is the top of the work tree, not a file in it");
    }
    StringBuilder path = new StringBuilder();
    for (Path part : relative) {
      path.append(path.length() == 0 ? "" : "/").append(part);
    }
    return check(path.toString(), workTree);
  }

  /** Returns {@code path} when it is a plain relative path inside the work tree (and not .git). */
  static String check(String path, Path workTree) throws GitChangeException {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw outside(String.valueOf(path), workTree);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw outside(path, workTree);
      }
      if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
        throw new GitChangeException(
            path + " is inside git's own .git directory; only work tree files can be committed");
      }
      if (segment.indexOf('\0') >= 0) {
        throw new GitChangeException("a path holds a NUL character; git cannot store it");
      }
    }
    return path;
  }

  /**
   * The path with its parent directory's symbolic links resolved (so /tmp and /private/tmp, or a
   * linked checkout, compare equal); the file itself is kept as named.
   */
  private static Path realParent(Path absolute) throws GitChangeException {
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return absolute;
    }
    try {
      return parent.toRealPath().resolve(absolute.getFileName());
    } catch (IOException e) {
      throw new GitChangeException("cannot resolve " + absolute + ": " + e.getMessage(), e);
    }
  }

  private static GitChangeException outside(String path, Path workTree) {
    return new GitChangeException(
        path + " is outside the work tree " + workTree + "; name a file inside the repository");
  }
}
