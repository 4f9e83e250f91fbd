package dev.portcullis.tracking;

import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Records one scan in one transaction: the image and its tag, the inventory, the scan, and each
 * finding's life (first seen, last seen, fixed, due), as docs/server.md defines them.
 */
public final class ScanRecorder {

  /** Both H2 and PostgreSQL report a unique-constraint violation with this SQLSTATE. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final int ATTEMPTS = 3;

  private final Store store;
  private final PatchDeadlines deadlines;
  private final ScanObserver observer;

  /** A recorder that tells no one. */
  public ScanRecorder(Store store, PatchDeadlines deadlines) {
    this(store, deadlines, ScanObserver.NONE);
  }

  /**
   * @param observer told of every scan once it is committed (never of a repeated submission)
   */
  public ScanRecorder(Store store, PatchDeadlines deadlines, ScanObserver observer) {
    this.store = store;
    this.deadlines = deadlines;
    this.observer = observer;
  }

  /**
   * Records the scan. Two servers recording the first scan of a repository at once collide on a
   * unique key; the loser records again and finds the winner's rows.
   */
  public RecordedScan record(ImageScan scan) {
    RecordedScan recorded = recordOnce(scan);
    if (!recorded.repeated()) {
      observer.recorded(scan, recorded);
    }
    return recorded;
  }

  private RecordedScan recordOnce(ImageScan scan) {
    for (int attempt = 1; ; attempt++) {
      try {
        return store.inTransaction(connection -> record(connection, scan));
      } catch (RuntimeException e) {
        if (attempt == ATTEMPTS || !uniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  private RecordedScan record(Connection connection, ImageScan scan) throws SQLException {
    long now = scan.scannedAt().toEpochMilli();
    if (scan.submissionKey() != null) {
      Long earlier = earlierSubmission(connection, scan.submissionKey());
      if (earlier != null) {
        return new RecordedScan(
            earlier, imageOf(connection, earlier), true, scan.failed(), List.of(), 0);
      }
    }
    LockedRepository repository = lockedRepository(connection, scan.image().repository(), now);
    long repositoryId = repository.id();
    Long known = knownImage(connection, repositoryId, scan.image().digest().toString());
    long imageId =
        known != null
            ? known
            : insertImage(connection, repositoryId, scan.image().digest().toString(), now);
    Long current = repository.currentImageId();
    boolean becomesCurrent = current == null || (current != imageId && scan.cause().makesCurrent());
    if (becomesCurrent) {
      try (PreparedStatement update =
          connection.prepareStatement("UPDATE repository SET current_image_id = ? WHERE id = ?")) {
        update.setLong(1, imageId);
        update.setLong(2, repositoryId);
        update.executeUpdate();
      }
    }
    if (scan.image().tag() != null) {
      tag(connection, repositoryId, scan.image().tag(), imageId, now);
    }
    if (scan.inventory() != null) {
      inventory(connection, scan.image().digest().toString(), scan.inventory(), now);
    }
    long scanId = insertScan(connection, imageId, scan, now, becomesCurrent);
    boolean isCurrent = becomesCurrent || current == imageId;
    FindingChanges changes =
        new FindingChanges(
            connection, repositoryId, imageId, known == null, isCurrent, now, deadlines);
    List<RecordedScan.NewFinding> opened = changes.apply(merged(scan.findings()));
    int fixed = isCurrent && scan.complete() ? changes.fixMissing() : 0;
    return new RecordedScan(scanId, imageId, false, scan.failed(), opened, fixed);
  }

  /** One observation per finding key: copies of a package are one finding, rated most severe. */
  private static List<ObservedFinding> merged(List<ObservedFinding> findings) {
    Map<FindingKey, ObservedFinding> byKey = new LinkedHashMap<>();
    for (ObservedFinding finding : findings) {
      byKey.merge(
          finding.key(), finding, (a, b) -> a.severity().compareTo(b.severity()) <= 0 ? a : b);
    }
    return new ArrayList<>(byKey.values());
  }

  private static Long earlierSubmission(Connection connection, String key) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM scan WHERE submission_key = ?")) {
      select.setString(1, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    }
  }

  private static long imageOf(Connection connection, long scanId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT image_id FROM scan WHERE id = ?")) {
      select.setLong(1, scanId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static long repository(Connection connection, String name, long now) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM repository WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          return rows.getLong(1);
        }
      }
    }
    return insertRepository(connection, name, now);
  }

  private static long insertRepository(Connection connection, String name, long now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO repository (name, created_at) VALUES (?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, name);
      insert.setLong(2, now);
      insert.executeUpdate();
      return generatedId(insert);
    }
  }

  /**
   * A repository's row and current digest. The row is locked, so that two servers recording scans
   * of one repository take turns; a repository just inserted is this transaction's alone.
   */
  private record LockedRepository(long id, Long currentImageId) {}

