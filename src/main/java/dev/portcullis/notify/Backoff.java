package dev.portcullis.notify;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The wait before a retry: exponential from the initial backoff, capped, with "equal jitter" (half
 * the wait fixed, half random), so that many senders failing together do not retry together, yet
 * none retries at once.
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The wait before retry number {@code retry} (1 for the second attempt). */
  Duration before(int retry) {
    Duration base = initial;
    for (int i = 1; i < retry && base.compareTo(max) < 0; i++) {
      base = base.multipliedBy(2);
    }
    long millis = Math.min(base.toMillis(), max.toMillis());
    long half = millis / 2;
    return Duration.ofMillis(millis - half + (long) (random.nextDouble() * half));
  }

  /** A receiver's Retry-After, no longer than the longest backoff. */
  Duration honouring(Duration retryAfter) {
    return retryAfter.compareTo(max) > 0 ? max : retryAfter;
  }

  /** The wait a Retry-After header asks for: seconds, or an HTTP date; empty if absent or bad. */
  static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get().matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
    }
    try {
      Instant at =
          ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      // A Retry-After we cannot read says no more than none at all: back off as usual.
      return Optional.empty();
    }
  }
}
