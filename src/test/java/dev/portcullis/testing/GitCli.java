package dev.portcullis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The git command line, as an oracle independent of JGit: sets up repositories and reads back what
 * the code under test wrote. The machine's system configuration is ignored.
 */
public final class GitCli {

  private final Path directory;

  public GitCli(Path directory) {
    this.directory = directory;
  }

  /** Runs git in the directory and returns its output with the trailing newline removed. */
  public String run(String... args) {
    Result result = attempt(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + result.output());
    }
    return result.output().stripTrailing();
  }

  public Result attempt(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of("-c", "user.name=Dev Eloper", "-c", "user.email=dev@example.com"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new AssertionError("cannot run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running git", e);
    }
  }

  public record Result(int exitCode, String output) {}
}
