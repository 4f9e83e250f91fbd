package dev.portcullis.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A namespace's labels, read from the cluster the webhook serves: the Pod Security Admission labels
 * say which level its pods must meet. Kept for {@link #MAX_AGE}, as PSA itself reads them through
 * an informer: a label changed takes effect within that time.
 */
public final class NamespaceLabels implements AutoCloseable {

  static final Duration MAX_AGE = Duration.ofSeconds(30);

  private final String cluster;
  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Read> read = new ConcurrentHashMap<>();

  private record Read(Instant at, Optional<Map<String, String>> labels) {}

  private NamespaceLabels(String cluster, KubernetesClient client, Clock clock) {
    this.cluster = cluster;
    this.client = client;
    this.clock = clock;
  }

  /** Labels read from a cluster; nothing is requested yet. */
  public static NamespaceLabels of(ClusterSettings settings, Clock clock) throws ClusterException {
    return new NamespaceLabels(settings.name(), settings.connect(), clock);
  }

  /**
   * The labels of a namespace.
   *
   * @return empty when the namespace does not exist
   * @throws ClusterException when the cluster cannot be read
   */
  public Optional<Map<String, String>> labels(String namespace) throws ClusterException {
    Instant now = clock.instant();
    Read known = read.get(namespace);
    if (known != null && Duration.between(known.at(), now).compareTo(MAX_AGE) < 0) {
      return known.labels();
    }
    Namespace found;
    try {
      found = client.namespaces().withName(namespace).get();
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "cluster '"
              + cluster
              + "': cannot read namespace "
              + namespace
              + " ("
              + (e.getCode() > 0 ? "HTTP " + e.getCode() : KubernetesClients.firstLine(e))
              + ")",
          e);
    }
    Optional<Map<String, String>> labels =
        found == null
            ? Optional.empty()
            : Optional.of(
                found.getMetadata() == null || found.getMetadata().getLabels() == null
                    ? Map.of()
                    : Map.copyOf(found.getMetadata().getLabels()));
    read.put(namespace, new Read(now, labels));
    return labels;
  }

  @Override
  public void close() {
    client.close();
  }
}