  private static LockedRepository lockedRepository(Connection connection, String name, long now)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, current_image_id FROM repository WHERE name = ? FOR UPDATE")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          long current = rows.getLong(2);
          return new LockedRepository(rows.getLong(1), rows.wasNull() ? null : current);
        }
      }
    }
    return new LockedRepository(insertRepository(connection, name, now), null);
  }

  static long image(Connection connection, long repositoryId, String digest, long now)
      throws SQLException {
    Long known = knownImage(connection, repositoryId, digest);
    return known != null ? known : insertImage(connection, repositoryId, digest, now);
  }

  private static Long knownImage(Connection connection, long repositoryId, String digest)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id FROM image WHERE repository_id = ? AND digest = ?")) {
      select.setLong(1, repositoryId);
      select.setString(2, digest);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : null;
      }
    }
  }

  private static long insertImage(Connection connection, long repositoryId, String digest, long now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO image (repository_id, digest, first_seen) VALUES (?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, repositoryId);
      insert.setString(2, digest);
      insert.setLong(3, now);
      insert.executeUpdate();
      return generatedId(insert);
    }
  }

  private static void tag(
      Connection connection, long repositoryId, String tag, long imageId, long now)
      throws SQLException {
    Long previous = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT image_id FROM tag WHERE repository_id = ? AND name = ? FOR UPDATE")) {
      select.setLong(1, repositoryId);
      select.setString(2, tag);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          previous = rows.getLong(1);
        }
      }
    }
    if (previous != null && previous == imageId) {
      return;
    }
    String write =
        previous == null
            ? "INSERT INTO tag (image_id, updated_at, repository_id, name) VALUES (?, ?, ?, ?)"
            : "UPDATE tag SET image_id = ?, updated_at = ? WHERE repository_id = ? AND name = ?";
    try (PreparedStatement statement = connection.prepareStatement(write)) {
      statement.setLong(1, imageId);
      statement.setLong(2, now);
      statement.setLong(3, repositoryId);
      statement.setString(4, tag);
      statement.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO tag_history (repository_id, name, image_id, seen_at) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, repositoryId);
      insert.setString(2, tag);
      insert.setLong(3, imageId);
      insert.setLong(4, now);
      insert.executeUpdate();
    }
  }

  /** Keeps the digest's inventory once; a newer analyzer's inventory replaces an older one. */
  private static void inventory(
      Connection connection, String digest, StoredInventory inventory, long now)
      throws SQLException {
    String analyzer = null;
    try (PreparedStatement select =
        connection.prepareStatement("SELECT analyzer_version FROM inventory WHERE digest = ?")) {
      select.setString(1, digest);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          analyzer = rows.getString(1);
        }
      }
    }
    if (inventory.analyzerVersion().equals(analyzer)) {
      return;
    }
    String write =
        analyzer == null
            ? "INSERT INTO inventory (analyzer_version, media_type, content, created_at, digest)"
                + " VALUES (?, ?, ?, ?, ?)"
            : "UPDATE inventory SET analyzer_version = ?, media_type = ?, content = ?,"
                + " created_at = ? WHERE digest = ?";
    try (PreparedStatement statement = connection.prepareStatement(write)) {
      statement.setString(1, inventory.analyzerVersion());
      statement.setString(2, inventory.mediaType());
      statement.setBytes(3, gzip(inventory.document()));
      statement.setLong(4, now);
      statement.setString(5, digest);
      statement.executeUpdate();
    }
  }

  /**
   * Inserts the scan and makes it the image's last; {@code becameCurrent}: the image became its
   * repository's current digest now.
   */
  private static long insertScan(
      Connection connection, long imageId, ImageScan scan, long now, boolean becameCurrent)
      throws SQLException {
    long scanId;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO scan (image_id, scanned_at, cause, database_updated_at, verdict,"
                + " findings, submission_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, imageId);
      insert.setLong(2, now);
      insert.setString(3, scan.cause().label());
      if (scan.databaseUpdatedAt() == null) {
        insert.setNull(4, Types.BIGINT);
      } else {
        insert.setLong(4, scan.databaseUpdatedAt().toEpochMilli());
      }
      insert.setString(5, scan.failed() ? "fail" : "pass");
      insert.setInt(6, scan.findings().size());
      insert.setString(7, scan.submissionKey());
      insert.executeUpdate();
      scanId = generatedId(insert);
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            becameCurrent
                ? "UPDATE image SET last_scan_id = ?, current_since = ? WHERE id = ?"
                : "UPDATE image SET last_scan_id = ? WHERE id = ?")) {
      int column = 1;
      update.setLong(column++, scanId);
      if (becameCurrent) {
        update.setLong(column++, now);
      }
      update.setLong(column, imageId);
      update.executeUpdate();
    }
    return scanId;
  }

  static long generatedId(Statement statement) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  private static byte[] gzip(byte[] document) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(document.length / 4 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static boolean uniqueViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
