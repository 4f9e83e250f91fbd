package dev.portcullis.tracking;

import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.vulndb.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The findings of one repository, changed by one scan of one of its images. */
final class FindingChanges {

  private final Connection connection;
  private final long repositoryId;
  private final long imageId;
  private final boolean current;
  private final long now;
  private final PatchDeadlines deadlines;
  private final Map<FindingKey, Tracked> byKey = new HashMap<>();
  private final Map<String, List<Tracked>> byPackage = new HashMap<>();
  private final List<ExceptionRule> exceptions;
  private final Set<Long> seen = new HashSet<>();

  FindingChanges(
      Connection connection,
      long repositoryId,
      long imageId,
      boolean current,
      long now,
      PatchDeadlines deadlines)
      throws SQLException {
    this.connection = connection;
    this.repositoryId = repositoryId;
    this.imageId = imageId;
    this.current = current;
    this.now = now;
    this.deadlines = deadlines;
    load();
    this.exceptions = ExceptionRule.active(connection, repositoryId, now);
  }

  /** A finding as the store has it. */
  private record Tracked(
      long id,
      FindingKey key,
      Set<String> aliases,
      Long fixedAt,
      long firstSeen,
      long firstImage,
      boolean carriedIntoNewer) {}

  private void load() throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, vulnerability_id, aliases, ecosystem, package_name, fixed_at, first_seen,"
                + " first_image_id, carried_into_newer FROM finding WHERE repository_id = ?")) {
      select.setLong(1, repositoryId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long fixed = rows.getLong(6);
          Long fixedAt = rows.wasNull() ? null : fixed;
          FindingKey key = new FindingKey(rows.getString(2), rows.getString(4), rows.getString(5));
          Tracked tracked =
              new Tracked(
                  rows.getLong(1),
                  key,
                  Aliases.parse(rows.getString(3)),
                  fixedAt,
                  rows.getLong(7),
                  rows.getLong(8),
                  rows.getBoolean(9));
          byKey.put(key, tracked);
          byPackage.computeIfAbsent(packageOf(key), k -> new ArrayList<>()).add(tracked);
        }
      }
    }
  }

  /** Records what the scan saw; returns the findings it opened. */
  List<RecordedScan.NewFinding> apply(List<ObservedFinding> observed) throws SQLException {
    List<RecordedScan.NewFinding> opened = new ArrayList<>();
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE finding SET vulnerability_id = ?, aliases = ?, installed_version = ?,"
                + " fixed_version = ?, title = ?, severity = ?, last_seen = ?, fixed_at = NULL,"
                + " first_seen = ?, due_at = ?, next_release = ?, carried_into_newer = ?,"
                + " first_image_id = ?, excepted_until = ?, policy_excepted_until = ?"
                + " WHERE id = ?")) {
      for (ObservedFinding finding : observed) {
        Optional<Tracked> existing = existing(finding);
        Long exceptedUntil = exceptedUntil(finding);
        if (existing.isEmpty()) {
          long id = insert(finding, exceptedUntil);
          seen.add(id);
          opened.add(new RecordedScan.NewFinding(id, finding));
          continue;
        }
        Tracked tracked = existing.get();
        seen.add(tracked.id());
        // A fixed finding that comes back is a new occurrence: its clock starts again.
        boolean reopened = tracked.fixedAt() != null;
        long firstSeen = reopened ? now : tracked.firstSeen();
        long firstImage = reopened ? imageId : tracked.firstImage();
        boolean nextRelease = deadlines.nextRelease(finding.severity());
        boolean carriedIntoNewer =
            !reopened && (tracked.carriedIntoNewer() || (current && firstImage != imageId));
        int column = bindDescription(update, finding);
        update.setLong(column++, now);
        update.setLong(column++, firstSeen);
        setDue(update, column++, finding.severity(), firstSeen);
        update.setBoolean(column++, nextRelease);
        update.setBoolean(column++, carriedIntoNewer);
        update.setLong(column++, firstImage);
        setNullableLong(update, column++, exceptedUntil);
        setNullableLong(update, column++, policyExceptedUntil(finding));
        update.setLong(column, tracked.id());
        update.addBatch();
        if (reopened) {
          opened.add(new RecordedScan.NewFinding(tracked.id(), finding));
        }
      }
      update.executeBatch();
    }
    linkImage();
    return opened;
  }

  /**
   * Fixes the repository's open findings that this scan of its current digest did not see.
   *
   * @return how many it fixed
   */
  int fixMissing() throws SQLException {
    List<Long> fixed = new ArrayList<>();
    for (Tracked tracked : byKey.values()) {
      if (tracked.fixedAt() == null && !seen.contains(tracked.id())) {
        fixed.add(tracked.id());
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE finding SET fixed_at = ? WHERE id = ?")) {
      for (long id : fixed) {
        update.setLong(1, now);
        update.setLong(2, id);
        update.addBatch();
      }
      update.executeBatch();
    }
    return fixed.size();
  }

  private void linkImage() throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM finding_image WHERE image_id = ?")) {
      delete.setLong(1, imageId);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO finding_image (finding_id, image_id) VALUES (?, ?)")) {
      for (long id : seen) {
        insert.setLong(1, id);
        insert.setLong(2, imageId);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private long insert(ObservedFinding finding, Long exceptedUntil) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO finding (vulnerability_id, aliases, installed_version, fixed_version,"
                + " title, severity, last_seen, first_seen, due_at, next_release,"
                + " carried_into_newer, first_image_id, excepted_until, policy_excepted_until,"
                + " repository_id, ecosystem, package_name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      int column = bindDescription(insert, finding);
      insert.setLong(column++, now);
      insert.setLong(column++, now);
      setDue(insert, column++, finding.severity(), now);
      insert.setBoolean(column++, deadlines.nextRelease(finding.severity()));
      insert.setLong(column++, imageId);
      setNullableLong(insert, column++, exceptedUntil);
      setNullableLong(insert, column++, policyExceptedUntil(finding));
      insert.setLong(column++, repositoryId);
      insert.setString(column++, finding.ecosystem());
      insert.setString(column, finding.packageName());
      insert.executeUpdate();
      return ScanRecorder.generatedId(insert);
    }
  }

  /** Binds id, aliases, versions, title and severity from column 1; returns the next column. */
  private static int bindDescription(PreparedStatement statement, ObservedFinding finding)
      throws SQLException {
    statement.setString(1, finding.vulnerabilityId());
    statement.setString(2, Aliases.format(finding.aliases()));
    statement.setString(3, Text.cut(finding.installedVersion(), 256));
    statement.setString(4, Text.cut(finding.fixedVersion(), 256));
    statement.setString(5, Text.cut(finding.title(), 1000));
    statement.setString(6, finding.severity().name());
    return 7;
  }

  private void setDue(PreparedStatement statement, int column, Severity severity, long firstSeen)
      throws SQLException {
    Optional<Instant> due = deadlines.dueAt(severity, Instant.ofEpochMilli(firstSeen));
    setNullableLong(statement, column, due.map(Instant::toEpochMilli).orElse(null));
  }

  private static void setNullableLong(PreparedStatement statement, int column, Long value)
      throws SQLException {
    if (value == null) {
      statement.setNull(column, Types.BIGINT);
    } else {
      statement.setLong(column, value);
    }
  }

  /** The tracked finding this is: the same key, or the same package under one of its aliases. */
  private Optional<Tracked> existing(ObservedFinding finding) {
    Tracked same = byKey.get(finding.key());
    if (same != null && !seen.contains(same.id())) {
      return Optional.of(same);
    }
    for (Tracked tracked : byPackage.getOrDefault(packageOf(finding.key()), List.of())) {
      if (seen.contains(tracked.id())) {
        continue;
      }
      if (finding.aliases().contains(tracked.key().vulnerabilityId())
          || tracked.aliases().contains(finding.vulnerabilityId())) {
        return Optional.of(tracked);
      }
    }
    return Optional.empty();
  }

  /** The later end of the policy file's exception and the server's that cover the finding. */
  private Long exceptedUntil(ObservedFinding finding) {
    return ExceptionRule.latestEnd(
        policyExceptedUntil(finding),
        exceptions,
        finding.vulnerabilityId(),
        finding.aliases(),
        finding.packageName());
  }

  private static Long policyExceptedUntil(ObservedFinding finding) {
    return finding.exceptedUntil() == null ? null : finding.exceptedUntil().toEpochMilli();
  }

  private static String packageOf(FindingKey key) {
    return key.ecosystem() + '\u0000' + key.packageName();
  }
}
