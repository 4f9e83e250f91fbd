package dev.portcullis.registry;

import static dev.portcullis.testing.StallingRegistry.answer;
import static dev.portcullis.testing.StallingRegistry.bodyDrip;
import static dev.portcullis.testing.StallingRegistry.headersOneByteAtATime;
import static dev.portcullis.testing.StallingRegistry.silent;
import static dev.portcullis.testing.StallingRegistry.stopsHalfway;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.StallingRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries that stall, on loopback: each stall, on a manifest, a blob or a token, ends in exit
 * code 2 and one line naming the registry and what was being done, within the timeouts the flags
 * set (a second here) rather than never.
 */
class StallingRegistryTest {

  /** Small timeouts, so that a stall is noticed in about a second. */
  private static final List<String> QUICK =
      List.of(
          "--registry-connect-timeout",
          "1s",
          "--registry-read-timeout",
          "1s",
          "--registry-timeout",
          "3s",
          "--registry-min-rate",
          "1024");

  /** What a stall may cost at most with {@link #QUICK}: well under the 120 s hangs of before. */
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  private static StallingRegistry registry;
  private static byte[] layer;
  private static String layerDigest;
  private static byte[] config;
  private static String configDigest;

  @BeforeAll
  static void start() throws IOException {
    registry = StallingRegistry.start();
    layer =
        OciLayoutBuilder.tar(
            List.of(
                OciLayoutBuilder.Entry.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
                OciLayoutBuilder.Entry.file("opt/filler", "x".repeat(8192))));
    layerDigest = "sha256:" + OciLayoutBuilder.sha256(layer);
    config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\""
                + layerDigest
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    configDigest = "sha256:" + OciLayoutBuilder.sha256(config);

    registry
        .route("/v2/app/manifests/silent", silent())
        .route("/v2/app/manifests/drip-headers", headersOneByteAtATime(100))
        .route("/v2/app/manifests/drip-body", bodyDrip(bytes("{\"schemaVersion\""), 400L, 1, 100))
        .route("/v2/app/manifests/stops", stopsHalfway(bytes("{\"schemaVersion\": 2}"), 5));

    // An image whose config blob drips, and one whose config is whole but whose layer stops.
    registry.route("/v2/slow-config/manifests/1", manifest("slow-config"));
    registry.route("/v2/slow-config/blobs/" + configDigest, bodyDrip(config, null, 1, 100));
    registry.route("/v2/slow-layer/manifests/1", manifest("slow-layer"));
    registry.route("/v2/slow-layer/blobs/" + configDigest, answer(200, Map.of(), config));
    registry.route("/v2/slow-layer/blobs/" + layerDigest, stopsHalfway(layer, 2048));
    // A config blob that goes on past the size its manifest states, fast enough for the minimum
    // rate: the deadline for the stated size ends it.
    registry.route("/v2/endless-config/manifests/1", manifest("endless-config"));
    registry.route(
        "/v2/endless-config/blobs/" + configDigest,
        bodyDrip(bytes(" ".repeat(128)), null, 128, 50));
  }

  @AfterAll
  static void stop() throws IOException {
    registry.close();
  }

  private static StallingRegistry.Behaviour manifest(String repository) {
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + OCI_MANIFEST
            + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
            + "\"digest\":\""
            + configDigest
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
            + "\"digest\":\""
            + layerDigest
            + "\",\"size\":"
            + layer.length
            + "}]}";
    return answer(200, Map.of("Content-Type", OCI_MANIFEST), bytes(manifest));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code sbom image} of an image of the stalling registry, with the quick timeouts. */
  static Timed pull(String image, String... more) {
    List<String> flags = new ArrayList<>(QUICK);
    flags.addAll(List.of(more));
    return pullWith(image, flags);
  }

  /** {@code sbom image} of an image of the stalling registry, with these flags only. */
  static Timed pullWith(String image, List<String> flags) {
    List<String> args = new ArrayList<>(List.of("sbom", "image", "registry:" + image));
    args.addAll(List.of("--insecure-registry", "--no-cache"));
    args.addAll(flags);
    long start = System.nanoTime();
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    return new Timed(result, Duration.ofNanos(System.nanoTime() - start));
  }

  /** A run and how long it took. */
  record Timed(Cli.Result result, Duration took) {}

  /** Exit code 2, one line holding every fragment, no stack trace, within the bound. */
  static void assertStallReported(Timed run, String... fragments) {
    Cli.Result result = run.result();
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
    assertThat(result.err())
        .contains(fragments)
        .doesNotContain("\tat ")
        .doesNotContain("internal error");
    assertThat(run.took()).as(result.err()).isLessThan(BOUND);
  }

  @Test
  void aRegistryThatAcceptsAndSaysNothingIsAnError() {
    assertStallReported(
        pull(registry.host() + "/app:silent"),
        "registry " + registry.host() + ": no answer within 2 s",
        "while trying to pull manifest silent of " + registry.host() + "/app");
  }

