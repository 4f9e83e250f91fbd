package dev.portcullis.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An active exception of the server's, as the recording of a scan applies it: it covers a
 * vulnerability (by id or alias), optionally only in one package.
 */
record ExceptionRule(String vulnerabilityId, String packageName, long expiresAt) {

  static List<ExceptionRule> active(Connection connection, long repositoryId, long now)
      throws SQLException {
    List<ExceptionRule> rules = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT vulnerability_id, package_name, expires_at FROM vulnerability_exception"
                + " WHERE revoked_at IS NULL AND expires_at > ?"
                + " AND (repository_id IS NULL OR repository_id = ?)")) {
      select.setLong(1, now);
      select.setLong(2, repositoryId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          rules.add(new ExceptionRule(rows.getString(1), rows.getString(2), rows.getLong(3)));
        }
      }
    }
    return rules;
  }

  boolean covers(ObservedFinding finding) {
    boolean vulnerability =
        vulnerabilityId.equals(finding.vulnerabilityId())
            || finding.aliases().contains(vulnerabilityId);
    return vulnerability && (packageName == null || packageName.equals(finding.packageName()));
  }
}
