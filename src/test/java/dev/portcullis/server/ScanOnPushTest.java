package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.feed.FeedSettings;
import dev.portcullis.feed.WatchedRepository;
import dev.portcullis.feed.WebhookSecret;
import dev.portcullis.image.Digest;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.TestImages;
import dev.portcullis.testing.WrittenOsv;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scan on push and watched repositories, end to end on H2 and PostgreSQL: the real registry
 * (Debian's docker-registry) notifies the server of a skopeo push, or the server polls its tags;
 * the server pulls the image and its findings show in the API.
 */
class ScanOnPushTest {

  private static final String SECRET = "Bearer 6c1f0e9a2d7b4c38a5e1";
  private static final String ADVISORY = "DEBIAN-CVE-2099-7001";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();

  /** An open advisory for the test image's less: every scan of it finds one. */
  @BeforeAll
  static void writeDatabase() throws IOException {
    var record = WrittenOsv.debian12(ADVISORY, "less");
    WrittenOsv.rangeFrom(record, "0");
    WrittenOsv.write(shared, record);
    database = WrittenOsv.database(shared);
  }

  private static FeedSettings feeds(String registry) {
    return FeedSettings.defaults()
        .withSecret(Optional.of(new WebhookSecret(WebhookSecret.DISTRIBUTION_HEADER, SECRET)))
        .withRegistries(Set.of(registry), null)
        .withRetries(Duration.ofSeconds(1), 3);
  }

  /** The registry's notifications section: every push to the server's hook, with the secret. */
  private static String notifications(int serverPort) {
    return """
        endpoints:
          - name: portcullis
            url: http://127.0.0.1:%d/api/v1/hooks/distribution
            headers:
              %s: ["%s"]
            timeout: 5s
            threshold: 3
            backoff: 1s
            ignore:
              actions: [pull]
        """
        .formatted(serverPort, WebhookSecret.DISTRIBUTION_HEADER, SECRET);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aPushTheRegistryNotifiesIsPulledScannedAndItsFindingsListed(StoreBackend backend)
      throws Exception {
    int port = LocalRegistry.freePort();
    try (LocalRegistry registry =
            LocalRegistry.start(directory.resolve("registry"), null, notifications(port));
        PortcullisServer server =
            TestServers.start(backend, directory, database, port, feeds(registry.host()), log)) {
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      Digest pushed = push(registry, "team/app:1.0");
      String repository = registry.host() + "/team/app";

      JsonNode findings =
          await(
              () -> get(server, "/api/v1/findings?repository=" + repository, reader),
              body -> body.toString().contains(ADVISORY));

      assertThat(findings.toString()).contains("\"less\"");
      assertThat(send(server, "GET", "/metrics", null, null, null).body())
          .contains("portcullis_scans_total{outcome=\"pass\"}");
      assertThat(log.toString())
          .contains("scan-image " + repository + ":1.0@" + pushed + ": pulled");

      // The same digest under another tag: the stored inventory is matched, nothing pulled.
      push(registry, "team/app:1.1");
      await(log::toString, text -> text.contains(":1.1@" + pushed + ": re-matched"));
      assertThat(count(log.toString(), ": pulled")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aHarborWebhookWithItsAuthHeaderIsScannedToo(StoreBackend backend) throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(directory.resolve("registry"), null);
        PortcullisServer server =
            TestServers.start(backend, directory, database, 0, feeds(registry.host()), log)) {
      String reader = server.tokens().create("dashboard", Set.of(Scope.READ));
      Digest pushed = push(registry, "library/web:3");
      byte[] payload =
          ("""
              {"type": "PUSH_ARTIFACT", "occur_at": 1767225600, "operator": "admin",
               "event_data": {
                 "resources": [{"digest": "%s", "tag": "3", "resource_url": "%s/library/web:3"}],
                 "repository": {"name": "web", "namespace": "library",
                                "repo_full_name": "library/web", "repo_type": "public"}}}
              """)
              .formatted(pushed, registry.host())
              .getBytes();

      HttpResponse<String> accepted = post(server, "harbor", payload, SECRET);

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      await(
          () ->
              get(
                  server,
                  "/api/v1/findings?repository=" + registry.host() + "/library/web",
                  reader),
          body -> body.toString().contains(ADVISORY));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRegistryThatIsDownShowsInHealthAndThePullIsRetried(StoreBackend backend) throws Exception {
    String down = "127.0.0.1:" + LocalRegistry.freePort();
    FeedSettings feeds = feeds(down).withRetries(Duration.ofSeconds(1), 2);
    try (PortcullisServer server = TestServers.start(backend, directory, database, 0, feeds, log)) {
      Digest digest = Digest.sha256Of("never pushed".getBytes());

      HttpResponse<String> accepted =
          post(server, "distribution", envelope(down, "team/app", digest), SECRET);

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      assertThat(json.readTree(accepted.body()).at("/queued/0/digest").asText())
          .isEqualTo(digest.toString());
      JsonNode registry =
          await(
              () -> registryHealth(server, down),
              state -> !state.isMissingNode() && state.path("failures").asInt() >= 2);
      assertThat(registry.path("up").asBoolean()).isFalse();
      assertThat(registry.path("problem").asText()).contains("cannot connect to " + down);
      HttpResponse<String> health = send(server, "GET", "/health", null, null, null);
      assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("degraded");
      await(log::toString, text -> text.contains("given up after 2 retries"));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aDigestTheRegistryDoesNotHaveIsGivenUpAtOnce(StoreBackend backend) throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(directory.resolve("registry"), null);
        PortcullisServer server =
            TestServers.start(backend, directory, database, 0, feeds(registry.host()), log)) {
      Digest missing = Digest.sha256Of("never pushed".getBytes());

      HttpResponse<String> accepted =
          post(server, "distribution", envelope(registry.host(), "team/app", missing), SECRET);

      assertThat(accepted.statusCode()).isEqualTo(202);
      String line = await(log::toString, text -> text.contains(missing + ": not scanned: "));
      assertThat(line).contains("not found (404)").doesNotContain("failed:");
      assertThat(registryHealth(server, registry.host()).path("up").asBoolean()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aWatchedRepositorysNewTagIsPolledAndScanned(StoreBackend backend) throws Exception {
    try (LocalRegistry registry = LocalRegistry.start(directory.resolve("registry"), null)) {
      Digest pushed = push(registry, "team/base:2.0");
      push(registry, "team/base:nightly");
      FeedSettings feeds =
          feeds(registry.host())
              .withPolling(
                  List.of(WatchedRepository.parse(registry.host() + "/team/base:2.*")),
                  Duration.ofSeconds(1));
      try (PortcullisServer server =
          TestServers.start(backend, directory, database, 0, feeds, log)) {
        String reader = server.tokens().create("dashboard", Set.of(Scope.READ));

        await(
            () ->
                get(
                    server,
                    "/api/v1/findings?repository=" + registry.host() + "/team/base",
                    reader),
            body -> body.toString().contains(ADVISORY));

        assertThat(log.toString())
            .contains("scan-image " + registry.host() + "/team/base:2.0@" + pushed + ": pulled")
            .doesNotContain(":nightly@");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aWrongSecretIsRefusedAndABadPayloadIsAJsonError(StoreBackend backend) throws Exception {
    String registry = "127.0.0.1:5999";
    try (PortcullisServer server =
        TestServers.start(backend, directory, database, 0, feeds(registry), log)) {
      String submitter = server.tokens().create("registry", Set.of(Scope.SUBMIT));
      byte[] envelope = envelope(registry, "team/app", Digest.sha256Of(new byte[] {1}));

      HttpResponse<String> wrong = post(server, "distribution", envelope, "Bearer not-the-secret");
      HttpResponse<String> none = post(server, "harbor", envelope, null);
      HttpResponse<String> harborWrong =
          send(server, "POST", "/api/v1/hooks/harbor", envelope, "Authorization", "Basic eDp5");
      HttpResponse<String> bad = post(server, "distribution", "{\"events\": 7}".getBytes(), SECRET);
      HttpResponse<String> notJson = post(server, "harbor", "{".getBytes(), SECRET);
      HttpResponse<String> withToken =
          send(
              server,
              "POST",
              "/api/v1/hooks/distribution",
              envelope,
              "Authorization",
              "Bearer " + submitter);

      for (HttpResponse<String> refused : List.of(wrong, none, harborWrong)) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(json.readTree(refused.body()).at("/error/status").asInt()).isEqualTo(401);
      }
      for (HttpResponse<String> malformed : List.of(bad, notJson)) {
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).at("/error/message").asText())
            .isNotBlank()
            .doesNotContain("Exception");
      }
      assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(202);
      assertThat(log.toString()).doesNotContain("internal error").doesNotContain(SECRET);
    }
  }

  /** Pushes the Debian test image and returns its manifest digest. */
  private Digest push(LocalRegistry registry, String repositoryAndTag) throws Exception {
    Path digestFile = Files.createTempFile(directory, "pushed", ".digest");
    registry.push(
        "oci:" + TestImages.ociLayout() + ":debian",
        repositoryAndTag,
        null,
        "--digestfile=" + digestFile);
    return Digest.parse(Files.readString(digestFile).strip());
  }

  /** A distribution notification of one manifest push, as the registry writes it. */
  static byte[] envelope(String registry, String repository, Digest digest) {
    return ("""
        {"events": [{"action": "push", "target": {
          "mediaType": "application/vnd.oci.image.manifest.v1+json",
          "digest": "%s", "repository": "%s", "tag": "1.0",
          "url": "http://%s/v2/%s/manifests/%s"}}]}
        """)
        .formatted(digest, repository, registry, repository, digest)
        .getBytes();
  }

  private JsonNode registryHealth(PortcullisServer server, String target) throws Exception {
    JsonNode health = json.readTree(send(server, "GET", "/health", null, null, null).body());
    for (JsonNode dependency : health.path("dependencies")) {
      if (dependency.path("kind").asText().equals("registry")
          && dependency.path("target").asText().equals(target)) {
        return dependency;
      }
    }
    return json.missingNode();
  }

  /** Asks until the answer satisfies the condition, for at most {@link #WAIT}. */
  private <T> T await(Callable<T> probe, Predicate<T> condition) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.call();
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "not within " + WAIT.toSeconds() + " s; last answer: " + last + "\nserver log:\n" + log);
  }

  private JsonNode get(PortcullisServer server, String path, String token) throws Exception {
    HttpResponse<String> response =
        send(server, "GET", path, null, "Authorization", "Bearer " + token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** A webhook call with the secret in the header that registry sends it in. */
  private HttpResponse<String> post(
      PortcullisServer server, String registry, byte[] body, String secret) throws Exception {
    return secret == null
        ? send(server, "POST", "/api/v1/hooks/" + registry, body, null, null)
        : send(
            server,
            "POST",
            "/api/v1/hooks/" + registry,
            body,
            registry.equals("harbor")
                ? WebhookSecret.HARBOR_HEADER
                : WebhookSecret.DISTRIBUTION_HEADER,
            secret);
  }

  private HttpResponse<String> send(
      PortcullisServer server, String method, String path, byte[] body, String header, String value)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (header != null) {
      request.header(header, value);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }
}
