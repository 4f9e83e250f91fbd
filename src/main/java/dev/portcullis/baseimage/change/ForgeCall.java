package dev.portcullis.baseimage.change;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a {@link ForgeRequest} and turns the answer into the new request's web address, or into a
 * {@link ForgeException} that says what went wrong: once for every forge. Never follows redirects,
 * so the token goes nowhere but the API it was given for.
 */
final class ForgeCall {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final String token;

  /**
   * @param token only to remove it from anything an answer echoes
   */
  ForgeCall(String token) {
    this.token = token;
  }

  URI post(ForgeRequest request) throws ForgeException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Portcullis")
            .POST(HttpRequest.BodyPublishers.ofString(request.body().toString()));
    request.headers().forEach(builder::header);
    HttpResponse<InputStream> response = send(request, builder.build());
    byte[] bytes = read(request, response);
    Optional<JsonNode> json = parse(bytes);
    int status = response.statusCode();
    if (status / 100 == 2) {
      return webAddress(request, response, json);
    }
    String detail = bytes.length == 0 ? "" : detail(json, response);
    throw new ForgeException(ForgeRefusal.explain(request, status, response.headers(), detail));
  }

  private HttpResponse<InputStream> send(ForgeRequest request, HttpRequest httpRequest)
      throws ForgeException {
    String host = request.uri().getHost() + portSuffix(request.uri());
    try {
      return http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new ForgeException(
          request.action() + ": no answer from " + host + " in time; try again later", e);
    } catch (ConnectException e) {
      throw new ForgeException(
          request.action()
              + ": cannot connect to "
              + host
              + " ("
              + reason(e)
              + "); check the API URL and the network",
          e);
    } catch (IOException e) {
      throw new ForgeException(
          request.action() + ": network failure talking to " + host + " (" + reason(e) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ForgeException(request.action() + ": interrupted", e);
    }
  }

  private byte[] read(ForgeRequest request, HttpResponse<InputStream> response)
      throws ForgeException {
    try {
      return Json.readBounded(response.body(), MAX_ANSWER_BYTES, "the answer");
    } catch (IOException e) {
      throw new ForgeException(
          request.action() + ": cannot read the answer (" + redact(reason(e)) + ")", e);
    }
  }

  private static Optional<JsonNode> parse(byte[] bytes) {
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (IOException e) {
      // Not JSON (an HTML error page, a proxy's answer): the caller says so.
      return Optional.empty();
    }
  }

  private URI webAddress(
      ForgeRequest request, HttpResponse<InputStream> response, Optional<JsonNode> json)
      throws ForgeException {
    String answer = "the API answered " + response.statusCode();
    if (json.isEmpty()) {
      throw new ForgeException(
          request.action()
              + ": "
              + answer
              + " with "
              + contentType(response)
              + ", not JSON; is "
              + request.uri().resolve("/")
              + " the forge's API?");
    }
    JsonNode url = json.get().path(request.urlField());
    if (!url.isTextual() || url.asText().isBlank()) {
      throw new ForgeException(
          request.action() + ": " + answer + " without " + request.urlField() + " in its JSON");
    }
    try {
      return URI.create(url.asText());
    } catch (IllegalArgumentException e) {
      throw new ForgeException(
          request.action() + ": " + answer + " with an invalid " + request.urlField(), e);
    }
  }

  /** The API's own explanation, or what the answer was when it is not JSON. */
  private String detail(Optional<JsonNode> json, HttpResponse<InputStream> response) {
    if (json.isEmpty()) {
      return "answer was " + contentType(response) + ", not JSON";
    }
    return ApiMessage.of(json.get(), this::redact);
  }

  private String redact(String text) {
    return token.isEmpty() ? text : text.replace(token, "***");
  }

  private static String contentType(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Content-Type")
        .map(t -> t.split(";")[0])
        .orElse("no content type");
  }

  private static String portSuffix(URI uri) {
    return uri.getPort() < 0 ? "" : ":" + uri.getPort();
  }

  private static String reason(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName()
        : e.getMessage();
  }
}
