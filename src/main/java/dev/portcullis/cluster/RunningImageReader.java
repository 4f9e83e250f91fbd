package dev.portcullis.cluster;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.ArrayList;
import java.util.List;

/** Lists the pods of one cluster and returns the image of every container that runs. */
public final class RunningImageReader {

  // The page size kubectl uses; a page of pods stays well under the request timeout.
  static final int PAGE_SIZE = 500;
  // 2,000 pages of 500 is a million pods: far beyond any cluster, short of a server that loops.
  static final int MAX_PAGES = 2_000;

  private final ClusterSettings settings;
  private final KubernetesClient client;
  private final int pageSize;
  private final int maxPages;

  /** A reader of the cluster {@code settings} describes, through {@code client} (see connect()). */
  public RunningImageReader(ClusterSettings settings, KubernetesClient client) {
    this(settings, client, PAGE_SIZE, MAX_PAGES);
  }

  RunningImageReader(
      ClusterSettings settings, KubernetesClient client, int pageSize, int maxPages) {
    this.settings = settings;
    this.client = client;
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  /**
   * The running images of every pod that is not finished, in the configured namespaces (or all), in
   * the order the API lists them.
   */
  public List<RunningImage> read() throws ClusterException {
    List<RunningImage> images = new ArrayList<>();
    if (settings.allNamespaces()) {
      images.addAll(readPods(client.pods().inAnyNamespace(), "all namespaces"));
    } else {
      for (String namespace : settings.namespaces()) {
        images.addAll(readPods(client.pods().inNamespace(namespace), "namespace " + namespace));
      }
    }
    return images;
  }

  private List<RunningImage> readPods(
      FilterWatchListDeletable<Pod, PodList, PodResource> pods, String where)
      throws ClusterException {
    List<RunningImage> images = new ArrayList<>();
    String next = null;
    boolean restarted = false;
    for (int page = 0; page < maxPages; page++) {
      ListOptions options =
          new ListOptionsBuilder().withLimit((long) pageSize).withContinue(next).build();
      PodList list;
      try {
        list = pods.list(options);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 410 && next != null && !restarted) {
          // The continue token outlived the API server's snapshot (about five minutes): the
          // pages read so far may be stale, so the listing starts over, once.
          restarted = true;
          images.clear();
          next = null;
          continue;
        }
        throw new ClusterException(failure(where) + ": " + reason(e), e);
      }
      for (Pod pod : list.getItems()) {
        images.addAll(PodImages.of(settings.name(), pod));
      }
      next = list.getMetadata() == null ? null : list.getMetadata().getContinue();
      if (next == null || next.isEmpty()) {
        return images;
      }
    }
    throw new ClusterException(
        failure(where)
            + ": the API server still had more after "
            + maxPages
            + " pages of "
            + pageSize
            + " pods; stopped rather than list forever");
  }

  private String failure(String where) {
    return "cluster '" + settings.name() + "': listing the pods in " + where + " failed";
  }

  private static String reason(KubernetesClientException e) {
    return switch (e.getCode()) {
      case 401 -> "the API server did not accept the credentials (401); renew them";
      case 403 ->
          "the API server refused (403); grant get, list and watch on pods, see docs/clusters.md";
      case 410 ->
          "the listing outlived the API server's continue token twice (410);"
              + " it is read again next time";
      default -> KubernetesClients.firstLine(e);
    };
  }
}
