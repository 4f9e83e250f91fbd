package dev.portcullis.tracking;

import dev.portcullis.vulndb.Severity;
import java.util.Set;

/**
 * Which findings a query lists.
 *
 * @param severities empty for every severity
 * @param state open, fixed, or all
 * @param overdue true: only overdue ones; false: only those not overdue; null: either
 * @param repository the repository's name; null for all
 * @param running true: only those carried by an image that runs in a cluster; null: either
 * @param afterId the last id of the previous page; 0 for the first
 * @param limit the page size
 */
public record FindingFilter(
    Set<Severity> severities,
    State state,
    Boolean overdue,
    String repository,
    Boolean running,
    long afterId,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public FindingFilter {
    severities = Set.copyOf(severities);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit: 1 to " + MAX_LIMIT);
    }
  }

  /** A finding's state. */
  public enum State {
    OPEN,
    FIXED,
    ALL
  }
}
