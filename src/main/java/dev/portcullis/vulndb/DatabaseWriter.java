package dev.portcullis.vulndb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a new database file beside the current one and swaps it in with an atomic rename, so an
 * interrupted import or update leaves the old database working. Close without {@link #commit} to
 * throw the new file away.
 */
public final class DatabaseWriter implements AutoCloseable {

  private final Path target;
  private final Path partial;
  private final Connection connection;
  private final Clock clock;
  private final ObjectMapper mapper = Json.mapper();
  private final List<String> warnings = new ArrayList<>();
  private final PreparedStatement findModified;
  private final PreparedStatement deleteAffected;
  private final PreparedStatement deleteAliases;
  private final PreparedStatement insertVulnerability;
  private final PreparedStatement insertAffected;
  private final PreparedStatement insertAlias;
  private PreparedStatement insertNvdSeverity;
  private boolean committed;

  private DatabaseWriter(Path target, Path partial, Connection connection, Clock clock)
      throws SQLException {
    this.target = target;
    this.partial = partial;
    this.connection = connection;
    this.clock = clock;
    findModified = connection.prepareStatement("SELECT modified FROM vulnerability WHERE id = ?");
    deleteAffected = connection.prepareStatement("DELETE FROM affected WHERE vulnerability_id = ?");
    deleteAliases = connection.prepareStatement("DELETE FROM alias WHERE vulnerability_id = ?");
    insertVulnerability =
        connection.prepareStatement(
            "INSERT OR REPLACE INTO vulnerability (id, modified, published, withdrawn, summary, details, aliases,"
                + " severity, score, vector, severity_source, published_severities, fixes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertAffected =
        connection.prepareStatement(
            "INSERT INTO affected (vulnerability_id, ecosystem, ecosystem_release, package, purl, ranges, versions,"
                + " ecosystem_specific, database_specific) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertAlias =
        connection.prepareStatement("INSERT INTO alias (alias, vulnerability_id) VALUES (?, ?)");
  }

  /** Starts from a copy of the database at {@code target}, or from nothing if there is none. */
  public static DatabaseWriter begin(Path target, Clock clock) throws IOException {
    return begin(target, clock, true);
  }

  /** Starts an empty database that will replace the one at {@code target}: an update. */
  public static DatabaseWriter beginFresh(Path target, Clock clock) throws IOException {
    return begin(target, clock, false);
  }

  private static DatabaseWriter begin(Path target, Clock clock, boolean keepExisting)
      throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    Path partial = Files.createTempFile(directory, "." + target.getFileName(), ".partial");
    List<String> startWarnings = new ArrayList<>();
    if (keepExisting && Files.exists(target)) {
      if (VulnerabilityDatabase.isCurrent(target)) {
        Files.copy(target, partial, StandardCopyOption.REPLACE_EXISTING);
      } else {
        startWarnings.add(target + " is damaged or of an older schema; building a new database");
        Files.delete(partial);
      }
    } else {
      Files.delete(partial);
    }
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + partial);
      try (Statement statement = connection.createStatement()) {
        // The file is private until the rename, so crash safety comes from the swap, not a journal.
        statement.execute("PRAGMA journal_mode = OFF");
        statement.execute("PRAGMA synchronous = OFF");
      }
      Schema.create(connection);
      connection.setAutoCommit(false);
      DatabaseWriter writer = new DatabaseWriter(target, partial, connection, clock);
      writer.warnings.addAll(startWarnings);
      return writer;
    } catch (SQLException e) {
      Files.deleteIfExists(partial);
      throw new InputException(
          "cannot create a vulnerability database beside " + target + ": " + e.getMessage(), e);
    }
  }

  /** Problems met on the way that the user should see. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Stores a record unless the database holds the same or a newer version of it.
   *
   * @return whether the record was stored
   */
  public boolean store(OsvRecord record) throws IOException {
    try {
      findModified.setString(1, record.id());
      try (ResultSet existing = findModified.executeQuery()) {
        if (existing.next()) {
          String stored = existing.getString(1);
          if (stored != null
              && record.modified() != null
              && stored.compareTo(record.modified()) >= 0) {
            return false;
          }
          deleteAffected.setString(1, record.id());
          deleteAffected.executeUpdate();
          deleteAliases.setString(1, record.id());
          deleteAliases.executeUpdate();
        }
      }
      insertVulnerability(record);
      for (OsvRecord.Affected affected : record.affected()) {
        insertAffected(record.id(), affected);
      }
      for (String alias : record.otherIds()) {
        insertAlias.setString(1, alias);
        insertAlias.setString(2, record.id());
        insertAlias.executeUpdate();
      }
      return true;
    } catch (SQLException e) {
      throw new InputException("storing " + record.id() + ": " + e.getMessage(), e);
    }
  }

  private void insertVulnerability(OsvRecord record) throws SQLException, JsonProcessingException {
    SeverityRating rating = SeverityRater.rate(record);
    insertVulnerability.setString(1, record.id());
    insertVulnerability.setString(2, record.modified());
    insertVulnerability.setString(3, record.published());
    insertVulnerability.setString(4, record.withdrawn());
    insertVulnerability.setString(5, record.summary());
    insertVulnerability.setString(6, record.details());
    insertVulnerability.setString(7, mapper.writeValueAsString(record.otherIds()));
    insertVulnerability.setString(8, rating.severity().name());
    if (Double.isNaN(rating.score())) {
      insertVulnerability.setNull(9, Types.REAL);
    } else {
      insertVulnerability.setDouble(9, rating.score());
    }
    insertVulnerability.setString(10, rating.vector());
    insertVulnerability.setString(11, rating.source());
    insertVulnerability.setString(12, mapper.writeValueAsString(record.severity()));
    insertVulnerability.setString(13, mapper.writeValueAsString(record.fixes()));
    insertVulnerability.executeUpdate();
  }

  private void insertAffected(String id, OsvRecord.Affected affected)
      throws SQLException, JsonProcessingException {
    OsvRecord.OsvPackage pkg = affected.packageInfo();
    if (pkg == null || pkg.ecosystem() == null || pkg.name() == null) {
      return;
    }
    EcosystemName ecosystem = EcosystemName.parse(pkg.ecosystem());
    insertAffected.setString(1, id);
    insertAffected.setString(2, ecosystem.ecosystem());
    insertAffected.setString(3, ecosystem.release());
    insertAffected.setString(4, ecosystem.normalizePackage(pkg.name()));
    insertAffected.setString(5, pkg.purl());
    insertAffected.setString(6, mapper.writeValueAsString(affected.ranges()));
    insertAffected.setString(7, mapper.writeValueAsString(affected.versions()));
    insertAffected.setString(
        8, affected.ecosystemSpecific() == null ? null : affected.ecosystemSpecific().toString());
    insertAffected.setString(
        9, affected.databaseSpecific() == null ? null : affected.databaseSpecific().toString());
    insertAffected.executeUpdate();
  }

  /** Keeps NVD's rating of a CVE, for records that carry none of their own. */
  public void storeNvdSeverity(String cve, SeverityRating rating) throws IOException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT OR REPLACE INTO nvd_severity (cve, severity, score, vector, source) VALUES (?, ?, ?, ?, ?)")) {
      statement.setString(1, cve);
      statement.setString(2, rating.severity().name());
      statement.setDouble(3, rating.score());
      statement.setString(4, rating.vector());
      statement.setString(5, rating.source());
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new InputException("storing NVD's severity of " + cve + ": " + e.getMessage(), e);
    }
  }

  /** Notes where records came from, for {@code db status}. */
  public void recordSource(String name, long records) throws IOException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT OR REPLACE INTO source (name, imported_at, records) VALUES (?, ?, ?)")) {
      statement.setString(1, name);
      statement.setString(2, now().toString());
      statement.setLong(3, records);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new InputException("recording source " + name + ": " + e.getMessage(), e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** Finishes the new database and puts it in place of the old one in one rename. */
  public void commit() throws IOException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT OR REPLACE INTO meta (key, value) VALUES ('updated_at', '" + now() + "')");
      connection.commit();
      statement.execute("PRAGMA optimize");
    } catch (SQLException e) {
      throw new InputException("finishing the vulnerability database: " + e.getMessage(), e);
    } finally {
      closeConnection();
    }
    try {
      Files.move(
          partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a connection we are done with cannot lose data that matters.
    }
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      closeConnection();
      Files.deleteIfExists(partial);
    }
  }
}
