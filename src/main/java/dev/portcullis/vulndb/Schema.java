package dev.portcullis.vulndb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database layout. Lookups the matcher needs, (ecosystem, package) → affected ranges and alias
 * → record, are index hits. Ranges and versions are stored as the record's JSON; they are read per
 * package, never queried inside.
 */
final class Schema {

  /**
   * Bumped on any incompatible change; an older database is rebuilt, not migrated. 3: records keep
   * their own severity entries, for the words that are no CVSS vector (Ubuntu's priority). 4:
   * records keep the vulnerabilities they fix, where they name several (a DSA).
   */
  static final int VERSION = 4;

  private static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS source (name TEXT PRIMARY KEY, imported_at TEXT NOT NULL, records INTEGER NOT NULL)",
    """
    CREATE TABLE IF NOT EXISTS vulnerability (
      id TEXT PRIMARY KEY, modified TEXT, published TEXT, withdrawn TEXT, summary TEXT, details TEXT,
      aliases TEXT NOT NULL, severity TEXT NOT NULL, score REAL, vector TEXT, severity_source TEXT NOT NULL,
      published_severities TEXT NOT NULL, fixes TEXT NOT NULL)
    """,
    """
    CREATE TABLE IF NOT EXISTS affected (
      vulnerability_id TEXT NOT NULL, ecosystem TEXT NOT NULL, ecosystem_release TEXT NOT NULL,
      package TEXT NOT NULL, purl TEXT, ranges TEXT NOT NULL, versions TEXT NOT NULL,
      ecosystem_specific TEXT, database_specific TEXT)
    """,
    "CREATE INDEX IF NOT EXISTS affected_by_package ON affected (ecosystem, package)",
    "CREATE INDEX IF NOT EXISTS affected_by_vulnerability ON affected (vulnerability_id)",
    "CREATE TABLE IF NOT EXISTS alias (alias TEXT NOT NULL, vulnerability_id TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS alias_by_alias ON alias (alias)",
    "CREATE INDEX IF NOT EXISTS alias_by_vulnerability ON alias (vulnerability_id)",
    """
    CREATE TABLE IF NOT EXISTS nvd_severity (
      cve TEXT PRIMARY KEY, severity TEXT NOT NULL, score REAL, vector TEXT, source TEXT NOT NULL)
    """,
  };

  private Schema() {}

  static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String ddl : DDL) {
        statement.execute(ddl);
      }
      statement.execute(
          "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '" + VERSION + "')");
    }
  }
}
