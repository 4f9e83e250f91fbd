package dev.portcullis.server;

import static dev.portcullis.server.TestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.report.InventoryWriter;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.TrackedImages;
import dev.portcullis.testing.WrittenRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The REST API over HTTP, on H2 and on PostgreSQL: submissions, reads, tokens and errors. */
class ServerApiTest {

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(shared);
  }

  private PortcullisServer start(StoreBackend backend) throws Exception {
    return TestServers.start(backend, directory, database, false, 1024 * 1024, log);
  }

  /**
   * A RHEL 9 image with an openssl the written records call vulnerable, as `sbom -f json` writes
   * it.
   */
  static byte[] inventory(String tag) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryWriter.forFormat(ReportFormat.JSON)
        .write(
            TrackedImages.rhelOpenssl(tag), new ToolInfo("portcullis", "test", Instant.now()), out);
    return out.toByteArray();
  }

  private JsonNode error(HttpResponse<String> response) throws IOException {
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("error").path("status").asInt()).isEqualTo(response.statusCode());
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    return body.path("error");
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aSubmittedInventoryIsMatchedAndItsFindingsAreListed(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));

      HttpResponse<String> submitted = send(server, "POST", "/api/v1/scans", ci, inventory("1.0"));

      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
      assertThat(json.readTree(submitted.body()).path("opened").asInt()).isPositive();
      HttpResponse<String> listed =
          send(
              server, "GET", "/api/v1/findings?repository=registry.example/team/app", reader, null);
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.body()).contains("RHSA-2099:3001").contains("openssl-libs");
      HttpResponse<String> kpis = send(server, "GET", "/api/v1/kpis", reader, null);
      assertThat(json.readTree(kpis.body()).path("repositories").asInt()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRetriedSubmissionWithTheSameIdempotencyKeyIsStoredOnce(StoreBackend backend)
      throws Exception {
    try (PortcullisServer server = start(backend)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));

      HttpResponse<String> first =
          send(server, "POST", "/api/v1/scans", ci, inventory("1.0"), "Idempotency-Key", "run-7");
      HttpResponse<String> again =
          send(server, "POST", "/api/v1/scans", ci, inventory("1.0"), "Idempotency-Key", "run-7");

      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(json.readTree(again.body()).path("repeated").asBoolean()).isTrue();
      assertThat(json.readTree(again.body()).path("scan").asLong())
          .isEqualTo(json.readTree(first.body()).path("scan").asLong());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void writesNeedATokenWithTheSubmitScope(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend)) {
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));

      HttpResponse<String> anonymous = send(server, "POST", "/api/v1/scans", null, inventory("1"));
      HttpResponse<String> readOnly = send(server, "POST", "/api/v1/scans", reader, inventory("1"));
      HttpResponse<String> unknown =
          send(server, "POST", "/api/v1/scans", "pcs_" + "A".repeat(43), inventory("1"));
      HttpResponse<String> anonymousRead = send(server, "GET", "/api/v1/findings", null, null);

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(readOnly.statusCode()).isEqualTo(403);
      assertThat(unknown.statusCode()).isEqualTo(401);
      assertThat(anonymousRead.statusCode()).isEqualTo(401);
      for (HttpResponse<String> response : List.of(anonymous, readOnly, unknown, anonymousRead)) {
        error(response);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void badRequestsGetAFourHundredWithAJsonErrorNeverAStackTrace(StoreBackend backend)
      throws Exception {
    try (PortcullisServer server = start(backend)) {
      String admin = server.tokens().create("admin", Set.of(Scope.ADMIN));

      List<HttpResponse<String>> bad =
          List.of(
              send(server, "POST", "/api/v1/scans", admin, "{not json".getBytes()),
              send(server, "POST", "/api/v1/scans", admin, new byte[0]),
              send(server, "POST", "/api/v1/scans", admin, "{\"bomFormat\": 7}".getBytes()),
              send(server, "POST", "/api/v1/scans", admin, "[1, 2, 3]".getBytes()),
              send(server, "GET", "/api/v1/findings?severity=DIRE", admin, null),
              send(server, "GET", "/api/v1/findings?limit=100000", admin, null),
              send(server, "GET", "/api/v1/findings?overdue=maybe", admin, null),
              send(server, "POST", "/api/v1/scans", admin, new byte[2 * 1024 * 1024]),
              send(server, "GET", "/api/v1/nothing-here", admin, null),
              send(server, "DELETE", "/api/v1/scans", admin, null),
              send(server, "GET", "/health", "not-a-token", null, "Authorization", "Basic eDp5"));

      for (HttpResponse<String> response : bad) {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        error(response);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      assertThat(log.toString()).doesNotContain("internal error");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void healthAndMetricsAnswer(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend)) {
      HttpResponse<String> health = send(server, "GET", "/health", null, null);
      HttpResponse<String> metrics = send(server, "GET", "/metrics", null, null);

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(json.readTree(health.body()).path("store").asText()).isEqualTo("up");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }
  }
}
