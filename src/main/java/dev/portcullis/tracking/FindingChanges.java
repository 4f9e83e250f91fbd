package dev.portcullis.tracking;

import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.vulndb.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The findings of one repository, changed by one scan of one of its images. */
final class FindingChanges {

  /** Ids per {@code IN (…)} list: well under every driver's limit of bound parameters. */
  private static final int IN_CHUNK = 500;

  /** New findings per {@code INSERT}: 17 parameters a row, well under every driver's limit. */
  private static final int INSERT_CHUNK = 200;

  private final Connection connection;
  private final long repositoryId;
  private final long imageId;
  private final boolean newImage;
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
      boolean newImage,
      boolean current,
      long now,
      PatchDeadlines deadlines)
      throws SQLException {
    this.connection = connection;
    this.repositoryId = repositoryId;
    this.imageId = imageId;
    this.newImage = newImage;
    this.current = current;
    this.now = now;
    this.deadlines = deadlines;
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
      boolean carriedIntoNewer,
      Row row) {}

  /**
   * The columns a scan rewrites, as stored or as this scan would write them: a finding whose row
   * would not change gets only its {@code last_seen}, with the others of the scan in one statement.
   */
  private record Row(
      String vulnerabilityId,
      String aliases,
      String installedVersion,
      String fixedVersion,
      String title,
      String severity,
      Long dueAt,
      boolean nextRelease,
      boolean carriedIntoNewer,
      long firstImage,
      long firstSeen,
      Long exceptedUntil,
      Long policyExceptedUntil) {

    /** This row, carried into a newer digest. */
    Row carried() {
      return new Row(
          vulnerabilityId,
          aliases,
          installedVersion,
          fixedVersion,
          title,
          severity,
          dueAt,
          nextRelease,
          true,
          firstImage,
          firstSeen,
          exceptedUntil,
          policyExceptedUntil);
    }
  }

  /**
   * Loads the findings this scan can change: the repository's open ones, and the fixed ones that an
   * observation may match. Those are in the package of an observation that no open finding has
   * exactly (a match needs the same package, and {@link #existing} looks through the package only
   * for such observations), so the repository's history is not read again on every scan.
   */
  private void load(List<ObservedFinding> observed) throws SQLException {
    load("fixed_at IS NULL", List.of());
    Set<String> packages = new LinkedHashSet<>();
    for (ObservedFinding finding : observed) {
      if (!byKey.containsKey(finding.key())) {
        packages.add(finding.packageName());
      }
    }
    List<String> names = new ArrayList<>(packages);
    for (int from = 0; from < names.size(); from += IN_CHUNK) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + IN_CHUNK));
      load("fixed_at IS NOT NULL AND package_name IN (" + marks(chunk.size()) + ")", chunk);
    }
  }

  private void load(String condition, List<String> packageNames) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, vulnerability_id, aliases, ecosystem, package_name, fixed_at, first_seen,"
                + " first_image_id, carried_into_newer, installed_version, fixed_version, title,"
                + " severity, due_at, next_release, excepted_until,"
                + " policy_excepted_until FROM finding WHERE repository_id = ? AND "
                + condition)) {
      select.setLong(1, repositoryId);
      for (int i = 0; i < packageNames.size(); i++) {
        select.setString(i + 2, packageNames.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Long fixedAt = nullableLong(rows, 6);
          FindingKey key = new FindingKey(rows.getString(2), rows.getString(4), rows.getString(5));
          Row row =
              new Row(
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(10),
                  rows.getString(11),
                  rows.getString(12),
                  rows.getString(13),
                  nullableLong(rows, 14),
                  rows.getBoolean(15),
                  rows.getBoolean(9),
                  rows.getLong(8),
                  rows.getLong(7),
                  nullableLong(rows, 16),
                  nullableLong(rows, 17));
          Tracked tracked =
              new Tracked(
                  rows.getLong(1),
                  key,
                  Aliases.parse(rows.getString(3)),
                  fixedAt,
                  rows.getLong(7),
                  rows.getLong(8),
                  rows.getBoolean(9),
                  row);
          byKey.put(key, tracked);
          byPackage.computeIfAbsent(packageOf(key), k -> new ArrayList<>()).add(tracked);
        }
      }
    }
  }

  private static Long nullableLong(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  /** Records what the scan saw; returns the findings it opened. */
  List<RecordedScan.NewFinding> apply(List<ObservedFinding> observed) throws SQLException {
    load(observed);
    List<RecordedScan.NewFinding> opened = new ArrayList<>();
    List<ObservedFinding> fresh = new ArrayList<>();
    List<Long> freshExceptedUntil = new ArrayList<>();
    List<Long> unchanged = new ArrayList<>();
    List<Long> carried = new ArrayList<>();
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE finding SET vulnerability_id = ?, aliases = ?, installed_version = ?,"
                + " fixed_version = ?, title = ?, severity = ?, last_seen = ?, fixed_at = NULL,"
                + " first_seen = ?, due_at = ?, next_release = ?, carried_into_newer = ?,"
                + " first_image_id = ?, excepted_until = ?, policy_excepted_until = ?"
                + " WHERE id = ?")) {
      boolean batched = false;
      for (ObservedFinding finding : observed) {
        Optional<Tracked> existing = existing(finding);
        Long exceptedUntil = exceptedUntil(finding);
        if (existing.isEmpty()) {
          fresh.add(finding);
          freshExceptedUntil.add(exceptedUntil);
          continue;
        }
        Tracked tracked = existing.get();
        seen.add(tracked.id());
        // A fixed finding that comes back is a new occurrence: its clock starts again.
        boolean reopened = tracked.fixedAt() != null;
        long firstSeen = reopened ? now : tracked.firstSeen();
        long firstImage = reopened ? imageId : tracked.firstImage();
        boolean carriedIntoNewer =
            !reopened && (tracked.carriedIntoNewer() || (current && firstImage != imageId));
        Row row = row(finding, firstSeen, firstImage, carriedIntoNewer, exceptedUntil);
        if (reopened) {
          opened.add(new RecordedScan.NewFinding(tracked.id(), finding));
        } else if (row.equals(tracked.row())) {
          unchanged.add(tracked.id());
          continue;
        } else if (row.equals(tracked.row().carried())) {
          // The usual change: last scan's new finding is in this newer current digest too.
          carried.add(tracked.id());
          continue;
        }
        int column = bindDescription(update, 1, finding);
        update.setLong(column++, now);
        update.setLong(column++, firstSeen);
        setNullableLong(update, column++, row.dueAt());
        update.setBoolean(column++, row.nextRelease());
        update.setBoolean(column++, carriedIntoNewer);
        update.setLong(column++, firstImage);
        setNullableLong(update, column++, exceptedUntil);
        setNullableLong(update, column++, row.policyExceptedUntil());
        update.setLong(column, tracked.id());
        update.addBatch();
        batched = true;
      }
      if (batched) {
        update.executeBatch();
      }
    }
    forAll("UPDATE finding SET last_seen = ? WHERE id IN ", now, unchanged);
    forAll(
        "UPDATE finding SET last_seen = ?, carried_into_newer = TRUE WHERE id IN ", now, carried);
    List<Long> inserted = insert(fresh, freshExceptedUntil);
    for (int i = 0; i < fresh.size(); i++) {
      seen.add(inserted.get(i));
      opened.add(new RecordedScan.NewFinding(inserted.get(i), fresh.get(i)));
    }
    linkImage();
    return opened;
  }

  /** The columns as this scan writes them. */
  private Row row(
      ObservedFinding finding,
      long firstSeen,
      long firstImage,
      boolean carriedIntoNewer,
      Long exceptedUntil) {
    return new Row(
        finding.vulnerabilityId(),
        Aliases.format(finding.aliases()),
        Text.cut(finding.installedVersion(), 256),
        Text.cut(finding.fixedVersion(), 256),
        Text.cut(finding.title(), 1000),
        finding.severity().name(),
        dueAt(finding.severity(), firstSeen),
        deadlines.nextRelease(finding.severity()),
        carriedIntoNewer,
        firstImage,
        firstSeen,
        exceptedUntil,
        policyExceptedUntil(finding));
  }

  /**
   * Runs {@code sql} (which binds {@code first}, then ends in {@code IN }) for the ids, a chunk of
   * ids per statement.
   */
  private void forAll(String sql, long first, List<Long> ids) throws SQLException {
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      try (PreparedStatement statement =
          connection.prepareStatement(sql + '(' + marks(chunk.size()) + ')')) {
        statement.setLong(1, first);
        for (int i = 0; i < chunk.size(); i++) {
          statement.setLong(i + 2, chunk.get(i));
        }
        statement.executeUpdate();
      }
    }
  }

  /** {@code ?, ?, …}: {@code count} parameters of an {@code IN} list. */
  private static String marks(int count) {
    return "?, ".repeat(count - 1) + "?";
  }

  /**
   * Fixes the repository's open findings that this scan of its current digest did not see; after
   * {@link #apply}.
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
    forAll("UPDATE finding SET fixed_at = ? WHERE id IN ", now, fixed);
    return fixed.size();
  }

  /**
   * Links the image to the findings this scan saw, as of this scan: only the links that change are
   * written (a new image has none yet).
   */
  private void linkImage() throws SQLException {
    Set<Long> linked = newImage ? Set.of() : linked();
    List<Long> gone = new ArrayList<>();
    for (long id : linked) {
      if (!seen.contains(id)) {
        gone.add(id);
      }
    }
    forAll("DELETE FROM finding_image WHERE image_id = ? AND finding_id IN ", imageId, gone);
    List<Long> added = new ArrayList<>();
    for (long id : seen) {
      if (!linked.contains(id)) {
        added.add(id);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO finding_image (finding_id, image_id) VALUES (?, ?)")) {
      for (long id : added) {
        insert.setLong(1, id);
        insert.setLong(2, imageId);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private Set<Long> linked() throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement("SELECT finding_id FROM finding_image WHERE image_id = ?")) {
      select.setLong(1, imageId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  /**
   * Inserts the findings, as many rows per statement as {@link #INSERT_CHUNK}; returns their ids,
   * in order. The store returns each row's key with its id, so no order of returned rows is
   * assumed.
   */
  private List<Long> insert(List<ObservedFinding> findings, List<Long> exceptedUntil)
      throws SQLException {
    Map<FindingKey, Long> idsByKey = new HashMap<>();
    for (int from = 0; from < findings.size(); from += INSERT_CHUNK) {
      int to = Math.min(findings.size(), from + INSERT_CHUNK);
      String values = ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?)";
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO finding (vulnerability_id, aliases, installed_version, fixed_version,"
                  + " title, severity, last_seen, first_seen, due_at, next_release,"
                  + " carried_into_newer, first_image_id, excepted_until, policy_excepted_until,"
                  + " repository_id, ecosystem, package_name) VALUES "
                  + values.substring(2)
                  + values.repeat(to - from - 1),
              new String[] {"id", "vulnerability_id", "ecosystem", "package_name"})) {
        int column = 1;
        for (int i = from; i < to; i++) {
          ObservedFinding finding = findings.get(i);
          column = bindDescription(insert, column, finding);
          insert.setLong(column++, now);
          insert.setLong(column++, now);
          setNullableLong(insert, column++, dueAt(finding.severity(), now));
          insert.setBoolean(column++, deadlines.nextRelease(finding.severity()));
          insert.setLong(column++, imageId);
          setNullableLong(insert, column++, exceptedUntil.get(i));
          setNullableLong(insert, column++, policyExceptedUntil(finding));
          insert.setLong(column++, repositoryId);
          insert.setString(column++, finding.ecosystem());
          insert.setString(column++, finding.packageName());
        }
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          while (keys.next()) {
            idsByKey.put(
                new FindingKey(keys.getString(2), keys.getString(3), keys.getString(4)),
                keys.getLong(1));
          }
        }
      }
    }
    List<Long> ids = new ArrayList<>(findings.size());
    for (ObservedFinding finding : findings) {
      Long id = idsByKey.get(finding.key());
      if (id == null) {
        throw new SQLException("the store returned no id for the new finding " + finding.key());
      }
      ids.add(id);
    }
    return ids;
  }

  /** Binds id, aliases, versions, title and severity from {@code column}; returns the next one. */
  private static int bindDescription(
      PreparedStatement statement, int column, ObservedFinding finding) throws SQLException {
    statement.setString(column++, finding.vulnerabilityId());
    statement.setString(column++, Aliases.format(finding.aliases()));
    statement.setString(column++, Text.cut(finding.installedVersion(), 256));
    statement.setString(column++, Text.cut(finding.fixedVersion(), 256));
    statement.setString(column++, Text.cut(finding.title(), 1000));
    statement.setString(column++, finding.severity().name());
    return column;
  }

  private Long dueAt(Severity severity, long firstSeen) {
    return deadlines
        .dueAt(severity, Instant.ofEpochMilli(firstSeen))
        .map(Instant::toEpochMilli)
        .orElse(null);
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
