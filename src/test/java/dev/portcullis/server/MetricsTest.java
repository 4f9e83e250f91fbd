package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.vulndb.Severity;
import java.io.IOException;
import java.io.StringWriter;
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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /metrics}: promtool (Debian's prometheus package) accepts it, and a real Prometheus
 * scraping the server on loopback reads back the KPIs the store holds.
 */
class MetricsTest {

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(shared);
  }

  private PortcullisServer start(StoreBackend backend) throws Exception {
    return TestServers.start(
        backend,
        directory,
        database,
        true,
        ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
        new StringWriter());
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  /** Submits the test inventory; returns the server's verdict. */
  private String submit(PortcullisServer server) throws Exception {
    String token = server.tokens().create("ci", Set.of(Scope.SUBMIT));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/scans"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ServerApiTest.inventory("1.0")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).path("verdict").asText();
  }

  private KpiSnapshot kpis(PortcullisServer server) throws Exception {
    String body = get("http://127.0.0.1:" + server.port() + "/api/v1/kpis");
    return PortcullisServer.mapper().readValue(body, KpiSnapshot.class);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void promtoolAcceptsTheMetricsAndTheyAgreeWithTheStore(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend)) {
      String verdict = submit(server);
      String metrics = get("http://127.0.0.1:" + server.port() + "/metrics");
      Path file = directory.resolve("metrics.txt");
      Files.writeString(file, metrics);

      Process promtool =
          new ProcessBuilder("sh", "-c", "promtool check metrics < " + file)
              .redirectErrorStream(true)
              .start();
      String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(promtool.exitValue()).as(said).isZero();
      KpiSnapshot kpis = kpis(server);
      assertThat(kpis.open()).isNotEmpty();
      for (Severity severity : kpis.open().keySet()) {
        assertThat(metrics)
            .contains(
                "portcullis_findings_open{severity=\""
                    + severity.name().toLowerCase(Locale.ROOT)
                    + "\"} "
                    + kpis.open().get(severity).doubleValue());
      }
      assertThat(metrics)
          .contains("portcullis_findings_overdue{severity=\"critical\"}")
          .contains("portcullis_oldest_unpatched_image_age_seconds")
          .contains("portcullis_remediation_time_seconds{severity=\"high\"}")
          .contains("portcullis_vulnerability_database_age_seconds")
          .contains("portcullis_scans_total{outcome=\"" + verdict + "\"} 1.0")
          .contains("portcullis_scan_duration_seconds_count 1");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRealPrometheusScrapingTheServerReadsBackTheKpis(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend)) {
      submit(server);
      KpiSnapshot kpis = kpis(server);
      int port = LocalRegistry.freePort();
      Path config = directory.resolve("prometheus.yml");
      Files.writeString(
          config,
          "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: portcullis\n"
              + "    static_configs:\n      - targets: ['127.0.0.1:"
              + server.port()
              + "']\n");
      Process prometheus =
          new ProcessBuilder(
                  "prometheus",
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + directory.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("prometheus.log").toFile())
              .start();
      try {
        String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";
        for (Severity severity : kpis.open().keySet()) {
          String label = severity.name().toLowerCase(Locale.ROOT);
          JsonNode open =
              poll(api + encode("portcullis_findings_open{severity=\"" + label + "\"}"));
          assertThat(open.path(0).path("value").path(1).asDouble())
              .isEqualTo(kpis.open().get(severity).doubleValue());
        }
        JsonNode age = poll(api + encode("portcullis_oldest_unpatched_image_age_seconds"));
        if (kpis.oldestUnpatched() == null) {
          assertThat(age.path(0).path("value").path(1).asDouble()).isZero();
        } else {
          assertThat(age.path(0).path("value").path(1).asDouble()).isPositive();
        }
        JsonNode scans = poll(api + encode("sum(portcullis_scans_total)"));
        assertThat(scans.path(0).path("value").path(1).asDouble()).isEqualTo(1.0);
        JsonNode overdue = poll(api + encode("sum(portcullis_findings_overdue)"));
        long expected = kpis.overdue().values().stream().mapToLong(Long::longValue).sum();
        assertThat(overdue.path(0).path("value").path(1).asDouble()).isEqualTo((double) expected);
      } finally {
        prometheus.destroy();
        prometheus.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Asks Prometheus until the query has a result: it scrapes every second; bounded at 60 s. */
  private JsonNode poll(String url) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      try {
        JsonNode answer = json.readTree(get(url));
        if (answer.path("data").path("result").size() > 0) {
          return answer.path("data").path("result");
        }
      } catch (IOException | AssertionError e) {
        // Prometheus is still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Prometheus never answered " + url);
  }

  private static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }
}
