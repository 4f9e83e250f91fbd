package dev.portcullis.health;

import java.time.Instant;

/**
 * Whether a dependency answered when it was last used.
 *
 * @param up whether it answered
 * @param since when it started answering, or started failing
 * @param checkedAt when it was last used
 * @param failures failures in a row; 0 when up
 * @param problem the last failure; null when up
 */
public record DependencyState(
    boolean up, Instant since, Instant checkedAt, int failures, String problem) {

  static DependencyState up(Instant now) {
    return new DependencyState(true, now, now, 0, null);
  }

  static DependencyState down(Instant now, String problem) {
    return new DependencyState(false, now, now, 1, problem);
  }

  DependencyState checkedAt(Instant now) {
    return new DependencyState(up, since, now, failures, problem);
  }

  DependencyState failedAgain(Instant now, String latest) {
    return new DependencyState(false, since, now, failures + 1, latest);
  }
}
