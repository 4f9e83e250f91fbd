package dev.portcullis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A forge API on loopback that records every request and gives one scripted answer to each,
 * standing in for GitHub or GitLab.
 */
public final class RecordingApi implements AutoCloseable {

  /** A request as it arrived; header names lower-cased, each with its values joined. */
  public record Recorded(
      String method, String rawPath, Map<String, String> headers, JsonNode body) {}

  private final HttpServer server;
  private final List<Recorded> requests = new ArrayList<>();
  private volatile int status = 201;
  private volatile Map<String, String> headers = Map.of("Content-Type", "application/json");
  private volatile String body = "{}";

  public RecordingApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::record);
    server.start();
  }

  /** The base URL with a path prefix, like a self-hosted API (http://127.0.0.1:PORT/api/v4). */
  public URI base(String prefix) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
  }

  public RecordingApi answer(int status, String json) {
    return answer(status, Map.of("Content-Type", "application/json; charset=utf-8"), json);
  }

  public RecordingApi answer(int status, Map<String, String> headers, String body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    return this;
  }

  public synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  private void record(HttpExchange exchange) throws IOException {
    Map<String, String> received = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                received.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    JsonNode json = new ObjectMapper().readTree(bytes);
    synchronized (this) {
      requests.add(
          new Recorded(
              exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), received, json));
    }
    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
