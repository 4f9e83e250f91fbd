package dev.portcullis.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian's prometheus package) on 127.0.0.1 and a free port, scraping one target
 * every second, with its storage in a directory the test owns.
 */
public final class LocalPrometheus implements AutoCloseable {

  /** How long a query is retried while Prometheus starts or has not scraped yet. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private LocalPrometheus(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Prometheus scraping {@code 127.0.0.1:targetPort/metrics}; its files in {@code dir}. */
  public static LocalPrometheus scraping(int targetPort, Path dir) throws IOException {
    int port = LocalRegistry.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: portcullis\n"
            + "    static_configs:\n      - targets: ['127.0.0.1:"
            + targetPort
            + "']\n");
    Process process =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    return new LocalPrometheus(process, port);
  }

  /** The result of an instant query now, asked until it has at least one series. */
  public JsonNode poll(String query) throws IOException, InterruptedException {
    return pollUntil(query, result -> result.size() > 0);
  }

  /** The result of an instant query now, asked until {@code done} accepts it. */
  public JsonNode pollUntil(String query, Predicate<JsonNode> done)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    String last = "nothing";
    while (Instant.now().isBefore(deadline)) {
      try {
        JsonNode result = ask("query=" + encode(query));
        if (done.test(result)) {
          return result;
        }
        last = result.toString();
      } catch (IOException e) {
        last = e.getMessage(); // Prometheus is still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Prometheus never answered " + query + " as expected; last: " + last);
  }

  /** The result of an instant query evaluated at {@code time}, asked once. */
  public JsonNode queryAt(String query, Instant time) throws IOException, InterruptedException {
    return ask("query=" + encode(query) + "&time=" + time.toEpochMilli() / 1000.0);
  }

  private JsonNode ask(String parameters) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/query?" + parameters))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "Prometheus answered " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body()).path("data").path("result");
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
