package dev.portcullis.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Credentials from Docker's {@code config.json}: {@code auths} entries (base64 {@code auth} or
 * username and password), and {@code credHelpers}/{@code credsStore} helpers, run as Docker runs
 * them.
 */
public final class DockerConfig {

  private static final List<String> DOCKER_HUB_KEYS =
      List.of(
          "https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io");

  private final JsonNode root;
  private final Path file;

  private DockerConfig(JsonNode root, Path file) {
    this.root = root;
    this.file = file;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; empty if absent. */
  public static DockerConfig load() throws IOException {
    String dir = System.getenv("DOCKER_CONFIG");
    Path path =
        (dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".docker"))
            .resolve("config.json");
    return load(path);
  }

  public static DockerConfig load(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return new DockerConfig(null, path);
    }
    byte[] bytes = Json.readBounded(Files.newInputStream(path), 4 * 1024 * 1024, path.toString());
    return new DockerConfig(Json.tree(bytes, "Docker config " + path), path);
  }

  /** The credentials stored for a registry, if any. */
  public Optional<Credentials> credentialsFor(String registry) throws IOException {
    if (root == null) {
      return Optional.empty();
    }
    List<String> keys =
        registry.equals(ImageReference.DOCKER_HUB)
            ? DOCKER_HUB_KEYS
            : List.of(registry, "https://" + registry, "http://" + registry);
    JsonNode helpers = root.path("credHelpers");
    for (String key : keys) {
      if (helpers.hasNonNull(key)) {
        return fromHelper(helpers.get(key).asText(), key);
      }
    }
    JsonNode auths = root.path("auths");
    for (String key : keys) {
      JsonNode entry = auths.path(key);
      if (entry.isObject()) {
        Optional<Credentials> found = fromEntry(entry, key);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (root.hasNonNull("credsStore")) {
      return fromHelper(root.get("credsStore").asText(), keys.get(0));
    }
    return Optional.empty();
  }

  private Optional<Credentials> fromEntry(JsonNode entry, String key) throws InputException {
    if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InputException(file + ": the auth entry for " + key + " is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new InputException(file + ": the auth entry for " + key + " is not user:password");
      }
      return Optional.of(
          new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    if (entry.hasNonNull("identitytoken")) {
      return Optional.of(new Credentials("<token>", entry.get("identitytoken").asText()));
    }
    if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
      return Optional.of(
          new Credentials(entry.get("username").asText(), entry.get("password").asText()));
    }
    return Optional.empty();
  }

  /** Runs {@code docker-credential-NAME get} with the server on standard input, as Docker does. */
  private Optional<Credentials> fromHelper(String helper, String server) throws IOException {
    String program = "docker-credential-" + helper;
    Process process;
    try {
      process =
          new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new InputException(
          file
              + " names credential helper '"
              + helper
              + "', but "
              + program
              + " cannot be run ("
              + e.getMessage()
              + ")");
    }
    try (OutputStream in = process.getOutputStream()) {
      in.write(server.getBytes(StandardCharsets.UTF_8));
    }
    byte[] answer;
    try (InputStream out = process.getInputStream()) {
      answer = out.readNBytes(64 * 1024);
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new InputException(program + " did not answer within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(program + " was interrupted");
    }
    if (process.exitValue() != 0) {
      return Optional.empty();
    }
    JsonNode json = Json.tree(answer, program + " answer");
    return Optional.of(
        new Credentials(json.path("Username").asText(), json.path("Secret").asText()));
  }
}
