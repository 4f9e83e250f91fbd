package dev.portcullis.cluster;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.RunningImages;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's cluster reads: one recurring job, {@code read-clusters}, that reads every configured
 * cluster at the watch's interval and replaces what the store says runs there. A cluster that fails
 * keeps its last known rows and shows as down in {@code /health}; the others are read as usual.
 */
public final class ClusterJobs {

  static final String READ_CLUSTERS = "read-clusters";

  private final ClusterWatch watch;
  private final RunningImages running;
  private final Dependencies dependencies;
  private final Clock clock;
  private final PrintWriter log;

  public ClusterJobs(
      ClusterWatch watch,
      RunningImages running,
      Dependencies dependencies,
      Clock clock,
      PrintWriter log) {
    this.watch = watch;
    this.running = running;
    this.dependencies = dependencies;
    this.clock = clock;
    this.log = log;
  }

  /** The recurring read, or none when no cluster is configured. */
  public List<Task<?>> tasks() {
    if (watch.clusters().isEmpty()) {
      return List.of();
    }
    return List.of(
        Tasks.recurring(READ_CLUSTERS, FixedDelay.of(watch.interval()))
            .execute((instance, context) -> readAll()));
  }

  /** Reads every cluster once. */
  void readAll() {
    watch.clusters().forEach(this::read);
  }

  private void read(ClusterSettings cluster) {
    DependencyName name = DependencyName.of(DependencyKind.CLUSTER, cluster.name());
    List<RunningImage> images;
    try (KubernetesClient client = cluster.connect()) {
      images = new RunningImageReader(cluster, client).read();
    } catch (ClusterException e) {
      fail(name, e.getMessage());
      return;
    } catch (KubernetesClientException e) {
      fail(name, "cluster '" + cluster.name() + "': " + KubernetesClients.firstLine(e));
      return;
    }
    dependencies.up(name);
    running.replace(cluster.name(), placements(images), clock.instant());
  }

  private void fail(DependencyName name, String problem) {
    dependencies.down(name, problem);
    log.println("portcullis serve: " + problem + "; its last known images stay running");
  }

  /**
   * The images with a repository digest. One without (not pulled yet, or built on the node) names
   * nothing a registry serves, so it cannot be tracked; it counts at the next read.
   */
  static List<RunningImages.Placement> placements(List<RunningImage> images) {
    List<RunningImages.Placement> placements = new ArrayList<>();
    for (RunningImage image : images) {
      if (image.digest() == null) {
        continue;
      }
      ImageReference reference;
      try {
        reference = ImageReference.parse(image.image());
      } catch (IllegalArgumentException e) {
        continue;
      }
      String workload =
          image.ownerKind() == null
              ? "Pod/" + image.pod()
              : image.ownerKind() + "/" + image.ownerName();
      placements.add(
          new RunningImages.Placement(
              new ImageName(
                  reference.registry() + "/" + reference.repository(), image.digest(), null),
              image.namespace(),
              workload));
    }
    return placements;
  }
}
