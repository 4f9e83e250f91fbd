package dev.portcullis.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One cluster whose running images are tracked: how to reach it, and which namespaces to read.
 *
 * @param name our name for the cluster, shown wherever an image runs
 * @param kubeconfig the kubeconfig file to connect with, or null for the service account of the pod
 *     the server runs in
 * @param context the kubeconfig context to use, or null for the file's current context
 * @param namespaces the namespaces to read; empty reads all of them
 */
public record ClusterSettings(
    String name, Path kubeconfig, String context, List<String> namespaces) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  // A namespace name is a DNS-1123 label.
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public ClusterSettings {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "cluster name '"
              + name
              + "' is not valid: use up to 63 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    if (context != null && context.isBlank()) {
      throw new IllegalArgumentException(
          "cluster '" + name + "': the context is blank; leave it out to use the current context");
    }
    if (context != null && kubeconfig == null) {
      throw new IllegalArgumentException(
          "cluster '" + name + "': a context needs a kubeconfig; set the kubeconfig path too");
    }
    namespaces = List.copyOf(new LinkedHashSet<>(namespaces == null ? List.of() : namespaces));
    for (String namespace : namespaces) {
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException(
            "cluster '"
                + name
                + "': '"
                + namespace
                + "' is not a namespace name (lower-case letters, digits and '-', at most 63)");
      }
    }
  }

  /** A cluster reached through the service account of the pod the server runs in. */
  public static ClusterSettings inCluster(String name, List<String> namespaces) {
    return new ClusterSettings(name, null, null, namespaces);
  }

  /** Whether every namespace is read. */
  public boolean allNamespaces() {
    return namespaces.isEmpty();
  }

  /**
   * A client for this cluster, with bounded timeouts and retries; the caller closes it. Nothing is
   * requested from the cluster yet.
   */
  public KubernetesClient connect() throws ClusterException {
    return KubernetesClients.connect(this, System::getenv);
  }
}
