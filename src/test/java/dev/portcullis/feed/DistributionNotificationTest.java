package dev.portcullis.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.image.Digest;
import dev.portcullis.image.Json;
import dev.portcullis.image.MediaTypes;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real registry (Debian's docker-registry) notifies a loopback receiver of a skopeo push, with
 * the shared secret in the header its configuration names; the envelope it sends reads back as the
 * manifest skopeo pushed.
 */
class DistributionNotificationTest {

  private static final String SECRET = "Bearer 0f3c9a7e5b1d4f2a8c6e";

  @TempDir static Path dir;
  private static HttpServer receiver;
  private static LocalRegistry registry;
  private static final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

  private record Delivery(String secret, String contentType, byte[] body) {}

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hooks/distribution", DistributionNotificationTest::receive);
    receiver.start();
    String notifications =
        """
        endpoints:
          - name: portcullis
            url: http://127.0.0.1:%d/hooks/distribution
            headers:
              %s: ["%s"]
            timeout: 5s
            threshold: 3
            backoff: 1s
            ignore:
              actions: [pull]
        """
            .formatted(receiver.getAddress().getPort(), WebhookSecret.DISTRIBUTION_HEADER, SECRET);
    registry = LocalRegistry.start(dir.resolve("registry"), null, notifications);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    registry.close();
    receiver.stop(0);
  }

  private static void receive(HttpExchange exchange) throws IOException {
    deliveries.add(
        new Delivery(
            exchange.getRequestHeaders().getFirst(WebhookSecret.DISTRIBUTION_HEADER),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            PushEvents.readBody(exchange.getRequestBody())));
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Test
  void aSkopeoPushIsNotifiedAsItsManifestDigestWithTheSecret() throws Exception {
    Path digestFile = dir.resolve("pushed.digest");
    registry.push(
        "oci:" + TestImages.ociLayout() + ":empty",
        "team/app:1.0",
        null,
        "--digestfile=" + digestFile);
    Digest pushed = Digest.parse(Files.readString(digestFile).strip());

    WebhookSecret secret = new WebhookSecret(WebhookSecret.DISTRIBUTION_HEADER, SECRET);
    List<PushedImage> images = new ArrayList<>();
    int pushEvents = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (images.isEmpty() && System.nanoTime() < deadline) {
      Delivery delivery = deliveries.poll(1, TimeUnit.SECONDS);
      if (delivery == null) {
        continue;
      }
      assertThat(secret.accepts(delivery.secret())).isTrue();
      assertThat(PushEvents.DISTRIBUTION_MEDIA_TYPES).contains(delivery.contentType());
      for (var event : Json.tree(delivery.body(), "envelope").get("events")) {
        pushEvents += "push".equals(event.path("action").asText()) ? 1 : 0;
      }
      images.addAll(PushEvents.fromDistribution(delivery.body()));
    }

    assertThat(images)
        .containsExactly(
            new PushedImage(registry.host(), "team/app", pushed, "1.0", MediaTypes.OCI_MANIFEST));
    RepositoryQueries served =
        new RepositoryQueries(
            new RegistryClient(ImageReference.parse(registry.host() + "/team/app"), true, null));
    assertThat(served.manifestDigest("1.0")).isEqualTo(pushed);
    assertThat(pushEvents).as("blob pushes were notified too, and skipped").isGreaterThan(1);
  }
}
