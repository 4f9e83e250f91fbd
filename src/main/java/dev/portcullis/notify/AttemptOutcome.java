package dev.portcullis.notify;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How one request to a receiver ended.
 *
 * @param retryable whether trying again may succeed: no connection, a timeout, 408, 429, 5xx
 * @param status the HTTP status of the answer; 0 when there was none
 * @param problem what went wrong, in words that never hold the URL's path or the secret; empty when
 *     delivered
 * @param retryAfter the wait the receiver asked for, if it did
 */
public record AttemptOutcome(
    boolean delivered,
    boolean retryable,
    int status,
    String problem,
    Optional<Duration> retryAfter) {

  static AttemptOutcome answered(int status, HttpResponse<?> response, Clock clock) {
    if (status / 100 == 2) {
      return new AttemptOutcome(true, false, status, "", Optional.empty());
    }
    boolean retryable = status == 408 || status == 429 || status / 100 == 5;
    return new AttemptOutcome(
        false,
        retryable,
        status,
        "HTTP " + status,
        retryable ? Backoff.retryAfter(response.headers(), clock.instant()) : Optional.empty());
  }

  static AttemptOutcome failed(String problem) {
    return new AttemptOutcome(false, true, 0, problem, Optional.empty());
  }
}
