package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.testing.CiReports;
import dev.portcullis.testing.StoreBackend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, oversized and slow requests to every route get a 4xx with a JSON error, never a 500.
 * Nothing here depends on the store, so it runs on the embedded one only.
 */
class HostileRequestTest {

  private static final long MAX_BODY = 256 * 1024;

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();
  private PortcullisServer server;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    server =
        TestServers.start(
            StoreBackend.H2, directory, directory.resolve("none.sqlite"), false, MAX_BODY, log);
    admin = server.tokens().create("admin", Set.of(Scope.ADMIN));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void malformedBodiesAreRefusedWithAJsonError() throws Exception {
    byte[] report = CiReports.report("team/app", "1", "a", 3);
    List<HttpResponse<String>> refused = new ArrayList<>();
    refused.add(post("/api/v1/scans", report, "Content-Type", "text/plain"));
    refused.add(post("/api/v1/scans", report, "Content-Type", "application/x-www-form-urlencoded"));
    refused.add(post("/api/v1/scans", new byte[0]));
    refused.add(post("/api/v1/scans", "{\"tool\": \"portcullis\",".getBytes()));
    refused.add(post("/api/v1/scans", "\u0000\u0001binary".getBytes()));
    refused.add(post("/api/v1/scans", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes()));
    refused.add(
        post("/api/v1/scans", ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes()));
    refused.add(
        post(
            "/api/v1/scans",
            ("{\"tool\": \"portcullis\", \"schemaVersion\": 1" + "0".repeat(100_000) + "}")
                .getBytes()));
    refused.add(
        post(
            "/api/v1/scans",
            ("{\"tool\": \"portcullis\", \"schemaVersion\": 1e999999999, \"findings\": []}")
                .getBytes()));
    refused.add(post("/api/v1/scans", "\"just a string\"".getBytes()));
    refused.add(post("/api/v1/scans", "null".getBytes()));
    refused.add(
        post(
            "/api/v1/scans",
            new String(report, StandardCharsets.UTF_8)
                .replace("\"severity\":\"CRITICAL\"", "\"severity\":{\"$gt\":1}")
                .getBytes()));

    assertRefused(refused);
  }

  @Test
  void unknownAndHostileParameterValuesAreRefused() throws Exception {
    byte[] report = CiReports.report("team/app", "1", "b", 3);
    List<HttpResponse<String>> refused = new ArrayList<>();
    refused.add(post("/api/v1/scans?repository=../../etc/passwd", report));
    refused.add(post("/api/v1/scans?repository=team/app&tag=../../etc", report));
    refused.add(post("/api/v1/scans?repository=" + "a".repeat(600), report));
    refused.add(post("/api/v1/scans", report, "Idempotency-Key", "k".repeat(200)));
    refused.add(get("/api/v1/findings?repository=..%2F..%2Fetc%2Fpasswd"));
    refused.add(get("/api/v1/findings?repository=team/app:1.0"));
    refused.add(get("/api/v1/findings?state=closed"));
    refused.add(get("/api/v1/findings?severity=HIGH,%00"));
    refused.add(get("/api/v1/findings?limit=0"));
    refused.add(get("/api/v1/findings?limit=-5"));
    refused.add(get("/api/v1/findings?limit=1e3"));
    refused.add(get("/api/v1/findings?after=99999999999999999999999999"));
    refused.add(get("/api/v1/findings?running=yes"));
    refused.add(get("/api/v1/kpis?windowDays=0"));
    refused.add(get("/api/v1/kpis?windowDays=NaN"));
    refused.add(get("/api/v1/kpis?windowDays=" + "9".repeat(40)));
    refused.add(get("/api/v1/findings/..%2F..%2Fetc%2Fpasswd"));
    refused.add(get("/api/v1/..;/..;/etc/passwd"));
    refused.add(get("/%2e%2e/%2e%2e/etc/passwd"));

    assertRefused(refused);
    assertThat(get("/api/v1/findings?repository=nginx").statusCode()).isEqualTo(200);
  }

  @Test
  void bodiesOverTheLimitAreRefusedWhetherOrNotTheyDeclareTheirLength() throws Exception {
    byte[] large = new byte[(int) MAX_BODY * 2];
    HttpResponse<String> declared = post("/api/v1/scans", large);
    HttpResponse<String> chunked =
        http.send(
            request("/api/v1/scans")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertRefused(List.of(declared, chunked));
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
  }

  @Test
  void headersOverTheLimitGetA431InJson() throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/v1/kpis").header("X-Padding", "p".repeat(20 * 1024)).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertRefused(List.of(response));
    assertThat(response.statusCode()).isEqualTo(431);
  }

  /** A client that sends part of its body and stalls is cut off, and gets no 500. */
  @Test
  void aClientThatStallsMidBodyIsCutOff() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) PortcullisServer.IDLE_TIMEOUT.toMillis() * 2);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/scans HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + admin
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"tool\"")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);

      assertThat(answer).doesNotStartWith("HTTP/1.1 500").doesNotContain("\tat ");
      if (!answer.isEmpty()) {
        assertThat(answer).startsWith("HTTP/1.1 4");
      }
    }
    assertThat(log.toString()).doesNotContain("internal error");
  }

  private void assertRefused(List<HttpResponse<String>> responses) throws IOException {
    for (HttpResponse<String> response : responses) {
      String what = response.request().method() + " " + response.uri() + ": " + response.body();
      assertThat(response.statusCode()).as(what).isBetween(400, 499);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .as(what)
          .startsWith("application/json");
      JsonNode error = json.readTree(response.body()).path("error");
      assertThat(error.path("status").asInt()).as(what).isEqualTo(response.statusCode());
      assertThat(error.path("message").asText()).as(what).isNotBlank();
      assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(log.toString()).doesNotContain("internal error");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + admin);
  }

  private HttpResponse<String> post(String path, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
