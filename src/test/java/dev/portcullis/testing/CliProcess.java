package dev.portcullis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the portcullis CLI in a separate JVM, for what depends on the environment (DOCKER_CONFIG,
 * HOME).
 */
public final class CliProcess {

  private CliProcess() {}

  /** The command that runs the CLI's main class on this test run's class path. */
  static List<String> javaCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp",
        System.getProperty("java.class.path"),
        "dev.portcullis.cli.Main");
  }

  public static Cli.Result run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder.environment().putAll(environment);
    Path errors = Files.createTempFile("portcullis-stderr", ".txt");
    try {
      builder.redirectError(errors.toFile());
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes());
      int exit = process.waitFor();
      return new Cli.Result(exit, out, Files.readString(errors));
    } finally {
      Files.delete(errors);
    }
  }

  /** What a bounded run saw: the result, and how long it took. */
  public record Timed(Cli.Result result, java.time.Duration took) {}

  /**
   * Runs the CLI with these JVM options (e.g. a small heap) in {@code directory}, with {@code
   * environment} added; kills it after {@code limit}, and then the result's exit code is -1.
   */
  public static Timed runBounded(
      List<String> jvmOptions,
      Path directory,
      Map<String, String> environment,
      java.time.Duration limit,
      String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(1, jvmOptions);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().putAll(environment);
    Path output = Files.createTempFile("portcullis-stdout", ".txt");
    Path errors = Files.createTempFile("portcullis-stderr", ".txt");
    try {
      builder.redirectOutput(output.toFile());
      builder.redirectError(errors.toFile());
      long started = System.nanoTime();
      Process process = builder.start();
      boolean ended = process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
      return new Timed(
          new Cli.Result(
              ended ? process.exitValue() : -1, Files.readString(output), Files.readString(errors)),
          took);
    } finally {
      Files.delete(output);
      Files.delete(errors);
    }
  }

  /**
   * Runs the CLI in a JVM whose heap is at most {@code maxHeap} (as {@code -Xmx} takes it), to show
   * that a scan stays within it; a run still going after {@code deadline} is ended and fails.
   */
  public static Cli.Result runWithHeap(String maxHeap, Duration deadline, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(javaCommand());
    command.add(1, "-Xmx" + maxHeap);
    command.addAll(List.of(args));
    Path output = Files.createTempFile("portcullis-stdout", ".txt");
    Path errors = Files.createTempFile("portcullis-stderr", ".txt");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(output.toFile())
              .redirectError(errors.toFile())
              .start();
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "portcullis " + String.join(" ", args) + " gave no answer within " + deadline);
      }
      return new Cli.Result(
          process.exitValue(), Files.readString(output), Files.readString(errors));
    } finally {
      Files.delete(output);
      Files.delete(errors);
    }
  }

  /**
   * Starts the CLI in {@code directory} and leaves it running (a server); its output goes to {@code
   * DIR/stdout.txt} and {@code DIR/stderr.txt}. The caller ends it with {@code destroy()}.
   */
  public static Process start(Path directory, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(directory.toFile());
    builder.redirectOutput(directory.resolve("stdout.txt").toFile());
    builder.redirectError(directory.resolve("stderr.txt").toFile());
    return builder.start();
  }

  private static List<String> command(String... args) {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of(args));
    return command;
  }
}
