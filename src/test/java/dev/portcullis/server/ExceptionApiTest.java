package dev.portcullis.server;

import static dev.portcullis.server.TestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.MovableClock;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exceptions and the audit trail over HTTP, on H2 and on PostgreSQL. */
class ExceptionApiTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final String REPOSITORY = "registry.example/team/app";

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();
  private final MovableClock clock = new MovableClock(T0);

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(shared);
  }

  private PortcullisServer start(StoreBackend backend, boolean anonymousReads) throws Exception {
    return TestServers.start(
        backend.location(directory), database, anonymousReads, 1024 * 1024, clock, log);
  }

  private static byte[] exception(String vulnerability, String expires) {
    return ("{\"vulnerabilityId\": \""
            + vulnerability
            + "\", \"repository\": \""
            + REPOSITORY
            + "\", \"owner\": \"team-app\", \"reason\": \"fixed in the next base image\","
            + " \"expires\": \""
            + expires
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A CI job's report, as 'portcullis scan --format json' writes it: one CRITICAL finding. */
  static byte[] criticalReport() {
    return ("{\"tool\": \"portcullis\", \"schemaVersion\": 1, \"scanners\": [\"vuln\"],"
            + " \"image\": {\"name\": \"registry:registry.example/team/app:1.0\","
            + " \"manifestDigest\": \"sha256:"
            + "ab".repeat(32)
            + "\"}, \"findings\": [{\"vulnerabilityId\": \"CVE-2099-7001\","
            + " \"aliases\": [\"GHSA-xxxx-yyyy-zzzz\"], \"packageName\": \"openssl\","
            + " \"ecosystem\": \"Debian:12\", \"installedVersion\": \"3.0.11-1\","
            + " \"severity\": \"CRITICAL\"}], \"gate\": {\"failed\": true}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private int overdue(PortcullisServer server, String token) throws Exception {
    HttpResponse<String> listed = send(server, "GET", "/api/v1/findings?overdue=true", token, null);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    return json.readTree(listed.body()).path("findings").size();
  }

  /** The overdue findings as the KPIs count them, which a change on this server updates at once. */
  private int overdueKpi(PortcullisServer server, String token) throws Exception {
    HttpResponse<String> kpis = send(server, "GET", "/api/v1/kpis", token, null);
    assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
    return json.readTree(kpis.body()).path("overdue").path("CRITICAL").asInt();
  }

  private void assertJsonError(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("error").path("status").asInt()).isEqualTo(status);
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void anExceptionSuppressesAFindingAtOnceAndExpiringItMakesItOverdueAgainAndBothAreAudited(
      StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend, false)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      String admin = server.tokens().create("security-lead", Set.of(Scope.ADMIN));
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      assertThat(send(server, "POST", "/api/v1/scans", ci, criticalReport()).statusCode())
          .isEqualTo(201);
      clock.set(T0.plus(Duration.ofDays(31)));
      assertThat(overdue(server, reader)).isEqualTo(1);
      assertThat(overdueKpi(server, reader)).isEqualTo(1);

      // an alias names it, as in the policy file
      HttpResponse<String> created =
          send(
              server,
              "POST",
              "/api/v1/exceptions",
              admin,
              exception("GHSA-xxxx-yyyy-zzzz", "2027-01-31"));

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode exception = json.readTree(created.body());
      assertThat(exception.path("state").asText()).isEqualTo("active");
      assertThat(exception.path("createdBy").asText()).isEqualTo("security-lead");
      assertThat(exception.path("expiresAt").asText()).isEqualTo("2027-02-01T00:00:00Z");
      assertThat(overdue(server, reader)).isZero();
      assertThat(overdueKpi(server, reader)).isZero();
      JsonNode finding =
          json.readTree(send(server, "GET", "/api/v1/findings", reader, null).body())
              .path("findings")
              .get(0);
      assertThat(finding.path("exceptedUntil").asText()).isEqualTo("2027-02-01T00:00:00Z");
      JsonNode soon =
          json.readTree(
              send(server, "GET", "/api/v1/exceptions?expiringWithinDays=60", reader, null).body());
      assertThat(soon.path("exceptions").size()).isEqualTo(1);

      clock.set(T0.plus(Duration.ofDays(32)));
      HttpResponse<String> expired =
          send(
              server,
              "POST",
              "/api/v1/exceptions/" + exception.path("id").asLong() + "/expire",
              admin,
              null);

      assertThat(expired.statusCode()).as(expired.body()).isEqualTo(200);
      assertThat(json.readTree(expired.body()).path("state").asText()).isEqualTo("expired");
      assertThat(overdue(server, reader)).isEqualTo(1);
      assertThat(overdueKpi(server, reader)).isEqualTo(1);
      JsonNode states =
          json.readTree(
              send(server, "GET", "/api/v1/exceptions?state=expired", reader, null).body());
      assertThat(states.path("exceptions").size()).isEqualTo(1);
      HttpResponse<String> audit = send(server, "GET", "/api/v1/audit", admin, null);
      assertThat(audit.statusCode()).isEqualTo(200);
      JsonNode events = json.readTree(audit.body()).path("events");
      assertThat(events.size()).isEqualTo(2);
      assertThat(events.get(0).path("action").asText()).isEqualTo("exception.create");
      assertThat(events.get(0).path("actor").asText()).isEqualTo("security-lead");
      assertThat(events.get(0).path("occurredAt").asText()).isEqualTo("2027-01-01T09:00:00Z");
      assertThat(events.get(0).path("detail").path("after").path("reason").asText())
          .isEqualTo("fixed in the next base image");
      assertThat(events.get(1).path("action").asText()).isEqualTo("exception.expire");
      assertThat(events.get(1).path("detail").path("before").path("state").asText())
          .isEqualTo("active");
      assertThat(events.get(1).path("detail").path("findings").asInt()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void onlyAnAdminTokenChangesExceptionsOrReadsTheAuditTrail(StoreBackend backend)
      throws Exception {
    try (PortcullisServer server = start(backend, false)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      byte[] body = exception("CVE-2099-3001", "2027-01-31");

      assertJsonError(send(server, "POST", "/api/v1/exceptions", reader, body), 403);
      assertJsonError(send(server, "POST", "/api/v1/exceptions", ci, body), 403);
      assertJsonError(send(server, "POST", "/api/v1/exceptions", null, body), 401);
      assertJsonError(send(server, "POST", "/api/v1/exceptions/1/expire", reader, null), 403);
      assertJsonError(send(server, "GET", "/api/v1/audit", reader, null), 403);
      assertJsonError(send(server, "GET", "/api/v1/exceptions", null, null), 401);
      assertJsonError(send(server, "GET", "/api/v1/exceptions", ci, null), 403);
      assertThat(send(server, "GET", "/api/v1/exceptions", reader, null).statusCode())
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void anonymousReadsWhenConfiguredButNeverAnonymousWrites(StoreBackend backend) throws Exception {
    try (PortcullisServer server = start(backend, true)) {
      for (String path :
          List.of("/api/v1/exceptions", "/api/v1/repositories", "/api/v1/findings")) {
        assertThat(send(server, "GET", path, null, null).statusCode()).as(path).isEqualTo(200);
      }
      assertJsonError(
          send(server, "POST", "/api/v1/exceptions", null, exception("CVE-1", "2027-01-31")), 401);
      assertJsonError(send(server, "POST", "/api/v1/exceptions/1/expire", null, null), 401);
      assertJsonError(send(server, "GET", "/api/v1/audit", null, null), 401);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void badExceptionsAndParametersGetAFourHundredWithAJsonError(StoreBackend backend)
      throws Exception {
    try (PortcullisServer server = start(backend, false)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));
      String admin = server.tokens().create("admin", Set.of(Scope.ADMIN));
      send(server, "POST", "/api/v1/scans", ci, ServerApiTest.inventory("1.0"));

      for (byte[] body :
          List.of(
              exception("CVE-2099-3001", "2026-11-30"),
              exception("CVE-2099-3001", "2028-06-01"),
              exception("CVE-2099-3001", "next week"),
              exception("CVE 2099 3001", "2027-01-31"),
              "{\"vulnerabilityId\": \"CVE-1\", \"expires\": \"2027-01-31\"}".getBytes(),
              "{not json".getBytes(),
              "[1, 2]".getBytes(),
              new byte[0])) {
        assertJsonError(send(server, "POST", "/api/v1/exceptions", admin, body), 400);
      }
      for (String path :
          List.of(
              "/api/v1/exceptions?expiringWithinDays=soon",
              "/api/v1/exceptions?expiringWithinDays=9999",
              "/api/v1/exceptions?state=sleeping",
              "/api/v1/exceptions?limit=0",
              "/api/v1/audit?limit=100000",
              "/api/v1/audit?after=-1")) {
        assertJsonError(send(server, "GET", path, admin, null), 400);
      }
      assertJsonError(send(server, "POST", "/api/v1/exceptions/abc/expire", admin, null), 400);
      assertJsonError(send(server, "POST", "/api/v1/exceptions/999/expire", admin, null), 404);
      assertThat(
              json.readTree(send(server, "GET", "/api/v1/exceptions", admin, null).body())
                  .path("exceptions")
                  .size())
          .isZero();
      assertThat(log.toString()).doesNotContain("internal error");
    }
  }
}
