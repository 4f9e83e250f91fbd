package dev.portcullis.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Which clusters' running images the server reads, and how often.
 *
 * @param clusters the clusters; none by default
 * @param interval the time between two reads of every cluster
 */
public record ClusterWatch(List<ClusterSettings> clusters, Duration interval) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  public ClusterWatch {
    clusters = List.copyOf(clusters);
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the cluster read interval must be positive: " + interval);
    }
  }

  public static ClusterWatch none() {
    return new ClusterWatch(List.of(), DEFAULT_INTERVAL);
  }
}
