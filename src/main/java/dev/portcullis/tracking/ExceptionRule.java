package dev.portcullis.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An active exception of the server's, as the store applies it to findings: it covers a
 * vulnerability (by id or alias, as the policy file's exceptions do), optionally only in one
 * package.
 */
record ExceptionRule(String vulnerabilityId, String packageName, long expiresAt) {

  /** The server's exceptions active at {@code now} that apply to the repository. */
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

  boolean covers(String findingId, Collection<String> aliases, String findingPackage) {
    boolean vulnerability =
        vulnerabilityId.equalsIgnoreCase(findingId)
            || aliases.stream().anyMatch(vulnerabilityId::equalsIgnoreCase);
    return vulnerability && (packageName == null || packageName.equals(findingPackage));
  }

  /**
   * A finding's {@code excepted_until}: the later end of the policy file's exception and the
   * server's that cover it; null if none does. The one place the two kinds are merged, for a scan
   * and for an exception created or ended over the API.
   *
   * @param policyEnd the end of the policy file's exception, as the finding's latest scan saw it
   */
  static Long latestEnd(
      Long policyEnd,
      List<ExceptionRule> rules,
      String findingId,
      Collection<String> aliases,
      String findingPackage) {
    Long until = policyEnd;
    for (ExceptionRule rule : rules) {
      if (rule.covers(findingId, aliases, findingPackage)
          && (until == null || rule.expiresAt() > until)) {
        until = rule.expiresAt();
      }
    }
    return until;
  }
}
