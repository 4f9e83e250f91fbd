package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import dev.portcullis.vulndb.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Reads the KPIs from the store, each in one query. */
public final class Kpis {

  private final Store store;
  private final Clock clock;

  public Kpis(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The figures now.
   *
   * @param window the remediation time is the mean over findings fixed in this window up to now
   */
  public KpiSnapshot snapshot(Duration window) {
    Instant at = clock.instant();
    long now = at.toEpochMilli();
    return store.read(
        connection -> {
          Map<Severity, Long> open =
              countsBySeverity(
                  connection,
                  "SELECT f.severity, COUNT(*) FROM finding f WHERE f.fixed_at IS NULL"
                      + " GROUP BY f.severity");
          Map<Severity, Long> overdue =
              countsBySeverity(
                  connection,
                  "SELECT f.severity, COUNT(*) FROM finding f WHERE "
                      + Overdue.CONDITION
                      + " GROUP BY f.severity",
                  now,
                  now);
          Map<Severity, Duration> remediation = new EnumMap<>(Severity.class);
          Map<Severity, Long> fixed = new EnumMap<>(Severity.class);
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT f.severity, COUNT(*), AVG(f.fixed_at - f.first_seen) FROM finding f"
                      + " WHERE f.fixed_at > ? AND f.fixed_at <= ? GROUP BY f.severity")) {
            select.setLong(1, now - window.toMillis());
            select.setLong(2, now);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Severity severity = Severity.valueOf(rows.getString(1));
                fixed.put(severity, rows.getLong(2));
                remediation.put(severity, Duration.ofMillis(Math.round(rows.getDouble(3))));
              }
            }
          }
          return new KpiSnapshot(
              at,
              window,
              open,
              overdue,
              oldestUnpatched(connection, at),
              remediation,
              fixed,
              count(connection, "SELECT COUNT(*) FROM repository"),
              count(connection, "SELECT COUNT(*) FROM image"));
        });
  }

  private static KpiSnapshot.UnpatchedImage oldestUnpatched(Connection connection, Instant at)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT r.name, i.digest, MIN(f.first_seen) AS oldest FROM image i"
                + " JOIN repository r ON r.id = i.repository_id"
                + " JOIN finding_image fi ON fi.image_id = i.id"
                + " JOIN finding f ON f.id = fi.finding_id"
                + " WHERE f.fixed_at IS NULL AND f.severity IN ('CRITICAL', 'HIGH')"
                + " AND (r.current_image_id = i.id"
                + " OR EXISTS (SELECT 1 FROM running_image ri WHERE ri.image_id = i.id))"
                + " GROUP BY r.name, i.digest ORDER BY oldest, r.name, i.digest"
                + " FETCH FIRST 1 ROWS ONLY")) {
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        Instant since = Instant.ofEpochMilli(rows.getLong(3));
        return new KpiSnapshot.UnpatchedImage(
            rows.getString(1), rows.getString(2), since, Duration.between(since, at));
      }
    }
  }

  private static Map<Severity, Long> countsBySeverity(
      Connection connection, String sql, long... parameters) throws SQLException {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setLong(i + 1, parameters[i]);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          counts.put(Severity.valueOf(rows.getString(1)), rows.getLong(2));
        }
      }
    }
    return counts;
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
