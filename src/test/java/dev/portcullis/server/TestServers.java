package dev.portcullis.server;

import dev.portcullis.admission.AdmissionConfig;
import dev.portcullis.feed.FeedSettings;
import dev.portcullis.image.Digest;
import dev.portcullis.policy.Policy;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.tracking.KpiSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** A server on a loopback port over a new or given store, with the empty policy. */
final class TestServers {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestServers() {}

  /**
   * @param directory where an embedded store keeps its file
   * @param database the vulnerability database
   * @param log receives what the server logs
   */
  static PortcullisServer start(
      StoreBackend backend,
      Path directory,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      Writer log)
      throws Exception {
    return start(
        backend,
        directory,
        database,
        anonymousReads,
        maxRequestBytes,
        BackgroundSettings.defaults(),
        log);
  }

  /** As above, with clusters to read, receivers to notify, rescans and feeds. */
  static PortcullisServer start(
      StoreBackend backend,
      Path directory,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      BackgroundSettings background,
      Writer log)
      throws Exception {
    return start(
        backend.location(directory),
        database,
        anonymousReads,
        maxRequestBytes,
        0,
        background,
        Clock.systemUTC(),
        log);
  }

  /** The same over a store the test placed itself, e.g. a PostgreSQL it stops and starts. */
  static PortcullisServer start(
      StoreLocation location,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      Writer log)
      throws Exception {
    return start(
        location, database, anonymousReads, maxRequestBytes, BackgroundSettings.defaults(), log);
  }

  /**
   * A server over an existing store, with its own background work.
   *
   * @param store where the store is, as {@link StoreBackend#location} made it
   */
  static PortcullisServer start(
      StoreLocation store,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      BackgroundSettings background,
      Writer log)
      throws Exception {
    return start(
        store, database, anonymousReads, maxRequestBytes, 0, background, Clock.systemUTC(), log);
  }

  /** A server over a store the test also opens, on the test's clock. */
  static PortcullisServer start(
      StoreLocation store,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      Clock clock,
      Writer log)
      throws Exception {
    return start(
        store,
        database,
        anonymousReads,
        maxRequestBytes,
        0,
        BackgroundSettings.defaults(),
        clock,
        log);
  }

  /**
   * A server on a given port (0 for any) with these registry feeds; its layer cache in {@code
   * directory}.
   */
  static PortcullisServer start(
      StoreBackend backend, Path directory, Path database, int port, FeedSettings feeds, Writer log)
      throws Exception {
    return start(
        backend.location(directory),
        database,
        false,
        ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
        port,
        BackgroundSettings.defaults()
            .withFeeds(
                feeds.withRegistries(feeds.insecureRegistries(), directory.resolve("layer-cache"))),
        Clock.systemUTC(),
        log);
  }

  /** A server with the admission webhook, reaching registries as the feeds say. */
  static PortcullisServer startWithAdmission(
      StoreLocation store,
      Path database,
      FeedSettings feeds,
      AdmissionConfig admission,
      Clock clock,
      Writer log)
      throws Exception {
    return start(
        store,
        database,
        false,
        ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
        0,
        BackgroundSettings.defaults().withFeeds(feeds),
        admission,
        clock,
        log);
  }

  private static PortcullisServer start(
      StoreLocation store,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      int port,
      BackgroundSettings background,
      Clock clock,
      Writer log)
      throws Exception {
    return start(
        store, database, anonymousReads, maxRequestBytes, port, background, null, clock, log);
  }

  private static PortcullisServer start(
      StoreLocation store,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      int port,
      BackgroundSettings background,
      AdmissionConfig admission,
      Clock clock,
      Writer log)
      throws Exception {
    return PortcullisServer.start(
        new ServerSettings(
            "127.0.0.1",
            port,
            store,
            database,
            Policy.empty(),
            anonymousReads,
            maxRequestBytes,
            null,
            background,
            admission),
        clock,
        new PrintWriter(log, true));
  }

  /** One request to the server; {@code token} null for none, {@code body} null for none. */
  static HttpResponse<String> send(
      PortcullisServer server,
      String method,
      String path,
      String token,
      byte[] body,
      String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The KPIs as {@code GET /api/v1/kpis} answers; {@code token} null on an anonymous-read server.
   */
  static KpiSnapshot kpis(PortcullisServer server, String token)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(server, "GET", "/api/v1/kpis", token, null);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET /api/v1/kpis: " + response.statusCode() + " " + response.body());
    }
    return PortcullisServer.mapper().readValue(response.body(), KpiSnapshot.class);
  }

  /** What Prometheus reads at {@code GET /metrics}. */
  static String scrape(PortcullisServer server) throws IOException, InterruptedException {
    HttpResponse<String> response = send(server, "GET", "/metrics", null, null);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics: " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** Submits a report as a CI job does; anything but 201 fails the test. */
  static void submit(PortcullisServer server, String token, String report)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            server,
            "POST",
            "/api/v1/scans",
            token,
            report.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    if (response.statusCode() != 201) {
      throw new AssertionError(
          "POST /api/v1/scans: " + response.statusCode() + " " + response.body());
    }
  }

  /** A CI job's report, as 'portcullis scan --format json' writes it. */
  static String report(String name, String tag, boolean failed, String... findings) {
    String digest = Digest.sha256Of((name + ":" + tag).getBytes(StandardCharsets.UTF_8)).toString();
    return "{\"tool\": \"portcullis\", \"schemaVersion\": 1, \"scanners\": [\"vuln\"],"
        + " \"image\": {\"name\": \"registry:registry.example/"
        + name
        + ":"
        + tag
        + "\", \"manifestDigest\": \""
        + digest
        + "\"}, \"findings\": ["
        + String.join(", ", findings)
        + "], \"gate\": {\"failed\": "
        + failed
        + "}}";
  }

  /** One finding of such a report: a Debian 12 package at version 1.0-1. */
  static String finding(String id, String packageName, String severity) {
    return "{\"vulnerabilityId\": \""
        + id
        + "\", \"packageName\": \""
        + packageName
        + "\", \"ecosystem\": \"Debian:12\", \"installedVersion\": \"1.0-1\", \"severity\": \""
        + severity
        + "\"}";
  }
}
