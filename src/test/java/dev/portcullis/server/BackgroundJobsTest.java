package dev.portcullis.server;

import static dev.portcullis.server.TestServers.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.cluster.ClusterSettings;
import dev.portcullis.cluster.ClusterWatch;
import dev.portcullis.cluster.PagingCrudServer;
import dev.portcullis.image.Digest;
import dev.portcullis.notify.NewFindings;
import dev.portcullis.notify.NotificationSettings;
import dev.portcullis.notify.WebhookFormat;
import dev.portcullis.notify.WebhookReceiver;
import dev.portcullis.notify.WebhookSettings;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.WrittenRecords;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's background jobs as a deployment sees them: a cluster's running image shows in the
 * findings API, a cluster that refuses shows in /health, and a CI report's new HIGH finding reaches
 * a webhook receiver on loopback. On H2 and PostgreSQL.
 */
class BackgroundJobsTest {

  private static final String REPOSITORY = "registry.example/team/tools";
  private static final Digest DIGEST =
      Digest.sha256Of("tools-1.0".getBytes(StandardCharsets.UTF_8));

  @TempDir static Path shared;
  private static Path database;

  @TempDir Path directory;

  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();
  private final List<KubernetesMockServer> clusters = new ArrayList<>();
  private WebhookReceiver receiver;

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(shared);
  }

  @AfterEach
  void stop() {
    clusters.forEach(KubernetesMockServer::destroy);
    if (receiver != null) {
      receiver.close();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void runningImagesFailingClustersAndNewFindingsReachTheirReaders(StoreBackend backend)
      throws Exception {
    receiver = new WebhookReceiver(WebhookReceiver.status(204));
    PagingCrudServer refusing = new PagingCrudServer();
    BackgroundSettings background =
        BackgroundSettings.defaults()
            .withClusters(
                new ClusterWatch(
                    List.of(
                        cluster("prod", new PagingCrudServer(), true),
                        cluster("staging", refusing, false)),
                    Duration.ofHours(1)))
            .withNotifications(
                new NotificationSettings(
                    List.of(
                        WebhookSettings.of(receiver.url("/hook"), WebhookFormat.JSON, "s3cret")),
                    LocalTime.of(8, 0)));
    refusing.refuseWith(403);
    try (PortcullisServer server =
        TestServers.start(backend, directory, database, true, 1024 * 1024, background, log)) {
      String ci = server.tokens().create("ci", Set.of(Scope.SUBMIT));

      HttpResponse<String> submitted = send(server, "POST", "/api/v1/scans", ci, report());
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);

      await(
          () -> send(server, "GET", "/api/v1/findings?running=true", null, null).body(),
          body -> body.contains("CVE-2099-7001"));
      assertThat(send(server, "GET", "/api/v1/findings?running=true", null, null).body())
          .contains("\"severity\":\"HIGH\"");
      // the clusters are read one after the other
      await(
          () -> json.readTree(send(server, "GET", "/health", null, null).body()),
          health -> health.path("dependencies").toString().contains("\"target\":\"staging\""));
      JsonNode health = json.readTree(send(server, "GET", "/health", null, null).body());
      assertThat(health.path("status").asText()).isEqualTo("degraded");
      assertThat(health.path("dependencies").toString())
          .contains("\"kind\":\"cluster\",\"target\":\"staging\",\"up\":false")
          .contains("\"kind\":\"cluster\",\"target\":\"prod\",\"up\":true");
      await(() -> receiver.requests().size(), size -> size == 1);
      WebhookReceiver.Received notified = receiver.requests().get(0);
      assertThat(notified.header("X-Portcullis-Event")).isEqualTo(NewFindings.EVENT);
      assertThat(notified.header("X-Portcullis-Signature")).startsWith("sha256=");
      assertThat(new String(notified.body(), StandardCharsets.UTF_8))
          .contains("CVE-2099-7001", "\"severity\":\"HIGH\"", REPOSITORY);
    }
  }

  /** A mock cluster that runs the image (or nothing), and the settings that reach it. */
  private ClusterSettings cluster(String name, PagingCrudServer dispatcher, boolean runs)
      throws IOException {
    KubernetesMockServer server = dispatcher.start();
    clusters.add(server);
    if (runs) {
      try (KubernetesClient client = server.createClient()) {
        Pod pod =
            new PodBuilder()
                .withNewMetadata()
                .withNamespace("tools")
                .withName("tools")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("tools")
                .withImage(REPOSITORY + ":1.0")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withContainerStatuses(
                    new ContainerStatusBuilder()
                        .withName("tools")
                        .withImage(REPOSITORY + ":1.0")
                        .withImageID(REPOSITORY + "@" + DIGEST)
                        .build())
                .endStatus()
                .build();
        client.pods().inNamespace("tools").resource(pod).create();
      }
    }
    return PagingCrudServer.settings(server, name, directory.resolve(name + ".kubeconfig"));
  }

  /** A CI job's scan report of the image with one HIGH finding, as hand-written as can be. */
  private static byte[] report() {
    return ("""
        {"tool": "portcullis", "schemaVersion": 1, "scanners": ["vuln"],
         "image": {"name": "registry:%1$s:1.0", "manifestDigest": "%2$s",
                   "repoTags": ["%1$s:1.0"]},
         "findings": [{"vulnerabilityId": "CVE-2099-7001", "severity": "HIGH",
                       "packageName": "xz-libs", "ecosystem": "Rocky Linux:9",
                       "installedVersion": "5.2.5-7.el9", "fixedVersions": ["5.2.5-8.el9_0"],
                       "title": "written for this test"}],
         "gate": {"failed": true, "filteredOut": 0}}
        """)
        .formatted(REPOSITORY, DIGEST)
        .getBytes(StandardCharsets.UTF_8);
  }

  private <T> void await(Callable<T> value, java.util.function.Predicate<T> done) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    T last = value.call();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 30 s; last: " + last + "; log: " + log);
      }
      Thread.sleep(100);
      last = value.call();
    }
  }
}
