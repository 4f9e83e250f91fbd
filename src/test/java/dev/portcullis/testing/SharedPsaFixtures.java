package dev.portcullis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Pod Security Admission fixtures in ../shared/testdata/k8s-pod-security-admission: {@code
 * <level>/<version>/<pass|fail>/<check><n>.yaml}.
 */
public final class SharedPsaFixtures {

  /** The folder; tests that need it skip where it is absent. */
  public static final Path DIRECTORY =
      Path.of(System.getProperty("portcullis.sharedTestdata", "../shared/testdata"))
          .resolve("k8s-pod-security-admission");

  /** One fixture: the pod must be allowed ({@code pass}) or denied at its level and version. */
  public record Fixture(Path file, String level, String version, boolean pass) {
    @Override
    public String toString() {
      return DIRECTORY.relativize(file).toString();
    }
  }

  private SharedPsaFixtures() {}

  public static List<Fixture> all() throws IOException {
    try (Stream<Path> files = Files.walk(DIRECTORY)) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .sorted()
          .map(SharedPsaFixtures::fixture)
          .toList();
    }
  }

  private static Fixture fixture(Path file) {
    Path relative = DIRECTORY.relativize(file);
    return new Fixture(
        file,
        relative.getName(0).toString(),
        relative.getName(1).toString(),
        relative.getName(2).toString().equals("pass"));
  }
}
