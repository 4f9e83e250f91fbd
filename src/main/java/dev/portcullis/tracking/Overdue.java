package dev.portcullis.tracking;

/**
 * "Overdue" in SQL, exactly as {@link dev.portcullis.sla.PatchDeadlines#overdue} decides it: open,
 * not under an active exception, and past its due time or, where the deadline is the next release,
 * carried into a newer digest. The one parameter is now, in epoch milliseconds, bound twice.
 */
final class Overdue {

  /**
   * Over table alias {@code f} of a finding the query already knows to be open; binds now twice.
   * Without {@code fixed_at}, PostgreSQL counts the open findings from {@code finding_open_counts}
   * alone (V9).
   */
  static final String OF_OPEN =
      "((f.excepted_until IS NULL OR f.excepted_until <= ?)"
          + " AND ((f.due_at IS NOT NULL AND f.due_at < ?)"
          + " OR (f.next_release AND f.carried_into_newer)))";

  /** Over table alias {@code f}; binds now twice. */
  static final String CONDITION = "(f.fixed_at IS NULL AND " + OF_OPEN + ")";

  private Overdue() {}
}
