package dev.portcullis.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.Digest;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads pods from fabric8's mock API server in CRUD mode, with the imageID forms runtimes use. */
class RunningImageReaderTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);
  private static final String D = "d".repeat(64);
  private static final String E = "e".repeat(64);
  private static final String F = "f".repeat(64);

  private final PagingCrudServer dispatcher = new PagingCrudServer();
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = dispatcher.start();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void readsEveryContainerOfUnfinishedPodsInAllNamespaces() throws Exception {
    createTypicalPods();

    List<RunningImage> images = reader(ClusterSettings.inCluster("prod", List.of())).read();

    assertThat(images)
        .containsExactlyInAnyOrder(
            new RunningImage(
                "prod",
                "shop",
                "web-7d9f-x2x",
                "migrate",
                "registry.example.com/shop/migrate:2",
                sha(A),
                "ReplicaSet",
                "web-7d9f"),
            new RunningImage(
                "prod",
                "shop",
                "web-7d9f-x2x",
                "nginx",
                "docker.io/library/nginx:latest",
                sha(B),
                "ReplicaSet",
                "web-7d9f"),
            new RunningImage(
                "prod",
                "shop",
                "web-7d9f-x2x",
                "debugger",
                "docker.io/library/busybox:1.36",
                sha(C),
                "ReplicaSet",
                "web-7d9f"),
            new RunningImage(
                "prod", "shop", "built-here", "app", "docker.io/library/app:dev", null, null, null),
            new RunningImage(
                "prod",
                "batch",
                "loader",
                "loader",
                "ghcr.io/acme/loader:1.0",
                null,
                "StatefulSet",
                "loader"),
            new RunningImage(
                "prod",
                "kube-system",
                "starting",
                "proxy",
                "registry.k8s.io/kube-proxy:v1.31.0",
                null,
                null,
                null),
            new RunningImage(
                "prod",
                "kube-system",
                "starting",
                "pinned",
                "quay.io/acme/agent@sha256:" + F,
                sha(F),
                null,
                null));
  }

  @Test
  void succeededAndFailedPodsAreNotRunning() throws Exception {
    createTypicalPods();

    List<RunningImage> images = reader(ClusterSettings.inCluster("prod", List.of())).read();

    assertThat(images).extracting(RunningImage::pod).doesNotContain("report-1", "crashed");
  }

  @Test
  void namespaceFilterReadsOnlyTheListedNamespaces() throws Exception {
    createTypicalPods();

    List<RunningImage> images =
        reader(ClusterSettings.inCluster("prod", List.of("batch", "kube-system"))).read();

    assertThat(images)
        .extracting(RunningImage::namespace)
        .containsOnly("batch", "kube-system")
        .contains("batch", "kube-system");
    assertThat(dispatcher.pagedLists())
        .allMatch(
            path ->
                path.startsWith("/api/v1/namespaces/batch/pods?")
                    || path.startsWith("/api/v1/namespaces/kube-system/pods?"));
  }

  @Test
  void podWithoutStatusesYetIsListedWithoutDigest() throws Exception {
    create(
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("just-scheduled")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("api")
            .withImage("ghcr.io/acme/api:3")
            .endContainer()
            .endSpec()
            .build());

    List<RunningImage> images = reader(ClusterSettings.inCluster("prod", List.of())).read();

    assertThat(images)
        .containsExactly(
            new RunningImage(
                "prod", "shop", "just-scheduled", "api", "ghcr.io/acme/api:3", null, null, null));
  }

  @Test
  void pagesThroughMorePodsThanFitOnePage() throws Exception {
    for (int i = 0; i < 7; i++) {
      create(
          runningPod(
              "many", "pod-" + i, "app", "ghcr.io/acme/app:" + i, "ghcr.io/acme/app@sha256:" + A));
    }

    List<RunningImage> images =
        new RunningImageReader(ClusterSettings.inCluster("prod", List.of()), client, 3, 10).read();

    assertThat(images)
        .extracting(RunningImage::pod)
        .containsExactlyInAnyOrder("pod-0", "pod-1", "pod-2", "pod-3", "pod-4", "pod-5", "pod-6");
    assertThat(dispatcher.pagedLists()).hasSize(3);
    assertThat(dispatcher.pagedLists().get(0)).contains("limit=3").doesNotContain("continue=");
    assertThat(dispatcher.pagedLists().get(1)).contains("limit=3").contains("continue=3");
    assertThat(dispatcher.pagedLists().get(2)).contains("continue=6");
  }

  @Test
  void expiredContinueTokenStartsTheListingOverOnce() throws Exception {
    createPods(5);
    dispatcher.expireContinueTokens(1);

    List<RunningImage> images =
        new RunningImageReader(ClusterSettings.inCluster("prod", List.of()), client, 2, 10).read();

    assertThat(images)
        .extracting(RunningImage::pod)
        .containsExactlyInAnyOrder("pod-0", "pod-1", "pod-2", "pod-3", "pod-4");
    // one page, the expired second one, then three pages from the start
    assertThat(dispatcher.pagedLists()).hasSize(5);
    assertThat(dispatcher.pagedLists().get(2)).doesNotContain("continue=");
  }

  @Test
  void continueTokenExpiringAgainFailsThisRound() {
    createPods(5);
    dispatcher.expireContinueTokens(2);

    RunningImageReader reader =
        new RunningImageReader(ClusterSettings.inCluster("prod", List.of()), client, 2, 10);

    assertThatThrownBy(reader::read)
        .isInstanceOf(ClusterException.class)
        .hasMessageEndingWith(
            "the listing outlived the API server's continue token twice (410);"
                + " it is read again next time");
  }

  @Test
  void stopsAtThePageBoundWhenTheServerAlwaysHasMore() throws Exception {
    create(
        runningPod("many", "pod-0", "app", "ghcr.io/acme/app:1", "ghcr.io/acme/app@sha256:" + A));
    dispatcher.answerWithEndlessContinue();

    RunningImageReader reader =
        new RunningImageReader(ClusterSettings.inCluster("prod", List.of()), client, 2, 5);

    assertThatThrownBy(reader::read)
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "cluster 'prod': listing the pods in all namespaces failed: the API server still had"
                + " more after 5 pages of 2 pods; stopped rather than list forever");
    assertThat(dispatcher.pagedLists()).hasSize(5);
  }

  @Test
  void refusedListingSaysWhichPermissionIsMissing() {
    dispatcher.refuseWith(403);

    RunningImageReader reader = reader(ClusterSettings.inCluster("prod", List.of("shop")));

    assertThatThrownBy(reader::read)
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "cluster 'prod': listing the pods in namespace shop failed: the API server refused"
                + " (403); grant get, list and watch on pods, see docs/clusters.md");
  }

  private void createPods(int count) {
    for (int i = 0; i < count; i++) {
      create(
          runningPod(
              "many", "pod-" + i, "app", "ghcr.io/acme/app:" + i, "ghcr.io/acme/app@sha256:" + A));
    }
  }

  private RunningImageReader reader(ClusterSettings settings) {
    return new RunningImageReader(settings, client);
  }

  /** One pod of each kind the reader must tell apart, each runtime's imageID form among them. */
  private void createTypicalPods() {
    // containerd's repo@digest for the init container, dockershim's docker-pullable:// for the
    // app, and an ephemeral debug container
    create(
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("web-7d9f-x2x")
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("ReplicaSet")
            .withName("web-7d9f")
            .withUid("1")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .addNewInitContainer()
            .withName("migrate")
            .withImage("registry.example.com/shop/migrate:2")
            .endInitContainer()
            .addNewContainer()
            .withName("nginx")
            .withImage("nginx")
            .endContainer()
            .addNewEphemeralContainer()
            .withName("debugger")
            .withImage("busybox:1.36")
            .endEphemeralContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .withInitContainerStatuses(
                status(
                    "migrate",
                    "registry.example.com/shop/migrate:2",
                    "registry.example.com/shop/migrate@sha256:" + A))
            .withContainerStatuses(
                status("nginx", "nginx:latest", "docker-pullable://nginx@sha256:" + B))
            .withEphemeralContainerStatuses(
                status("debugger", "busybox:1.36", "docker.io/library/busybox@sha256:" + C))
            .endStatus()
            .build());
    // dockershim's docker://sha256: is the image's config id, built on the node
    create(runningPod("shop", "built-here", "app", "app:dev", "docker://sha256:" + D));
    // containerd's bare sha256: is the config id of an image loaded without a repository digest
    Pod loader = runningPod("batch", "loader", "loader", "ghcr.io/acme/loader:1.0", "sha256:" + E);
    loader
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("StatefulSet")
                    .withName("loader")
                    .withUid("2")
                    .withController(true)
                    .build()));
    create(loader);
    Pod done = runningPod("batch", "report-1", "report", "ghcr.io/acme/report:1", "sha256:" + E);
    done.getStatus().setPhase("Succeeded");
    create(done);
    Pod crashed = runningPod("shop", "crashed", "app", "ghcr.io/acme/app:1", "sha256:" + E);
    crashed.getStatus().setPhase("Failed");
    create(crashed);
    // scheduled, images not pulled yet: no statuses; one container pins its digest
    create(
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("kube-system")
            .withName("starting")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("proxy")
            .withImage("registry.k8s.io/kube-proxy:v1.31.0")
            .endContainer()
            .addNewContainer()
            .withName("pinned")
            .withImage("quay.io/acme/agent@sha256:" + F)
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus()
            .build());
  }

  private static Pod runningPod(
      String namespace, String name, String container, String image, String imageId) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(container)
        .withImage(image)
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withContainerStatuses(status(container, image, imageId))
        .endStatus()
        .build();
  }

  private static ContainerStatus status(String name, String image, String imageId) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withImage(image)
        .withImageID(imageId)
        .withReady(true)
        .build();
  }

  private void create(Pod pod) {
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
  }

  private static Digest sha(String hex) {
    return new Digest("sha256", hex);
  }
}
