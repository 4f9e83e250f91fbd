package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags and tag digests, as base-image checks ask for them: from the real registry (Debian's
 * docker-registry) with its own pagination, and from a stub for answers it does not give.
 */
class RepositoryQueriesTest {

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static HttpServer stub;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    registry = LocalRegistry.start(dir.resolve("registry"), null);
    String layout = "oci:" + TestImages.ociLayout();
    for (String tag : new String[] {"12.5", "12.6", "12.6-slim", "13.0", "latest"}) {
      registry.push(layout + ":debian", "library/debian:" + tag, null);
    }
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/v2/", RepositoryQueriesTest::answer);
    stub.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    registry.close();
    stub.stop(0);
  }

  private static RepositoryQueries queries(String host, String repository) {
    return new RepositoryQueries(
        new RegistryClient(ImageReference.parse(host + "/" + repository), true, null), 2);
  }

  @Test
  void followsTheRegistrysPaginationToEveryTag() throws IOException {
    assertThat(queries(registry.host(), "library/debian").tags())
        .containsExactlyInAnyOrder("12.5", "12.6", "12.6-slim", "13.0", "latest");
  }

  @Test
  void aTagsDigestIsItsManifestsAndMovesWithTheTag() throws IOException, InterruptedException {
    RepositoryQueries debian = queries(registry.host(), "library/debian");
    Digest before = debian.manifestDigest("12.5");
    assertThat(debian.manifestDigest("12.6")).isEqualTo(before);
    assertThat(debian.manifestDigest(before.toString())).isEqualTo(before);
    registry.push("oci:" + TestImages.ociLayout() + ":debian-next", "library/debian:moving", null);
    Digest moved = debian.manifestDigest("moving");
    assertThat(moved).isNotEqualTo(before);
  }

  @Test
  void anUnknownRepositoryIsNotFound() {
    assertThatThrownBy(() -> queries(registry.host(), "library/nothing").tags())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("list tags of")
        .hasMessageContaining("not found (404)");
  }

  @Test
  void followsNextLinksGivenAsFullUrls() throws IOException {
    assertThat(queries(stubHost(), "full/links").tags()).containsExactly("1.0", "1.1", "2.0");
  }

  @Test
  void aPageThatLinksToItselfIsAnError() {
    assertThatThrownBy(() -> queries(stubHost(), "self/loop").tags())
        .hasMessageContaining("links a page to itself");
  }

  @Test
  void tagsThatAreNoListAreAnError() {
    assertThatThrownBy(() -> queries(stubHost(), "bad/shape").tags())
        .hasMessageContaining("'tags' is not a list");
  }

  @Test
  void aRepositoryWithoutTagsHasNone() throws IOException {
    assertThat(queries(stubHost(), "no/tags").tags()).isEmpty();
  }

  private static String stubHost() {
    return "127.0.0.1:" + stub.getAddress().getPort();
  }

  private static final String MANIFEST = "{\"schemaVersion\":2,\"layers\":[]}";

  @Test
  void aRegistryThatSendsNoDigestIsAskedForTheManifestItself() throws IOException {
    assertThat(queries(stubHost(), "no/digest").manifestDigest("1"))
        .isEqualTo(Digest.sha256Of(MANIFEST.getBytes(StandardCharsets.UTF_8)));
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/v2/no/digest/manifests/1")) {
      exchange
          .getResponseHeaders()
          .add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
      } else {
        byte[] manifest = MANIFEST.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, manifest.length);
        exchange.getResponseBody().write(manifest);
      }
      exchange.close();
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    String body;
    if (path.equals("/v2/full/links/tags/list") && query.startsWith("n=")) {
      exchange
          .getResponseHeaders()
          .add(
              "Link",
              "<http://" + stubHost() + "/v2/full/links/tags/list?last=1.1&n=2>; rel=\"next\"");
      body = "{\"name\":\"full/links\",\"tags\":[\"1.0\",\"1.1\"]}";
    } else if (path.equals("/v2/full/links/tags/list")) {
      body = "{\"name\":\"full/links\",\"tags\":[\"2.0\"]}";
    } else if (path.equals("/v2/self/loop/tags/list")) {
      exchange
          .getResponseHeaders()
          .add("Link", "</v2/self/loop/tags/list?last=a&n=2>; rel=\"next\"");
      body = "{\"tags\":[\"a\"]}";
    } else if (path.equals("/v2/bad/shape/tags/list")) {
      body = "{\"tags\":\"1.0\"}";
    } else {
      body = "{\"name\":\"no/tags\",\"tags\":null}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
