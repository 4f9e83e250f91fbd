package dev.portcullis.tracking;

import dev.portcullis.store.Store;
import dev.portcullis.vulndb.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists repositories and their images, a page at a time, with the counts a dashboard shows next to
 * each: open findings by severity, overdue findings, and whether it runs. A page is read with a
 * fixed number of queries, whatever its size.
 */
public final class RepositoryQueries {

  private static final String IMAGE_COLUMNS =
      "SELECT i.id, r.name, i.digest, i.first_seen, i.current_since, i.last_scan_id,"
          + " r.current_image_id FROM image i JOIN repository r ON r.id = i.repository_id";

  private final Store store;
  private final Clock clock;

  public RepositoryQueries(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Repositories in id order, after {@code afterId}, at most {@code limit}. */
  public List<RepositoryView> repositories(long afterId, int limit) {
    long now = clock.millis();
    return store.read(
        connection -> {
          Map<Long, String[]> page = new LinkedHashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT r.id, r.name, i.digest FROM repository r"
                      + " LEFT JOIN image i ON i.id = r.current_image_id"
                      + " WHERE r.id > ? ORDER BY r.id FETCH FIRST ? ROWS ONLY")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                page.put(rows.getLong(1), new String[] {rows.getString(2), rows.getString(3)});
              }
            }
          }
          if (page.isEmpty()) {
            return List.of();
          }
          Set<Long> ids = page.keySet();
          Map<Long, List<RepositoryView.Tag>> tags = new HashMap<>();
          forEach(
              connection,
              "SELECT t.repository_id, t.name, i.digest FROM tag t JOIN image i ON i.id = t.image_id"
                  + " WHERE t.repository_id IN ("
                  + placeholders(ids)
                  + ") ORDER BY t.name",
              List.copyOf(ids),
              rows ->
                  tags.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                      .add(new RepositoryView.Tag(rows.getString(2), rows.getString(3))));
          Map<Long, Map<Severity, Long>> open = new HashMap<>();
          forEach(
              connection,
              "SELECT repository_id, severity, COUNT(*) FROM finding WHERE fixed_at IS NULL"
                  + " AND repository_id IN ("
                  + placeholders(ids)
                  + ") GROUP BY repository_id, severity",
              List.copyOf(ids),
              rows ->
                  open.computeIfAbsent(rows.getLong(1), k -> new EnumMap<>(Severity.class))
                      .put(Severity.valueOf(rows.getString(2)), rows.getLong(3)));
          Map<Long, Long> overdue = new HashMap<>();
          List<Object> overdueParameters = new ArrayList<>(List.of(now, now));
          overdueParameters.addAll(ids);
          forEach(
              connection,
              "SELECT f.repository_id, COUNT(*) FROM finding f WHERE "
                  + Overdue.CONDITION
                  + " AND f.repository_id IN ("
                  + placeholders(ids)
                  + ") GROUP BY f.repository_id",
              overdueParameters,
              rows -> overdue.put(rows.getLong(1), rows.getLong(2)));
          Set<Long> running = new HashSet<>();
          forEach(
              connection,
              "SELECT DISTINCT i.repository_id FROM running_image ri"
                  + " JOIN image i ON i.id = ri.image_id WHERE i.repository_id IN ("
                  + placeholders(ids)
                  + ")",
              List.copyOf(ids),
              rows -> running.add(rows.getLong(1)));
          List<RepositoryView> views = new ArrayList<>();
          page.forEach(
              (id, row) ->
                  views.add(
                      new RepositoryView(
                          id,
                          row[0],
                          row[1],
                          tags.getOrDefault(id, List.of()),
                          open.getOrDefault(id, Map.of()),
                          overdue.getOrDefault(id, 0L),
                          running.contains(id))));
          return views;
        });
  }

  /**
   * The images of a repository in id order, after {@code afterId}, at most {@code limit}.
   *
   * @return empty when no repository has the name
   */
  public Optional<List<ImageView>> images(String repository, long afterId, int limit) {
    long now = clock.millis();
    return store.read(
        connection -> {
          Long repositoryId = null;
          try (PreparedStatement select =
              connection.prepareStatement("SELECT id FROM repository WHERE name = ?")) {
            select.setString(1, repository);
            try (ResultSet rows = select.executeQuery()) {
              if (rows.next()) {
                repositoryId = rows.getLong(1);
              }
            }
          }
          if (repositoryId == null) {
            return Optional.empty();
          }
          return Optional.of(
              images(
                  connection,
                  IMAGE_COLUMNS
                      + " WHERE i.repository_id = ? AND i.id > ? ORDER BY i.id"
                      + " FETCH FIRST ? ROWS ONLY",
                  List.of(repositoryId, afterId, limit),
                  now));
        });
  }

  /** The digest in every repository that holds it, in id order; empty if none does. */
  public List<ImageView> image(String digest) {
    long now = clock.millis();
    return store.read(
        connection ->
            images(
                connection,
                IMAGE_COLUMNS + " WHERE i.digest = ? ORDER BY i.id",
                List.of(digest),
                now));
  }

  private static List<ImageView> images(
      Connection connection, String sql, List<Object> parameters, long now) throws SQLException {
    record Row(
        long id,
        String repository,
        String digest,
        long firstSeen,
        Long currentSince,
        Long lastScan,
        boolean current) {}
    List<Row> page = new ArrayList<>();
    forEach(
        connection,
        sql,
        parameters,
        rows ->
            page.add(
                new Row(
                    rows.getLong(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getLong(4),
                    nullableLong(rows, 5),
                    nullableLong(rows, 6),
                    rows.getLong(7) == rows.getLong(1))));
    if (page.isEmpty()) {
      return List.of();
    }
    List<Object> ids = new ArrayList<>();
    List<Object> scanIds = new ArrayList<>();
    for (Row row : page) {
      ids.add(row.id());
      if (row.lastScan() != null) {
        scanIds.add(row.lastScan());
      }
    }
    String in = placeholders(ids);
    Map<Long, List<String>> tags = new HashMap<>();
    forEach(
        connection,
        "SELECT image_id, name FROM tag WHERE image_id IN (" + in + ") ORDER BY name",
        ids,
        rows ->
            tags.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getString(2)));
    Map<Long, List<ImageView.TagMove>> history = new HashMap<>();
    forEach(
        connection,
        "SELECT image_id, name, seen_at FROM tag_history WHERE image_id IN ("
            + in
            + ") ORDER BY seen_at, id",
        ids,
        rows ->
            history
                .computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                .add(
                    new ImageView.TagMove(
                        rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)))));
    Map<Long, List<ImageView.Workload>> running = new HashMap<>();
    forEach(
        connection,
        "SELECT image_id, cluster, namespace, workload, seen_at FROM running_image"
            + " WHERE image_id IN ("
            + in
            + ") ORDER BY cluster, namespace, workload",
        ids,
        rows ->
            running
                .computeIfAbsent(rows.getLong(1), k -> new ArrayList<>())
                .add(
                    new ImageView.Workload(
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        Instant.ofEpochMilli(rows.getLong(5)))));
    Map<Long, ImageView.Scan> scans = new HashMap<>();
    if (!scanIds.isEmpty()) {
      forEach(
          connection,
          "SELECT id, scanned_at, cause, verdict, findings, database_updated_at FROM scan"
              + " WHERE id IN ("
              + placeholders(scanIds)
              + ")",
          scanIds,
          rows -> {
            Long database = nullableLong(rows, 6);
            scans.put(
                rows.getLong(1),
                new ImageView.Scan(
                    rows.getLong(1),
                    Instant.ofEpochMilli(rows.getLong(2)),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getInt(5),
                    database == null ? null : Instant.ofEpochMilli(database)));
          });
    }
    Map<Long, Map<Severity, Long>> open = new HashMap<>();
    forEach(
        connection,
        "SELECT fi.image_id, f.severity, COUNT(*) FROM finding_image fi"
            + " JOIN finding f ON f.id = fi.finding_id WHERE f.fixed_at IS NULL"
            + " AND fi.image_id IN ("
            + in
            + ") GROUP BY fi.image_id, f.severity",
        ids,
        rows ->
            open.computeIfAbsent(rows.getLong(1), k -> new EnumMap<>(Severity.class))
                .put(Severity.valueOf(rows.getString(2)), rows.getLong(3)));
    Map<Long, Long> overdue = new HashMap<>();
    List<Object> overdueParameters = new ArrayList<>(List.of(now, now));
    overdueParameters.addAll(ids);
    forEach(
        connection,
        "SELECT fi.image_id, COUNT(*) FROM finding_image fi JOIN finding f ON f.id = fi.finding_id"
            + " WHERE "
            + Overdue.CONDITION
            + " AND fi.image_id IN ("
            + in
            + ") GROUP BY fi.image_id",
        overdueParameters,
        rows -> overdue.put(rows.getLong(1), rows.getLong(2)));
    List<ImageView> views = new ArrayList<>();
    for (Row row : page) {
      views.add(
          new ImageView(
              row.id(),
              row.repository(),
              row.digest(),
              Instant.ofEpochMilli(row.firstSeen()),
              row.current(),
              row.currentSince() == null ? null : Instant.ofEpochMilli(row.currentSince()),
              tags.getOrDefault(row.id(), List.of()),
              history.getOrDefault(row.id(), List.of()),
              running.getOrDefault(row.id(), List.of()),
              row.lastScan() == null ? null : scans.get(row.lastScan()),
              open.getOrDefault(row.id(), Map.of()),
              overdue.getOrDefault(row.id(), 0L)));
    }
    return views;
  }

  /** A row handler that may throw what JDBC throws. */
  @FunctionalInterface
  private interface RowHandler {
    void handle(ResultSet rows) throws SQLException;
  }

  private static void forEach(
      Connection connection, String sql, Collection<?> parameters, RowHandler handler)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      int column = 1;
      for (Object parameter : parameters) {
        select.setObject(column++, parameter);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          handler.handle(rows);
        }
      }
    }
  }

  private static String placeholders(Collection<?> values) {
    return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
  }

  private static Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }
}
