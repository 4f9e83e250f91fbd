package dev.portcullis.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl command line, the independent implementation the interop tests compare with. */
final class Openssl {

  private final Path workDirectory;

  Openssl(Path workDirectory) {
    this.workDirectory = workDirectory;
  }

  /** Runs {@code openssl args...} in the work directory; fails the test on a non-zero exit. */
  String run(String... args) throws IOException, InterruptedException {
    Result result = attempt(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output();
  }

  Result attempt(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(workDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("openssl " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }

  record Result(int exitCode, String output) {}
}
