package dev.portcullis.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Builds fabric8 clients from {@link ClusterSettings}, never from ambient configuration. */
final class KubernetesClients {

  // Where the kubelet mounts a pod's service account; the token in it is rotated in place.
  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  // One page of pods (see RunningImageReader) is a few megabytes at most.
  private static final int REQUEST_TIMEOUT_MS = 30_000;
  // fabric8 retries 10 times by default; a periodic read would rather fail and try next round.
  private static final int RETRIES = 2;

  private KubernetesClients() {}

  static KubernetesClient connect(ClusterSettings settings, UnaryOperator<String> environment)
      throws ClusterException {
    Config config =
        settings.kubeconfig() != null
            ? fromKubeconfig(settings)
            : inCluster(settings.name(), environment, SERVICE_ACCOUNT);
    Config bounded =
        new ConfigBuilder(config)
            .withAutoConfigure(false)
            .withConnectionTimeout(CONNECT_TIMEOUT_MS)
            .withRequestTimeout(REQUEST_TIMEOUT_MS)
            .withRequestRetryBackoffLimit(RETRIES)
            .build();
    try {
      return new KubernetesClientBuilder().withConfig(bounded).build();
    } catch (KubernetesClientException | IllegalStateException e) {
      // e.g. a CA or client certificate the kubeconfig names that cannot be read
      throw new ClusterException(
          "cluster '" + settings.name() + "': cannot set up its client: " + firstLine(e), e);
    }
  }

  private static Config fromKubeconfig(ClusterSettings settings) throws ClusterException {
    Path file = settings.kubeconfig();
    String where = "cluster '" + settings.name() + "': kubeconfig " + file;
    if (!Files.isRegularFile(file)) {
      throw new ClusterException(where + " does not exist or is not a file; check the path");
    }
    Config config;
    try {
      config = Config.fromKubeconfig(settings.context(), file.toFile());
    } catch (KubernetesClientException | IllegalArgumentException | UncheckedIOException e) {
      throw new ClusterException(where + " could not be read: " + firstLine(e), e);
    }
    String used = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
    if (settings.context() != null && !settings.context().equals(used)) {
      throw new ClusterException(
          where
              + " has no context '"
              + settings.context()
              + "'; name one that `kubectl config get-contexts` lists");
    }
    if (config.getMasterUrl() == null || used == null) {
      throw new ClusterException(
          where + " names no current context or server; set a context for this cluster");
    }
    return config;
  }

  static Config inCluster(String name, UnaryOperator<String> environment, Path serviceAccount)
      throws ClusterException {
    String host = environment.apply("KUBERNETES_SERVICE_HOST");
    String port = environment.apply("KUBERNETES_SERVICE_PORT");
    if (host == null || host.isBlank()) {
      throw new ClusterException(
          "cluster '"
              + name
              + "' has no kubeconfig and the server does not run in a pod"
              + " (KUBERNETES_SERVICE_HOST is unset); give the cluster a kubeconfig");
    }
    Path token = serviceAccount.resolve("token");
    if (!Files.isReadable(token)) {
      throw new ClusterException(
          "cluster '"
              + name
              + "': the pod has no service account token at "
              + token
              + "; mount one (automountServiceAccountToken) or give the cluster a kubeconfig");
    }
    String hostPort =
        (host.contains(":") ? "[" + host + "]" : host) + ":" + (port == null ? "443" : port);
    return new ConfigBuilder(Config.empty())
        .withMasterUrl("https://" + hostPort)
        .withCaCertFile(serviceAccount.resolve("ca.crt").toString())
        // Read on every request: the kubelet replaces the bound token before it expires.
        .withOauthTokenProvider(() -> readToken(token))
        .build();
  }

  private static String readToken(Path token) {
    try {
      return Files.readString(token, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the service account token " + token, e);
    }
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