  /** Without the flags: the default timeouts end the wait within 10 s (9 s for the headers). */
  @Test
  void withTheDefaultTimeoutsASilentRegistryIsAnErrorWithinTenSeconds() {
    assertStallReported(
        pullWith(registry.host() + "/app:silent", List.of()),
        "registry " + registry.host() + ": no answer within 9 s (--registry-read-timeout)",
        "while trying to pull manifest silent of " + registry.host() + "/app");
  }

  @Test
  void aRegistryThatNeverAcceptsTheConnectionIsAnError() throws IOException {
    // A listening socket whose accept queue is full: the kernel drops further connection
    // attempts, so a connect waits, as it does for a host that drops packets.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket socket = new Socket();
          queued.add(socket);
          socket.connect(full.getLocalSocketAddress(), 200);
        }
      } catch (SocketTimeoutException e) {
        // The queue is full.
      }
      String host = "127.0.0.1:" + full.getLocalPort();
      assertStallReported(
          pull(host + "/app:1"),
          "registry " + host + ": no connection within 1 s (--registry-connect-timeout)",
          "while trying to pull manifest 1 of " + host + "/app");
      for (Socket socket : queued) {
        socket.close();
      }
    }
  }

  @Test
  void headersSentOneByteAtATimeAreAnError() {
    assertStallReported(
        pull(registry.host() + "/app:drip-headers"),
        "registry " + registry.host() + ": no answer within 2 s",
        "pull manifest drip-headers");
  }

  @Test
  void aManifestSentOneByteAtATimeIsTooSlow() {
    assertStallReported(
        pull(registry.host() + "/app:drip-body"),
        "registry " + registry.host() + ": sent ",
        "slower than the minimum of 1024 bytes/s (--registry-min-rate)",
        "while trying to pull manifest drip-body");
  }

  @Test
  void aManifestThatStopsHalfwayIsAnError() {
    assertStallReported(
        pull(registry.host() + "/app:stops"),
        "registry " + registry.host() + ": sent nothing for 1 s (--registry-read-timeout)",
        "while trying to pull manifest stops");
  }

  @Test
  void aConfigBlobSentOneByteAtATimeIsTooSlow() {
    assertStallReported(
        pull(registry.host() + "/slow-config:1"),
        "registry " + registry.host() + ": sent ",
        "slower than the minimum",
        "while trying to pull blob " + configDigest);
  }

  @Test
  void aLayerThatStopsHalfwayIsAnError() {
    assertStallReported(
        pull(registry.host() + "/slow-layer:1"),
        "registry " + registry.host() + ": sent nothing for 1 s",
        "while trying to pull blob " + layerDigest);
  }

  @Test
  void aBlobLongerThanItsManifestSaysEndsAtTheDeadlineForItsStatedSize() {
    assertStallReported(
        pull(registry.host() + "/endless-config:1"),
        "registry " + registry.host() + ": not done after waiting 3.",
        "the deadline for " + config.length + " bytes",
        "while trying to pull blob " + configDigest);
  }

  @Test
  void signAndVerifyStopAtAStalledRegistry(@TempDir Path dir) {
    String prefix = dir.resolve("signer").toString();
    assertThat(
            Cli.run("key", "generate", "--no-password", "--output-key-prefix", prefix).exitCode())
        .isZero();
    for (String[] command :
        List.of(
            new String[] {"sign", "--key", prefix + ".key"},
            new String[] {"verify", "--key", prefix + ".pub"})) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("registry:" + registry.host() + "/app:silent", "--insecure-registry"));
      args.addAll(QUICK);
      long start = System.nanoTime();
      Cli.Result result = Cli.run(args.toArray(String[]::new));
      assertStallReported(
          new Timed(result, Duration.ofNanos(System.nanoTime() - start)),
          "registry " + registry.host() + ": no answer within 2 s",
          "manifest silent of " + registry.host() + "/app");
    }
  }

  @Test
  void baseImageCheckReportsAStalledRegistryOnItsLine(@TempDir Path dir) throws IOException {
    Path dockerfile =
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + registry.host() + "/app:silent\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "base-image", "check", dockerfile.toString(), "--insecure-registry", "-f", "json"));
    args.addAll(QUICK);
    long start = System.nanoTime();
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.out())
        .contains(
            "registry "
                + registry.host()
                + ": no answer within 2 s (--registry-read-timeout) while trying to look up manifest"
                + " silent of "
                + registry.host()
                + "/app");
    assertThat(took).isLessThan(BOUND);
  }

  @Test
  void theTimeoutsAreRefusedWhenTheyAreNotDurations() {
    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            "registry:" + registry.host() + "/app:1",
            "--registry-read-timeout",
            "soon");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--registry-read-timeout", "is not an interval");
  }
}
