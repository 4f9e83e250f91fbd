package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import dev.portcullis.vulndb.Severity;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists tracked findings, a page at a time, in id order. */
public final class FindingQueries {

  private final Store store;
  private final Clock clock;

  public FindingQueries(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A finding's columns as {@link #view} reads them; binds now twice. */
  private static final String COLUMNS =
      "SELECT f.id, r.name, f.vulnerability_id, f.aliases, f.package_name, f.ecosystem,"
          + " f.installed_version, f.fixed_version, f.title, f.severity, f.first_seen,"
          + " f.last_seen, f.fixed_at, f.due_at, "
          + Overdue.CONDITION
          + " AS overdue, f.excepted_until"
          + " FROM finding f JOIN repository r ON r.id = f.repository_id";

  public List<FindingView> list(FindingFilter filter) {
    long now = clock.millis();
    StringBuilder sql = new StringBuilder(COLUMNS + " WHERE f.id > ?");
    List<Object> parameters = new ArrayList<>(List.of(now, now, filter.afterId()));
    if (!filter.severities().isEmpty()) {
      sql.append(" AND f.severity IN (");
      String separator = "";
      for (Severity severity : filter.severities()) {
        sql.append(separator).append('?');
        parameters.add(severity.name());
        separator = ", ";
      }
      sql.append(')');
    }
    switch (filter.state()) {
      case OPEN -> sql.append(" AND f.fixed_at IS NULL");
      case FIXED -> sql.append(" AND f.fixed_at IS NOT NULL");
      case ALL -> {}
    }
    if (filter.overdue() != null) {
      sql.append(filter.overdue() ? " AND " : " AND NOT ").append(Overdue.CONDITION);
      parameters.add(now);
      parameters.add(now);
    }
    if (filter.repository() != null) {
      sql.append(" AND r.name = ?");
      parameters.add(filter.repository());
    }
    if (filter.running() != null) {
      sql.append(filter.running() ? " AND EXISTS" : " AND NOT EXISTS")
          .append(
              " (SELECT 1 FROM finding_image fi JOIN running_image ri ON ri.image_id = fi.image_id"
                  + " WHERE fi.finding_id = f.id)");
    }
    sql.append(" ORDER BY f.id FETCH FIRST ? ROWS ONLY");
    parameters.add(filter.limit());
    return views(sql.toString(), parameters);
  }

  /** The findings a query over {@link #COLUMNS} selects, in its order. */
  private List<FindingView> views(String sql, List<Object> parameters) {
    return store.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
              select.setObject(i + 1, parameters.get(i));
            }
            List<FindingView> views = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                views.add(view(rows));
              }
            }
            return views;
          }
        });
  }

  /** One finding, open or fixed. */
  public Optional<FindingView> finding(long id) {
    long now = clock.millis();
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(COLUMNS + " WHERE f.id = ?")) {
            select.setLong(1, now);
            select.setLong(2, now);
            select.setLong(3, id);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(view(rows)) : Optional.empty();
            }
          }
        });
  }

  /**
   * The open findings an image carries as of its latest scan, most urgent first: overdue ones, then
   * by severity, then by due time.
   */
  public List<FindingView> carriedBy(String repository, String digest, int limit) {
    long now = clock.millis();
    String sql =
        COLUMNS
            + " JOIN finding_image fi ON fi.finding_id = f.id"
            + " JOIN image i ON i.id = fi.image_id AND i.repository_id = r.id"
            + " WHERE r.name = ? AND i.digest = ? AND f.fixed_at IS NULL"
            + " ORDER BY overdue DESC, CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1"
            + " WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END, f.due_at, f.id"
            + " FETCH FIRST ? ROWS ONLY";
    return views(sql, List.of(now, now, repository, digest, limit));
  }

  /** The digests that carry a finding as of their latest scans: name and digest, by name. */
  public List<RepositoryDigest> imagesCarrying(long findingId) {
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT r.name, i.digest FROM finding_image fi"
                      + " JOIN image i ON i.id = fi.image_id"
                      + " JOIN repository r ON r.id = i.repository_id"
                      + " WHERE fi.finding_id = ? ORDER BY r.name, i.digest")) {
            select.setLong(1, findingId);
            List<RepositoryDigest> images = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                images.add(new RepositoryDigest(rows.getString(1), rows.getString(2)));
              }
            }
            return images;
          }
        });
  }

  private static FindingView view(ResultSet rows) throws SQLException {
    return new FindingView(
        rows.getLong(1),
        rows.getString(2),
        rows.getString(3),
        List.copyOf(Aliases.parse(rows.getString(4))),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        rows.getString(8),
        rows.getString(9),
        Severity.valueOf(rows.getString(10)),
        instant(rows, 11),
        instant(rows, 12),
        instant(rows, 13),
        instant(rows, 14),
        rows.getBoolean(15),
        instant(rows, 16));
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
