package dev.portcullis.misconfig.dockerfile;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.image.InputException;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Dockerfile read, parsed and checked as {@code portcullis dockerfile} does (variable expansion,
 * stages, heredocs, every rule): a result, or an {@link InputException}; never another failure.
 */
class DockerfileParserFuzzTest {

  private static final int MAX_INPUT = 64 * 1024;
  private static final Policy DEFAULT = loadDefault();
  private static final Path FILE = temporaryDockerfile();
  private static final DockerfileLinter LINTER =
      new DockerfileLinter(DEFAULT.baseImages(), DEFAULT.dockerfile());

  @FuzzTest
  void parseAndLint(byte[] input) throws IOException {
    if (input.length > MAX_INPUT) {
      return;
    }
    Files.write(FILE, input);
    try {
      LINTER.lint(FILE, "Dockerfile");
    } catch (InputException refused) {
      // binary content, an unknown rule in an ignore comment, nesting too deep
    }
  }

  private static Policy loadDefault() {
    try {
      return new PolicyLoader().loadDefault();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file in a directory of its own, without a .dockerignore beside it. */
  private static Path temporaryDockerfile() {
    try {
      Path directory = Files.createTempDirectory("dockerfile-fuzz");
      directory.toFile().deleteOnExit();
      Path file = directory.resolve("Dockerfile");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
