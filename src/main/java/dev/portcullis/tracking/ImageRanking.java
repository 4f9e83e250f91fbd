package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Which images to fix first: the current and running images ranked by overdue findings, then by
 * open CRITICAL and HIGH ones together, then by CRITICAL ones; ties by name and digest. Images with
 * none of those are left out.
 */
public final class ImageRanking {

  private final Store store;
  private final Clock clock;

  public ImageRanking(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The first {@code limit} images of the ranking. */
  public List<RankedImage> top(int limit) {
    long now = clock.millis();
    // The counts are grouped by image id alone, over the few current and running digests; names
    // and digests are joined to the thousand or so groups afterwards, so the aggregation neither
    // sorts nor hashes wide keys. On PostgreSQL the open findings' columns come from the partial
    // index finding_open_ranking (V12) without reading the finding table. H2, given "open" as a
    // condition on the finding, starts its join from the open findings and goes through every
    // image that carries them (at 10,000 images of 100 findings: minutes); asked inside the sums
    // instead, it starts from the candidates, as PostgreSQL does.
    String open = "f.fixed_at IS NULL";
    String openInSums = store.postgres() ? "" : open + " AND ";
    String sql =
        "SELECT r.name, i.digest,"
            + " CASE WHEN r.current_image_id = i.id THEN 1 ELSE 0 END,"
            + " CASE WHEN EXISTS (SELECT 1 FROM running_image ri WHERE ri.image_id = i.id)"
            + " THEN 1 ELSE 0 END,"
            + " counted.overdue, counted.critical, counted.high"
            + " FROM (SELECT fi.image_id AS image_id,"
            + " SUM(CASE WHEN "
            + openInSums
            + Overdue.OF_OPEN
            + " THEN 1 ELSE 0 END) AS overdue,"
            + " SUM(CASE WHEN "
            + openInSums
            + "f.severity = 'CRITICAL' THEN 1 ELSE 0 END) AS critical,"
            + " SUM(CASE WHEN "
            + openInSums
            + "f.severity = 'HIGH' THEN 1 ELSE 0 END) AS high"
            + " FROM (SELECT current_image_id AS image_id FROM repository"
            + " WHERE current_image_id IS NOT NULL"
            + " UNION SELECT image_id FROM running_image) candidate"
            + " JOIN finding_image fi ON fi.image_id = candidate.image_id"
            + " JOIN finding f ON f.id = fi.finding_id"
            + (store.postgres() ? " WHERE " + open : "")
            + " GROUP BY fi.image_id) counted"
            + " JOIN image i ON i.id = counted.image_id"
            + " JOIN repository r ON r.id = i.repository_id"
            + " WHERE counted.overdue > 0 OR counted.critical + counted.high > 0"
            + " ORDER BY counted.overdue DESC, counted.critical + counted.high DESC,"
            + " counted.critical DESC, r.name, i.digest"
            + " FETCH FIRST ? ROWS ONLY";
    return store.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, now);
            select.setLong(2, now);
            select.setInt(3, limit);
            List<RankedImage> ranked = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                ranked.add(
                    new RankedImage(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getInt(3) == 1,
                        rows.getInt(4) == 1,
                        rows.getLong(5),
                        rows.getLong(6),
                        rows.getLong(7)));
              }
            }
            return ranked;
          }
        });
  }
}
