package dev.portcullis.misconfig.kubernetes;

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

/**
 * The manifest files under the paths a user names: files as given, and in directories every {@code
 * *.yaml}, {@code *.yml} and {@code *.json} (hidden directories such as .git left out).
 */
public final class ManifestFinder {

  /** A file to read and the name to report it by. */
  public record Found(Path path, String display) {}

  private final List<String> skipped = new ArrayList<>();

  /** Directories passed over, with why: Helm charts' templates are no manifests until rendered. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  public List<Found> find(List<Path> paths) throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        found.add(new Found(path, path.toString()));
      } else if (Files.isDirectory(path)) {
        found.addAll(walk(path));
      } else {
        throw new InputException(
            path
                + ": no such file or directory; name manifest files or directories that hold them");
      }
    }
    return found;
  }

  private List<Found> walk(Path root) throws IOException {
    List<Found> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root) && name.startsWith(".")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (name.equals("templates")
                && dir.getParent() != null
                && Files.isRegularFile(dir.getParent().resolve("Chart.yaml"))) {
              skipped.add(
                  dir
                      + ": Helm chart templates are not manifests until rendered; not checked"
                      + " (check the output of 'helm template' instead)");
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (attrs.isRegularFile()
                && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
              found.add(new Found(file, file.toString()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort((a, b) -> a.display().compareTo(b.display()));
    return found;
  }
}
