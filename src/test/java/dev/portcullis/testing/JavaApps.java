package dev.portcullis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Java applications of scripts/build-java-apps.sh (a Spring Boot fat jar and a shaded jar,
 * built by Maven from Maven Central artifacts), built once and kept under target/java-apps.
 */
public final class JavaApps {

  private JavaApps() {}

  /** One dependency as Maven's dependency:list names it. */
  public record Dependency(String groupId, String artifactId, String version) {}

  public static Path springBootJar() {
    return directory().resolve("spring-boot-app.jar");
  }

  public static Path shadedJar() {
    return directory().resolve("shaded-tool.jar");
  }

  /** What Maven says the Spring Boot application bundles (its runtime dependencies). */
  public static List<Dependency> springBootDependencies() throws IOException {
    return dependencies("spring-boot");
  }

  private static List<Dependency> dependencies(String app) throws IOException {
    // "   group:artifact:jar:version:scope -- module ..." lines.
    return Files.readAllLines(directory().resolve(app).resolve("dependencies.txt")).stream()
        .map(String::strip)
        .filter(line -> line.matches("[^: ]+:[^: ]+:jar:[^: ]+:(compile|runtime).*"))
        .map(line -> line.split(" ")[0].split(":"))
        .map(parts -> new Dependency(parts[0], parts[1], parts[3]))
        .toList();
  }

  private static synchronized Path directory() {
    Path out = Path.of(System.getProperty("portcullis.javaApps", "target/java-apps"));
    if (!Files.exists(out.resolve(".complete-1"))) {
      Scripts.run("build-java-apps.sh", out);
    }
    return out;
  }
}
