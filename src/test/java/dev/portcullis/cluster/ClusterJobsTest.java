package dev.portcullis.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.health.DependencyState;
import dev.portcullis.jobs.Jobs;
import dev.portcullis.store.Store;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.tracking.RunningImages;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The read-clusters job against fabric8's mock API server in CRUD mode, into a real store (H2 and
 * PostgreSQL).
 */
class ClusterJobsTest {

  private static final String NGINX = "b".repeat(64);
  private static final String APP = "c".repeat(64);

  @TempDir Path directory;

  private final PagingCrudServer prod = new PagingCrudServer();
  private final PagingCrudServer broken = new PagingCrudServer();
  private final List<KubernetesMockServer> servers = new ArrayList<>();
  private final Clock clock = Clock.systemUTC();
  private final Dependencies dependencies = new Dependencies(clock);
  private final StringWriter log = new StringWriter();
  private Store store;
  private Jobs jobs;

  @AfterEach
  void stop() {
    if (jobs != null) {
      jobs.close();
    }
    if (store != null) {
      store.close();
    }
    servers.forEach(KubernetesMockServer::destroy);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void theJobMarksEveryImageOfTheClusterAsRunningAndAFailingClusterAsDown(StoreBackend backend)
      throws Exception {
    store = backend.open(directory);
    started(prod, "prod");
    started(broken, "broken");
    ClusterJobs clusters = clusterJobs();
    broken.refuseWith(403);

    jobs = Jobs.start(store, clusters.tasks(), 1, clock, new PrintWriter(log, true));
    await(() -> !rows().isEmpty() && dependencies.snapshot().size() == 2);

    assertThat(rows())
        .containsExactlyInAnyOrder(
            "docker.io/library/nginx@sha256:" + NGINX + " prod shop ReplicaSet/web-7d9f",
            "registry.example.com/shop/app@sha256:" + APP + " prod shop Pod/app");
    assertThat(state("prod").up()).isTrue();
    assertThat(state("broken").up()).isFalse();
    assertThat(state("broken").problem()).contains("cluster 'broken'", "403");
    // tracked, though nothing has scanned them yet
    assertThat(count("SELECT COUNT(*) FROM image")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM inventory")).isZero();
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aClusterThatFailsKeepsItsLastKnownImagesAndTheNextReadReplacesThem(StoreBackend backend)
      throws Exception {
    store = backend.open(directory);
    KubernetesClient client = started(prod, "prod");
    ClusterJobs clusters = clusterJobs();
    clusters.readAll();
    List<String> before = rows();

    prod.refuseWith(403);
    clusters.readAll();
    assertThat(rows()).isEqualTo(before);
    assertThat(state("prod").up()).isFalse();

    prod.refuseWith(0);
    client.pods().inNamespace("shop").withName("app").delete();
    clusters.readAll();
    assertThat(rows())
        .containsExactly(
            "docker.io/library/nginx@sha256:" + NGINX + " prod shop ReplicaSet/web-7d9f");
    assertThat(state("prod").up()).isTrue();
  }

  /** Starts the server with two pods, writes its kubeconfig, returns a client to change it. */
  private KubernetesClient started(PagingCrudServer dispatcher, String name) throws Exception {
    KubernetesMockServer server = dispatcher.start();
    servers.add(server);
    KubernetesClient client = server.createClient();
    create(
        client,
        pod(
            "web-7d9f-x2x",
            "nginx",
            "nginx",
            "docker-pullable://nginx@sha256:" + NGINX,
            "web-7d9f"));
    create(
        client,
        pod(
            "app",
            "app",
            "registry.example.com/shop/app:1",
            "registry.example.com/shop/app@sha256:" + APP,
            null));
    Files.writeString(
        directory.resolve(name + ".yaml"),
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %s
          cluster:
            server: http://%s:%d
        users:
        - name: reader
          user:
            token: a-token
        contexts:
        - name: %s
          context:
            cluster: %s
            user: reader
        current-context: %s
        """
            .formatted(name, server.getHostName(), server.getPort(), name, name, name));
    return client;
  }

  /** The clusters whose kubeconfig is written. */
  private ClusterJobs clusterJobs() {
    List<ClusterSettings> settings = new ArrayList<>();
    for (String name : List.of("prod", "broken")) {
      Path kubeconfig = directory.resolve(name + ".yaml");
      if (Files.exists(kubeconfig)) {
        settings.add(new ClusterSettings(name, kubeconfig, null, List.of()));
      }
    }
    return new ClusterJobs(
        new ClusterWatch(settings, Duration.ofHours(1)),
        new RunningImages(store),
        dependencies,
        clock,
        new PrintWriter(log, true));
  }

  private static Pod pod(
      String name, String container, String image, String imageId, String owner) {
    PodBuilder pod =
        new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata();
    if (owner != null) {
      pod.editMetadata()
          .withOwnerReferences(
              new OwnerReferenceBuilder()
                  .withApiVersion("apps/v1")
                  .withKind("ReplicaSet")
                  .withName(owner)
                  .withUid("1")
                  .withController(true)
                  .build())
          .endMetadata();
    }
    return pod.withNewSpec()
        .addNewContainer()
        .withName(container)
        .withImage(image)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(container)
                .withImage(image)
                .withImageID(imageId)
                .withReady(true)
                .build())
        .endStatus()
        .build();
  }

  private static void create(KubernetesClient client, Pod pod) {
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }

  private DependencyState state(String cluster) {
    return dependencies.snapshot().get(DependencyName.of(DependencyKind.CLUSTER, cluster));
  }

  /** Each running_image row as "repository@digest cluster namespace workload". */
  private List<String> rows() {
    return store.read(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT r.name, i.digest, ri.cluster, ri.namespace, ri.workload"
                          + " FROM running_image ri JOIN image i ON i.id = ri.image_id"
                          + " JOIN repository r ON r.id = i.repository_id ORDER BY r.name");
              ResultSet rows = select.executeQuery()) {
            List<String> found = new ArrayList<>();
            while (rows.next()) {
              found.add(
                  rows.getString(1)
                      + "@"
                      + rows.getString(2)
                      + " "
                      + rows.getString(3)
                      + " "
                      + rows.getString(4)
                      + " "
                      + rows.getString(5));
            }
            return found;
          }
        });
  }

  private long count(String sql) {
    return store.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql);
              ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 30 s");
      }
      Thread.sleep(50);
    }
  }
}
