package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import dev.portcullis.vulndb.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which findings became overdue and were not yet announced. The store remembers each announced
 * deadline ({@code finding.overdue_announced_due}), so that replicas and restarts announce a missed
 * deadline once; a deadline that moves (a severity change, a new occurrence after a fix) is
 * announced again when it passes.
 *
 * <p>Only deadlines with a time are announced: a LOW finding overdue because a newer digest carries
 * it ("next release") has no due time to report, and shows in the overdue KPIs alone.
 */
public final class OverdueAnnouncements {

  private final Store store;
  private final Clock clock;

  public OverdueAnnouncements(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Marks up to {@code limit} overdue, unannounced findings as announced and returns them, oldest
   * deadline first. Once this returns they count as announced: the caller queues the announcement.
   */
  public List<OverdueFinding> claim(int limit) {
    long now = clock.millis();
    return store.inTransaction(
        connection -> {
          List<OverdueFinding> candidates = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT f.id, r.name, i.digest, f.vulnerability_id, f.aliases, f.severity,"
                      + " f.package_name, f.installed_version, f.ecosystem, f.fixed_version,"
                      + " f.first_seen, f.due_at FROM finding f"
                      + " JOIN repository r ON r.id = f.repository_id"
                      + " JOIN image i ON i.id = f.first_image_id WHERE "
                      + Overdue.CONDITION
                      + " AND f.due_at IS NOT NULL AND f.due_at < ?"
                      + " AND (f.overdue_announced_due IS NULL OR f.overdue_announced_due <> f.due_at)"
                      + " ORDER BY f.due_at, f.id FETCH FIRST ? ROWS ONLY")) {
            select.setLong(1, now);
            select.setLong(2, now);
            select.setLong(3, now);
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                candidates.add(
                    new OverdueFinding(
                        rows.getLong(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        List.copyOf(Aliases.parse(rows.getString(5))),
                        Severity.valueOf(rows.getString(6)),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getString(9),
                        rows.getString(10),
                        Instant.ofEpochMilli(rows.getLong(11)),
                        Instant.ofEpochMilli(rows.getLong(12))));
              }
            }
          }
          // A replica that got here first has already marked it: the update then changes nothing.
          List<OverdueFinding> claimed = new ArrayList<>();
          try (PreparedStatement mark =
              connection.prepareStatement(
                  "UPDATE finding SET overdue_announced_due = due_at WHERE id = ? AND due_at = ?"
                      + " AND (overdue_announced_due IS NULL OR overdue_announced_due <> due_at)")) {
            for (OverdueFinding finding : candidates) {
              mark.setLong(1, finding.id());
              mark.setLong(2, finding.dueAt().toEpochMilli());
              if (mark.executeUpdate() == 1) {
                claimed.add(finding);
              }
            }
          }
          return claimed;
        });
  }
}
