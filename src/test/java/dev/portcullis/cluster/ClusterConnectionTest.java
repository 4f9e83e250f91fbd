package dev.portcullis.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients built from settings alone: a kubeconfig written here, or a pod's service account. */
class ClusterConnectionTest {

  @TempDir Path dir;
  private final PagingCrudServer dispatcher = new PagingCrudServer();
  private KubernetesMockServer server;

  @BeforeEach
  void start() {
    server = dispatcher.start();
    try (KubernetesClient seed = server.createClient()) {
      seed.pods()
          .inNamespace("shop")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withNamespace("shop")
                  .withName("web")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("nginx")
                  .withImage("nginx:1.27")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
    }
  }

  @AfterEach
  void stop() {
    server.destroy();
  }

  @Test
  void kubeconfigContextLeadsToItsServerWithItsToken() throws Exception {
    Path kubeconfig = writeKubeconfig(deadServer());
    ClusterSettings settings = new ClusterSettings("lab", kubeconfig, "mock", List.of());

    List<RunningImage> images;
    try (KubernetesClient client = settings.connect()) {
      images = new RunningImageReader(settings, client).read();
    }

    assertThat(images)
        .containsExactly(
            new RunningImage(
                "lab", "shop", "web", "nginx", "docker.io/library/nginx:1.27", null, null, null));
    assertThat(dispatcher.pagedLists()).isNotEmpty();
    assertThat(dispatcher.authorizations()).last().isEqualTo("Bearer mock-token");
  }

  @Test
  void kubeconfigCurrentContextIsUsedWhenNoneIsNamed() throws Exception {
    Path kubeconfig = writeKubeconfig(deadServer()).getParent().resolve("current-is-mock");
    Files.writeString(
        kubeconfig,
        Files.readString(dir.resolve("kubeconfig"))
            .replace("current-context: other", "current-context: mock"));
    ClusterSettings settings = new ClusterSettings("lab", kubeconfig, null, List.of("shop"));

    try (KubernetesClient client = settings.connect()) {
      assertThat(new RunningImageReader(settings, client).read()).hasSize(1);
    }
  }

  @Test
  void unreachableServerIsOneLineNamingTheCluster() throws Exception {
    Path kubeconfig = writeKubeconfig(deadServer());
    ClusterSettings settings = new ClusterSettings("lab", kubeconfig, "other", List.of());

    try (KubernetesClient client = settings.connect()) {
      assertThatThrownBy(() -> new RunningImageReader(settings, client).read())
          .isInstanceOf(ClusterException.class)
          .hasMessageStartingWith("cluster 'lab': listing the pods in all namespaces failed: ")
          .hasMessageNotContaining("\n")
          .hasMessageNotContaining("other-token");
    }
  }

  @Test
  void unknownContextIsRefusedBeforeAnyRequest() throws Exception {
    Path kubeconfig = writeKubeconfig(deadServer());
    ClusterSettings settings = new ClusterSettings("lab", kubeconfig, "staging", List.of());

    assertThatThrownBy(settings::connect)
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "cluster 'lab': kubeconfig "
                + kubeconfig
                + " has no context 'staging'; name one that `kubectl config get-contexts` lists");
  }

  @Test
  void unreadableCertificateAuthorityIsOneLine() throws Exception {
    Path kubeconfig = dir.resolve("bad-ca");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
            server: https://127.0.0.1:6443
            certificate-authority: missing-ca.crt
        users:
        - name: u
          user:
            token: secret-token
        contexts:
        - name: c
          context:
            cluster: c
            user: u
        current-context: c
        """);
    ClusterSettings settings = new ClusterSettings("lab", kubeconfig, null, List.of());

    assertThatThrownBy(settings::connect)
        .isInstanceOf(ClusterException.class)
        .hasMessageStartingWith("cluster 'lab': ")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void missingKubeconfigIsRefused() {
    Path missing = dir.resolve("absent");
    ClusterSettings settings = new ClusterSettings("lab", missing, null, List.of());

    assertThatThrownBy(settings::connect)
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "cluster 'lab': kubeconfig "
                + missing
                + " does not exist or is not a file; check the path");
  }

  @Test
  void inClusterUsesTheServiceAccountAndRereadsItsRotatedToken() throws Exception {
    Path account = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(account.resolve("token"), "first\n");
    Map<String, String> env =
        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

    Config config = KubernetesClients.inCluster("prod", env::get, account);
    String first = config.getOauthTokenProvider().getToken();
    Files.writeString(account.resolve("token"), "second");

    assertThat(config.getMasterUrl()).startsWith("https://10.96.0.1:443");
    assertThat(config.getCaCertFile()).isEqualTo(account.resolve("ca.crt").toString());
    assertThat(first).isEqualTo("first");
    assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("second");
  }

  @Test
  void inClusterOutsideAPodSaysToGiveAKubeconfig() {
    assertThatThrownBy(() -> KubernetesClients.inCluster("prod", name -> null, dir))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "cluster 'prod' has no kubeconfig and the server does not run in a pod"
                + " (KUBERNETES_SERVICE_HOST is unset); give the cluster a kubeconfig");
  }

  /** Two contexts: "mock" reaches the mock server, the current one "other" reaches nothing. */
  private Path writeKubeconfig(String deadUrl) throws IOException {
    String mockUrl = "http://" + server.getHostName() + ":" + server.getPort();
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        - name: other
          cluster:
            server: %s
        users:
        - name: mock-user
          user:
            token: mock-token
        - name: other-user
          user:
            token: other-token
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock-user
        - name: other
          context:
            cluster: other
            user: other-user
        current-context: other
        """
            .formatted(mockUrl, deadUrl));
    return file;
  }

  /** The URL of a port that was free a moment ago and has no server. */
  private static String deadServer() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
