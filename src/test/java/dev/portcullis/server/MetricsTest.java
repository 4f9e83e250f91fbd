package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.LocalPrometheus;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.vulndb.Severity;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Submits the test inventory; returns the server's verdict. */
  private String submit(PortcullisServer server) throws Exception {
    String token = server.tokens().create("ci", Set.of(Scope.SUBMIT));
    HttpResponse<String> response =
        TestServers.send(server, "POST", "/api/v1/scans", token, ServerApiTest.inventory("1.0"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).path("verdict").asText();
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void promtoolAcceptsTheMetricsAndTheyAgreeWithTheStore(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend)) {
      String verdict = submit(server);
      String metrics = TestServers.scrape(server);
      Path file = directory.resolve("metrics.txt");
      Files.writeString(file, metrics);

      Process promtool =
          new ProcessBuilder("sh", "-c", "promtool check metrics < " + file)
              .redirectErrorStream(true)
              .start();
      String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(promtool.exitValue()).as(said).isZero();
      KpiSnapshot kpis = TestServers.kpis(server, null);
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
      KpiSnapshot kpis = TestServers.kpis(server, null);
      try (LocalPrometheus prometheus = LocalPrometheus.scraping(server.port(), directory)) {
        for (Severity severity : kpis.open().keySet()) {
          String label = severity.name().toLowerCase(Locale.ROOT);
          JsonNode open = prometheus.poll("portcullis_findings_open{severity=\"" + label + "\"}");
          assertThat(open.path(0).path("value").path(1).asDouble())
              .isEqualTo(kpis.open().get(severity).doubleValue());
        }
        JsonNode age = prometheus.poll("portcullis_oldest_unpatched_image_age_seconds");
        if (kpis.oldestUnpatched() == null) {
          assertThat(age.path(0).path("value").path(1).asDouble()).isZero();
        } else {
          assertThat(age.path(0).path("value").path(1).asDouble()).isPositive();
        }
        JsonNode scans = prometheus.poll("sum(portcullis_scans_total)");
        assertThat(scans.path(0).path("value").path(1).asDouble()).isEqualTo(1.0);
        JsonNode overdue = prometheus.poll("sum(portcullis_findings_overdue)");
        long expected = kpis.overdue().values().stream().mapToLong(Long::longValue).sum();
        assertThat(overdue.path(0).path("value").path(1).asDouble()).isEqualTo((double) expected);
      }
    }
  }
}
