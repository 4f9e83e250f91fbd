package dev.portcullis.image;

import dev.portcullis.image.LayerEntry.EntryType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A root filesystem or project directory on disk, seen as an image of one layer. Symlinks are
 * reported as links and never followed, so nothing outside the directory is read.
 */
final class RootfsDirectorySource implements ImageSource {

  private final Path root;
  private final String name;

  RootfsDirectorySource(Path root, String name) throws InputException {
    if (!Files.isDirectory(root)) {
      throw new InputException(name + ": not a directory");
    }
    try {
      // The directory named may itself be a symlink; what is inside it is read without following.
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new InputException(name + ": cannot be read (" + e.getMessage() + ")", e);
    }
    this.name = name;
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public ResolvedImage resolve() {
    LayerRef only = new LayerRef(0, null, null, -1, root.toString(), "");
    ImageConfig config = new ImageConfig(null, null, null, null, null, null, List.of());
    return new ResolvedImage(name, null, null, List.of(), config, List.of(only));
  }

  @Override
  public void walkLayer(LayerRef layer, Limits limits, EntryVisitor visitor) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(root)) {
              visitor.visit(
                  entry(dir, EntryType.DIRECTORY, 0, null, InputStream.nullInputStream()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isSymbolicLink()) {
              visitor.visit(
                  entry(
                      file,
                      EntryType.SYMLINK,
                      0,
                      Files.readSymbolicLink(file).toString(),
                      InputStream.nullInputStream()));
            } else if (attrs.isRegularFile()) {
              try (InputStream content = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                visitor.visit(entry(file, EntryType.FILE, attrs.size(), null, content));
              }
            } else {
              visitor.visit(entry(file, EntryType.OTHER, 0, null, InputStream.nullInputStream()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // Unreadable files (sockets, permission-denied) are skipped, as a scanner of a live
            // tree must.
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public SiblingFiles siblingsOf(String path) {
    String parent = TarPaths.parent(path);
    return (name, maxBytes) -> {
      if (name.contains("/") || name.equals("..") || name.equals(".")) {
        throw new IllegalArgumentException("not a file name: " + name);
      }
      Path sibling = (parent.isEmpty() ? root : root.resolve(parent)).resolve(name);
      if (!Files.isRegularFile(sibling, LinkOption.NOFOLLOW_LINKS)
          || Files.size(sibling) > maxBytes) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(sibling, LinkOption.NOFOLLOW_LINKS)) {
        byte[] content = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
        return content.length > maxBytes ? Optional.empty() : Optional.of(content);
      }
    };
  }

  private LayerEntry entry(Path path, EntryType type, long size, String link, InputStream content)
      throws IOException {
    String relative = root.relativize(path).toString().replace('\\', '/');
    return new LayerEntry(relative, type, size, mode(path), link, content, null);
  }

  private static int mode(Path path) throws IOException {
    try {
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission p : permissions) {
        mode |= 1 << (8 - p.ordinal());
      }
      return mode;
    } catch (UnsupportedOperationException e) {
      return 0;
    }
  }
}
