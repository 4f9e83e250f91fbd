package dev.portcullis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OCI registry (Debian's docker-registry, the CNCF distribution server) on 127.0.0.1 and a
 * free port, with its storage in a directory the test owns.
 */
public final class LocalRegistry implements AutoCloseable {

  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a registry; {@code authConfig} is the YAML of its {@code auth:} section, or null for
   * none.
   */
  public static LocalRegistry start(Path dir, String authConfig)
      throws IOException, InterruptedException {
    return start(dir, authConfig, null);
  }

  /**
   * Starts a registry; {@code notificationsConfig} is the YAML of its {@code notifications:}
   * section, or null for none.
   */
  public static LocalRegistry start(Path dir, String authConfig, String notificationsConfig)
      throws IOException, InterruptedException {
    int port = freePort();
    Files.createDirectories(dir.resolve("data"));
    String config =
        "version: 0.1\n"
            + "log:\n  level: error\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("data")
            + "\n  delete:\n    enabled: true\n"
            + "http:\n  addr: 127.0.0.1:"
            + port
            + "\n"
            + (authConfig == null ? "" : "auth:\n" + authConfig.indent(2))
            + (notificationsConfig == null
                ? ""
                : "notifications:\n" + notificationsConfig.indent(2));
    Path configFile = dir.resolve("config.yml");
    Files.writeString(configFile, config);
    Process process =
        new ProcessBuilder("docker-registry", "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LocalRegistry registry = new LocalRegistry(process, port);
    registry.awaitReady(dir);
    return registry;
  }

  /** An htpasswd section with one bcrypt user, written by Apache's htpasswd. */
  public static String htpasswdAuth(Path dir, String user, String password)
      throws IOException, InterruptedException {
    Path file = dir.resolve("htpasswd");
    run(List.of("htpasswd", "-Bbc", file.toString(), user, password));
    return "htpasswd:\n  realm: portcullis-test\n  path: " + file + "\n";
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /** Pushes an image with skopeo; {@code credentials} is "user:password" or null. */
  public void push(String source, String repositoryAndTag, String credentials, String... extraArgs)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of("skopeo", "--insecure-policy", "copy", "-q", "--dest-tls-verify=false"));
    if (credentials != null) {
      command.add("--dest-creds=" + credentials);
    }
    command.addAll(List.of(extraArgs));
    command.add(source);
    command.add("docker://" + host() + "/" + repositoryAndTag);
    run(command);
  }

  private void awaitReady(Path dir) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try {
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("docker-registry did not start within 30 s");
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
