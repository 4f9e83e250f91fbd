package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.image.InputException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Dockerfiles named on the command line: files as given, and in directories every {@code
 * Dockerfile}, {@code Containerfile}, {@code *.Dockerfile} and {@code Dockerfile.*} (not the {@code
 * *.dockerignore} files beside them), outside {@code .git} and {@code node_modules}.
 */
public final class DockerfileFinder {

  private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", ".hg");

  /**
   * A file to lint.
   *
   * @param display the path as shown in reports
   * @param explicit whether the user named it (then unreadable content is an error, not a skip)
   */
  public record Found(Path path, String display, boolean explicit) {}

  /** Whether a file name is a Dockerfile's. */
  public static boolean isDockerfileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".dockerignore")) {
      return false;
    }
    return lower.equals("dockerfile")
        || lower.equals("containerfile")
        || lower.endsWith(".dockerfile")
        || lower.endsWith(".containerfile")
        || lower.startsWith("dockerfile.")
        || lower.startsWith("containerfile.");
  }

  public List<Found> find(List<Path> arguments) throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path argument : arguments) {
      if (Files.isRegularFile(argument)) {
        found.add(new Found(argument, display(argument), true));
      } else if (Files.isDirectory(argument)) {
        List<Path> inside = walk(argument);
        for (Path path : inside) {
          found.add(new Found(path, display(path), false));
        }
      } else {
        throw new InputException(argument + ": no such file or directory");
      }
    }
    return found;
  }

  private static List<Path> walk(Path directory) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            return !dir.equals(directory)
                    && SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName()))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && isDockerfileName(file.getFileName().toString())) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    return files;
  }

  /** The path as the user would write it: relative paths without a leading {@code ./}. */
  private static String display(Path path) {
    String text = path.normalize().toString();
    return text.isEmpty() ? "." : text.replace('\\', '/');
  }
}
