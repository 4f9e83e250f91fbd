package dev.portcullis.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Uploads a {@code portcullis scan --format json} report to a Portcullis server. The idempotency
 * key is derived from the image digest and the report's content, so that a retried CI job (or a
 * retried request) is recorded once.
 */
public final class ReportUploader {

  private static final String PATH = "api/v1/scans";
  private static final int ATTEMPTS = 3;

  private final URI server;
  private final String token;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param server the server's base URL, {@code https://portcullis.example.com}
   * @param token an API token with the {@code submit} scope
   */
  public ReportUploader(URI server, String token, Duration timeout) {
    this.server = server;
    this.token = token;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Checks a {@code --server} URL: http or https, with a host, no query.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static URI serverUrl(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--server: not a URL: " + text);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--server: an http or https URL such as https://portcullis.example.com, not " + text);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("--server: the server's base URL, without a query");
    }
    return uri;
  }

  /**
   * The idempotency key: SHA-256 of the image digest and the report without its creation time (the
   * one field a rerun of the same scan changes).
   */
  public static String idempotencyKey(String digest, byte[] report) throws InputException {
    JsonNode tree = Json.tree(report, "the scan report");
    if (tree instanceof ObjectNode object) {
      object.remove("createdAt");
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(digest.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(tree.toString().getBytes(StandardCharsets.UTF_8));
      return "portcullis-scan-" + HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Uploads the report; a server error (5xx) or a failed connection is tried again, twice, with the
   * same key.
   *
   * @param repository files the report under this repository; null for the report's own names
   * @param tag files it under this tag; null for the report's own
   */
  public Uploaded upload(byte[] report, String idempotencyKey, String repository, String tag)
      throws UploadException, InterruptedException {
    URI target = target(repository, tag);
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(report))
            .build();
    String problem = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        Thread.sleep(1000L * (attempt - 1));
      }
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        problem = "no answer within " + timeout.toSeconds() + " s";
        continue;
      } catch (IOException e) {
        problem = "cannot connect: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        continue;
      }
      int status = response.statusCode();
      if (status == 200 || status == 201) {
        return uploaded(response.body(), target);
      }
      problem = "HTTP " + status + errorMessage(response.body());
      if (status < 500) {
        break;
      }
    }
    throw new UploadException("uploading the report to " + target + " failed: " + problem);
  }

  private URI target(String repository, String tag) {
    String base = server.toString();
    StringBuilder url = new StringBuilder(base.endsWith("/") ? base : base + "/").append(PATH);
    char separator = '?';
    if (repository != null) {
      url.append(separator).append("repository=").append(encode(repository));
      separator = '&';
    }
    if (tag != null) {
      url.append(separator).append("tag=").append(encode(tag));
    }
    return URI.create(url.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Uploaded uploaded(String body, URI target) throws UploadException {
    JsonNode answer;
    try {
      answer = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UploadException(target + " answered with something other than JSON");
    }
    return new Uploaded(
        answer.path("scan").asLong(),
        answer.path("repeated").asBoolean(),
        answer.path("verdict").asText(""),
        answer.path("opened").asInt(),
        answer.path("fixed").asInt());
  }

  /** The server's one-line reason, from its JSON error; nothing else of the body. */
  private static String errorMessage(String body) {
    try {
      String message = Json.mapper().readTree(body).path("error").path("message").asText("");
      return message.isBlank() ? "" : ": " + message;
    } catch (IOException e) {
      return "";
    }
  }
}
