package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where images run, as the last read of each cluster saw it. A read replaces its cluster's rows in
 * one transaction, so a query sees the cluster before the read or after it, never half of it. An
 * image not yet in the store gets its repository and image rows, so that it is tracked (and shown
 * as running) before any scan of it arrives.
 */
public final class RunningImages {

  private static final int ATTEMPTS = 3;

  private final Store store;

  public RunningImages(Store store) {
    this.store = store;
  }

  /**
   * One image in one workload.
   *
   * @param workload the pod's controller as {@code Kind/name}, or {@code Pod/name} for a bare pod
   */
  public record Placement(ImageName image, String namespace, String workload) {}

  /**
   * Replaces what runs in the cluster.
   *
   * @return how many distinct (image, namespace, workload) rows the cluster has now
   */
  public int replace(String cluster, List<Placement> placements, Instant seenAt) {
    Set<Placement> distinct = new LinkedHashSet<>();
    for (Placement placement : placements) {
      // the tag is not part of where an image runs
      distinct.add(
          new Placement(
              new ImageName(placement.image().repository(), placement.image().digest(), null),
              placement.namespace(),
              placement.workload()));
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(connection -> replace(connection, cluster, distinct, seenAt));
      } catch (RuntimeException e) {
        // a scan creating the same repository at once: read again and find its rows
        if (attempt == ATTEMPTS || !ScanRecorder.uniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  private static int replace(
      Connection connection, String cluster, Set<Placement> placements, Instant seenAt)
      throws SQLException {
    long now = seenAt.toEpochMilli();
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM running_image WHERE cluster = ?")) {
      delete.setString(1, cluster);
      delete.executeUpdate();
    }
    Set<String> rows = new LinkedHashSet<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO running_image (image_id, cluster, namespace, workload, seen_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (Placement placement : placements) {
        long repositoryId =
            ScanRecorder.repository(connection, placement.image().repository(), now);
        long imageId =
            ScanRecorder.image(
                connection, repositoryId, placement.image().digest().toString(), now);
        if (!rows.add(imageId + "\n" + placement.namespace() + "\n" + placement.workload())) {
          continue;
        }
        insert.setLong(1, imageId);
        insert.setString(2, cluster);
        insert.setString(3, placement.namespace());
        insert.setString(4, placement.workload());
        insert.setLong(5, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return rows.size();
  }
}
