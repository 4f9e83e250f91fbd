package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers a real registry never gives (server errors, garbage, lies about digests), served by a
 * hostile HTTP server: each must end in one clear line and exit code 2.
 */
class HostileRegistryTest {

  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:"
          + "0".repeat(64)
          + "\",\"size\":2},\"layers\":[]}";

  private static HttpServer server;
  private static final AtomicBoolean rateLimitedOnce = new AtomicBoolean();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v2/", HostileRegistryTest::answer);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.endsWith("/manifests/fails")) {
      send(exchange, 500, "internal trouble", null);
    } else if (path.endsWith("/manifests/garbage")) {
      send(exchange, 200, "<html>this is no manifest", null);
    } else if (path.endsWith("/manifests/lies")) {
      send(exchange, 200, MANIFEST, "sha256:" + "1".repeat(64));
    } else if (path.endsWith("/manifests/ratelimited")) {
      exchange.getResponseHeaders().add("Retry-After", "0");
      send(
          exchange,
          429,
          "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}",
          null);
    } else if (path.endsWith("/manifests/ratelimited-for-an-hour")) {
      exchange.getResponseHeaders().add("Retry-After", "3600");
      send(exchange, 429, "", null);
    } else if (path.endsWith("/manifests/ratelimited-once")) {
      if (rateLimitedOnce.getAndSet(true)) {
        send(exchange, 200, "<html>served at last", null);
      } else {
        exchange.getResponseHeaders().add("Retry-After", "0");
        send(exchange, 429, "", null);
      }
    } else if (path.endsWith("/manifests/strange-auth")) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
      send(exchange, 401, "", null);
    } else {
      send(
          exchange,
          404,
          "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}",
          null);
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String digest)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (digest != null) {
      exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static Cli.Result pull(String tag) {
    return Cli.run(
        "sbom",
        "image",
        "registry:127.0.0.1:" + server.getAddress().getPort() + "/app:" + tag,
        "--insecure-registry",
        "--no-cache");
  }

  private static void assertOneLineError(Cli.Result result, String... fragments) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains(fragments).doesNotContain("\tat ");
  }

  @Test
  void serverErrorIsReported() {
    assertOneLineError(pull("fails"), "pull manifest fails", "the registry failed with 500");
  }

  @Test
  void garbageManifestIsReported() {
    assertOneLineError(pull("garbage"), "manifest", "not valid JSON");
  }

  @Test
  void manifestThatDoesNotMatchItsClaimedDigestIsRejected() {
    assertOneLineError(pull("lies"), "digest mismatch");
  }

  @Test
  void rateLimitIsRetriedThenReportedWithTheRegistrysMessage() {
    assertOneLineError(
        pull("ratelimited"), "rate limited", "slow down", "4 times", "log in (docker login)");
  }

  @Test
  void aRateLimitOfAnHourIsNotWaitedFor() {
    assertOneLineError(pull("ratelimited-for-an-hour"), "rate limited", "asks to wait 3600 s");
  }

  @Test
  void aRateLimitThatPassesIsRetried() {
    // The retry reaches the manifest, which is garbage: past the rate limit.
    assertOneLineError(pull("ratelimited-once"), "manifest", "not valid JSON");
  }

  @Test
  void unsupportedAuthenticationSchemeIsReported() {
    assertOneLineError(pull("strange-auth"), "unsupported authentication challenge 'negotiate'");
  }

  @Test
  void unknownRepositoryIsNotFound() {
    assertOneLineError(pull("anything"), "not found (404)", "NAME_UNKNOWN");
  }

  @Test
  void nothingListeningIsAConnectionError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertOneLineError(
        Cli.run("sbom", "image", "registry:127.0.0.1:" + port + "/app:1", "--insecure-registry"),
        "cannot connect to 127.0.0.1:" + port);
  }
}
