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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the store knows of a digest when a cluster asks whether it may run: its latest scan, and the
 * open findings no exception covers, as of that scan.
 */
public final class DigestStanding {

  /** How many blocking findings a standing names; the counts are complete. */
  static final int NAMED = 5;

  private final Store store;
  private final Clock clock;

  public DigestStanding(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * A digest's standing.
   *
   * @param repository the repository it was judged in
   * @param scannedAt its latest scan
   * @param blocking open, not excepted findings of the severities asked for, by severity
   * @param named a few of them, most severe first: {@code CVE-2024-1 (openssl 3.0.1)}
   */
  public record Standing(
      String repository, Instant scannedAt, Map<Severity, Long> blocking, List<String> named) {

    public Standing {
      blocking = Map.copyOf(blocking);
      named = List.copyOf(named);
    }

    public long blockingCount() {
      return blocking.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The standing of a digest: in the named repository when the store tracks the digest there, else
   * in the repository that scanned it last.
   *
   * @param repository {@code registry/path}, as the store names repositories
   * @return empty when the store has never scanned the digest
   */
  public Optional<Standing> of(String repository, String digest, Set<Severity> severities) {
    long now = clock.millis();
    return store.read(
        connection -> {
          Optional<ImageRow> image = scannedImage(connection, repository, digest);
          if (image.isEmpty()) {
            return Optional.empty();
          }
          Map<Severity, Long> blocking = new EnumMap<>(Severity.class);
          List<String> named = new ArrayList<>();
          if (!severities.isEmpty()) {
            String in = severities.stream().map(s -> "?").collect(Collectors.joining(", "));
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT f.severity, f.vulnerability_id, f.package_name, f.installed_version"
                        + " FROM finding f JOIN finding_image fi ON fi.finding_id = f.id"
                        + " WHERE fi.image_id = ? AND f.fixed_at IS NULL"
                        + " AND (f.excepted_until IS NULL OR f.excepted_until <= ?)"
                        + " AND f.severity IN ("
                        + in
                        + ") ORDER BY f.vulnerability_id, f.package_name")) {
              int index = 1;
              select.setLong(index++, image.get().id());
              select.setLong(index++, now);
              for (Severity severity : severities) {
                select.setString(index++, severity.name());
              }
              List<String[]> rows = new ArrayList<>();
              try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                  Severity severity = Severity.valueOf(result.getString(1));
                  blocking.merge(severity, 1L, Long::sum);
                  rows.add(
                      new String[] {
                        result.getString(1),
                        result.getString(2)
                            + " ("
                            + result.getString(3)
                            + " "
                            + result.getString(4)
                            + ")"
                      });
                }
              }
              rows.stream()
                  .sorted((a, b) -> Severity.valueOf(a[0]).compareTo(Severity.valueOf(b[0])))
                  .limit(NAMED)
                  .forEach(row -> named.add(row[1]));
            }
          }
          return Optional.of(
              new Standing(
                  image.get().repository(),
                  Instant.ofEpochMilli(image.get().scannedAt()),
                  blocking,
                  named));
        });
  }

  private record ImageRow(long id, String repository, long scannedAt) {}

  private static Optional<ImageRow> scannedImage(
      Connection connection, String repository, String digest) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT i.id, r.name, s.scanned_at FROM image i"
                + " JOIN repository r ON r.id = i.repository_id"
                + " JOIN scan s ON s.id = i.last_scan_id"
                + " WHERE i.digest = ?"
                + " ORDER BY CASE WHEN r.name = ? THEN 0 ELSE 1 END, s.scanned_at DESC, i.id"
                + " FETCH FIRST 1 ROWS ONLY")) {
      select.setString(1, digest);
      select.setString(2, repository);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next()
            ? Optional.of(new ImageRow(rows.getLong(1), rows.getString(2), rows.getLong(3)))
            : Optional.empty();
      }
    }
  }
}
