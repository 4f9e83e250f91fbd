package dev.portcullis.server;

import dev.portcullis.cluster.ClusterWatch;
import dev.portcullis.feed.FeedSettings;
import dev.portcullis.notify.NotificationSettings;
import dev.portcullis.rescan.RescanSettings;
import java.util.Objects;

/**
 * The server's day-2 work: rescans, registry feeds, cluster reads and notifications.
 *
 * @param rescans when every current and running image is rescanned
 * @param feeds push webhooks and watched repositories
 * @param clusters the clusters whose running images are read
 * @param notifications where findings and missed deadlines are announced
 */
public record BackgroundSettings(
    RescanSettings rescans,
    FeedSettings feeds,
    ClusterWatch clusters,
    NotificationSettings notifications) {

  public BackgroundSettings {
    Objects.requireNonNull(rescans, "rescans");
    Objects.requireNonNull(feeds, "feeds");
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(notifications, "notifications");
  }

  /** Daily rescans; no watched repositories, clusters or receivers. */
  public static BackgroundSettings defaults() {
    return new BackgroundSettings(
        RescanSettings.defaults(),
        FeedSettings.defaults(),
        ClusterWatch.none(),
        NotificationSettings.none());
  }

  public BackgroundSettings withRescans(RescanSettings value) {
    return new BackgroundSettings(value, feeds, clusters, notifications);
  }

  public BackgroundSettings withFeeds(FeedSettings value) {
    return new BackgroundSettings(rescans, value, clusters, notifications);
  }

  public BackgroundSettings withClusters(ClusterWatch value) {
    return new BackgroundSettings(rescans, feeds, value, notifications);
  }

  public BackgroundSettings withNotifications(NotificationSettings value) {
    return new BackgroundSettings(rescans, feeds, clusters, value);
  }
}
