package dev.portcullis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code portcullis serve} as a separate JVM, as an operator runs it, so that a test can kill it
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux) and start it again on the same store.
 */
public final class ServeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on https?://[^:]+:(\\d+)");

  private final Process process;
  private final int port;
  private final Path errors;

  private ServeProcess(Process process, int port, Path errors) {
    this.process = process;
    this.port = port;
    this.errors = errors;
  }

  /**
   * Starts {@code serve --listen 127.0.0.1:0} with the store arguments ({@code --data-dir DIR} or
   * {@code --db-url URL}) and waits until it listens.
   */
  public static ServeProcess start(Path workDirectory, List<String> storeArguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(CliProcess.javaCommand());
    command.addAll(
        List.of(
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--db",
            workDirectory.resolve("no-vulnerability-db.sqlite").toString()));
    command.addAll(storeArguments);
    Path errors = Files.createTempFile(workDirectory, "serve-stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(workDirectory.toFile())
            .redirectError(errors.toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  Matcher matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                  }
                }
                return -1;
              } catch (IOException e) {
                return -1;
              }
            });
    try {
      int listening = port.get(60, TimeUnit.SECONDS);
      if (listening < 0) {
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "portcullis serve stopped before it listened: " + Files.readString(errors));
      }
      // Whatever it prints later must not fill the pipe and stall it.
      CompletableFuture.runAsync(
          () -> {
            try {
              out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
              // the process ended
            }
          });
      return new ServeProcess(process, listening, errors);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "portcullis serve did not listen within 60 s: " + Files.readString(errors), e);
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** What it wrote to standard error. */
  public String errors() throws IOException {
    return Files.readString(errors);
  }

  /** SIGTERM: the server closes its store in its shutdown hook. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
