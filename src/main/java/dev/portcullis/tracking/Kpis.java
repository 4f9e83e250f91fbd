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
import java.util.List;
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
          // One pass over the open findings counts them and the overdue ones: on PostgreSQL an
          // index-only scan of finding_open_counts, which holds the open findings only.
          Map<Severity, Long> open = new EnumMap<>(Severity.class);
          Map<Severity, Long> overdue = new EnumMap<>(Severity.class);
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT f.severity, COUNT(*), SUM(CASE WHEN "
                      + Overdue.OF_OPEN
                      + " THEN 1 ELSE 0 END) FROM finding f WHERE f.fixed_at IS NULL"
                      + " GROUP BY f.severity")) {
            select.setLong(1, now);
            select.setLong(2, now);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Severity severity = Severity.valueOf(rows.getString(1));
                open.put(severity, rows.getLong(2));
                if (rows.getLong(3) > 0) {
                  overdue.put(severity, rows.getLong(3));
                }
              }
            }
          }
          Remediation fixedInWindow = remediation(connection, at, window);
          return new KpiSnapshot(
              at,
              window,
              open,
              overdue,
              oldestUnpatched(connection, at),
              fixedInWindow.remediation(),
              fixedInWindow.fixedInWindow(),
              count(connection, "SELECT COUNT(*) FROM repository"),
              count(connection, "SELECT COUNT(*) FROM image"));
        });
  }

  /**
   * The mean time to remediation alone, for a second window beside a snapshot's (the dashboard's 90
   * days): one query over the findings fixed in the window.
   */
  public Remediation remediation(Duration window) {
    Instant at = clock.instant();
    return store.read(connection -> remediation(connection, at, window));
  }

  private static Remediation remediation(Connection connection, Instant at, Duration window)
      throws SQLException {
    long now = at.toEpochMilli();
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
    return new Remediation(at, window, remediation, fixed);
  }

  /** Of an image {@code i} of repository {@code r}: it is current, or it runs in a cluster. */
  private static final String CURRENT_OR_RUNNING =
      "(r.current_image_id = i.id"
          + " OR EXISTS (SELECT 1 FROM running_image ri WHERE ri.image_id = i.id))";

  /**
   * The current or running image whose oldest open CRITICAL or HIGH finding is oldest, ties broken
   * by name and digest. In two steps, so that neither reads every image's findings: the earliest
   * {@code first_seen} of such a finding carried by such an image (walking each severity's open
   * findings oldest first, {@code finding_open_by_age}), then the images carrying one seen then.
   */
  private static KpiSnapshot.UnpatchedImage oldestUnpatched(Connection connection, Instant at)
      throws SQLException {
    Long oldest = null;
    for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH)) {
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT f.first_seen FROM finding f WHERE f.fixed_at IS NULL AND f.severity = ?"
                  + " AND EXISTS (SELECT 1 FROM finding_image fi"
                  + " JOIN image i ON i.id = fi.image_id"
                  + " JOIN repository r ON r.id = i.repository_id"
                  + " WHERE fi.finding_id = f.id AND "
                  + CURRENT_OR_RUNNING
                  + ") ORDER BY f.first_seen FETCH FIRST 1 ROWS ONLY")) {
        select.setString(1, severity.name());
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next() && (oldest == null || rows.getLong(1) < oldest)) {
            oldest = rows.getLong(1);
          }
        }
      }
    }
    if (oldest == null) {
      return null;
    }
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT r.name, i.digest FROM finding f"
                + " JOIN finding_image fi ON fi.finding_id = f.id"
                + " JOIN image i ON i.id = fi.image_id"
                + " JOIN repository r ON r.id = i.repository_id"
                + " WHERE f.fixed_at IS NULL AND f.severity IN ('CRITICAL', 'HIGH')"
                + " AND f.first_seen = ? AND "
                + CURRENT_OR_RUNNING
                + " ORDER BY r.name, i.digest FETCH FIRST 1 ROWS ONLY")) {
      select.setLong(1, oldest);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        Instant since = Instant.ofEpochMilli(oldest);
        return new KpiSnapshot.UnpatchedImage(
            rows.getString(1), rows.getString(2), since, Duration.between(since, at));
      }
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
