package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.CiReports;
import dev.portcullis.testing.Cli;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store stops while the server runs and starts again on the same port and data: the
 * server answers 503 in JSON meanwhile, says so in /health and /metrics, and recovers by itself.
 */
class StoreOutageTest {

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();

  @Test
  void whileTheDatabaseIsDownWritesGet503AndTheServerRecoversWhenItReturns() throws Exception {
    Path data = directory.resolve("postgres");
    int port = freePort();
    EmbeddedPostgres database = postgres(data, port);
    StoreLocation location =
        new StoreLocation(database.getJdbcUrl("postgres", "postgres"), null, null);
    try (PortcullisServer server =
        TestServers.start(location, directory.resolve("none.sqlite"), false, 1024 * 1024, log)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT, Scope.READ));
      assertThat(submit(server, ci, "before").statusCode()).isEqualTo(201);

      database.close();

      HttpResponse<String> write = submit(server, ci, "during");
      HttpResponse<String> read = get(server, ci, "/api/v1/kpis");
      HttpResponse<String> health = get(server, null, "/health");
      HttpResponse<String> ready = get(server, null, "/health/ready");
      HttpResponse<String> live = get(server, null, "/health/live");
      HttpResponse<String> metrics = get(server, null, "/metrics");
      for (HttpResponse<String> refused : java.util.List.of(write, read)) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        JsonNode error = json.readTree(refused.body()).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(503);
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("unavailable");
      assertThat(json.readTree(health.body()).path("store").asText()).isEqualTo("down");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(json.readTree(live.body()).path("status").asText()).isEqualTo("live");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("portcullis_dependency_up{kind=\"store\",target=\"store\"} 0.0");

      database = postgres(data, port);
      try {
        HttpResponse<String> after =
            submitUntilAccepted(server, ci, "after", Duration.ofSeconds(60));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
        HttpResponse<String> healthAfter = get(server, null, "/health");
        assertThat(healthAfter.statusCode()).isEqualTo(200);
        assertThat(get(server, null, "/health/ready").statusCode()).isEqualTo(200);
        assertThat(json.readTree(healthAfter.body()).path("store").asText()).isEqualTo("up");
        assertThat(get(server, null, "/metrics").body())
            .contains("portcullis_dependency_up{kind=\"store\",target=\"store\"} 1.0");
        assertThat(json.readTree(get(server, ci, "/api/v1/kpis").body()).path("images").asInt())
            .isEqualTo(2);
      } finally {
        database.close();
      }
    }
    assertThat(log.toString()).doesNotContain("internal error");
  }

  @Test
  void serveExitsWithAClearErrorWhenTheDatabaseIsDownAtStart() throws Exception {
    int closed = freePort();

    Cli.Result result =
        Cli.run(
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--db-url",
            "jdbc:postgresql://127.0.0.1:" + closed + "/portcullis",
            "--db",
            directory.resolve("none.sqlite").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("cannot open the store").contains(String.valueOf(closed));
    assertThat(result.err()).doesNotContain("\tat ");
  }

  private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private HttpResponse<String> submitUntilAccepted(
      PortcullisServer server, String token, String seed, Duration patience) throws Exception {
    Instant deadline = Instant.now().plus(patience);
    HttpResponse<String> response = submit(server, token, seed);
    while (response.statusCode() == 503 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      response = submit(server, token, seed);
    }
    return response;
  }

  private HttpResponse<String> submit(PortcullisServer server, String token, String seed)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/scans"))
            .header("Authorization", "Bearer " + token)
            .header("Idempotency-Key", seed)
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    CiReports.report("team/outage", seed, seed, 10)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(PortcullisServer server, String token, String path)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
