package dev.portcullis.misconfig.dockerfile;

import dev.portcullis.glob.Glob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The .dockerignore a build of the Dockerfile would use, and which of the entries seed 002 (§5)
 * asks for it leaves in the build context.
 *
 * @param path the file, as the user would name it
 * @param exists whether there is one
 * @param missing the required entries it does not exclude ({@code .git}, {@code .env}, {@code
 *     node_modules}, {@code *.log})
 */
public record Dockerignore(String path, boolean exists, List<String> missing) {

  /** Each required entry and a name it must exclude at the root of the context. */
  static final Map<String, String> REQUIRED =
      Map.of(".git", ".git", ".env", ".env", "node_modules", "node_modules", "*.log", "build.log");

  private static final List<String> ORDER = List.of(".git", ".env", "node_modules", "*.log");
  private static final int MAX_BYTES = 1024 * 1024;

  public Dockerignore {
    missing = List.copyOf(missing);
  }

  /**
   * BuildKit reads {@code NAME.dockerignore} next to a Dockerfile called NAME first, else the
   * context's {@code .dockerignore}; the context is taken to be the Dockerfile's directory.
   */
  static Dockerignore besides(Path dockerfile, String displayPath) throws IOException {
    Path directory = dockerfile.toAbsolutePath().getParent();
    String displayDirectory =
        displayPath.contains("/") ? displayPath.substring(0, displayPath.lastIndexOf('/') + 1) : "";
    String own = dockerfile.getFileName() + ".dockerignore";
    for (String name : List.of(own, ".dockerignore")) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate)) {
        String text =
            Files.size(candidate) > MAX_BYTES
                ? ""
                : Files.readString(candidate, StandardCharsets.UTF_8);
        return evaluate(displayDirectory + name, text);
      }
    }
    return new Dockerignore(displayDirectory + ".dockerignore", false, ORDER);
  }

  /** Evaluates the text of an ignore file: the last pattern that matches a name decides. */
  static Dockerignore evaluate(String path, String text) {
    List<Glob> patterns = new ArrayList<>();
    List<Boolean> negated = new ArrayList<>();
    for (String raw : text.lines().toList()) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exception = line.startsWith("!");
      if (exception) {
        line = line.substring(1).strip();
      }
      while (line.startsWith("/") || line.startsWith("./")) {
        line = line.substring(line.startsWith("/") ? 1 : 2);
      }
      while (line.endsWith("/") && line.length() > 1) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      patterns.add(Glob.dockerignore(line));
      negated.add(exception);
    }
    List<String> missing = new ArrayList<>();
    for (String entry : ORDER) {
      String name = REQUIRED.get(entry);
      boolean excluded = false;
      for (int i = 0; i < patterns.size(); i++) {
        if (patterns.get(i).matches(name)) {
          excluded = !negated.get(i);
        }
      }
      if (!excluded) {
        missing.add(entry);
      }
    }
    return new Dockerignore(path, true, missing);
  }
}
