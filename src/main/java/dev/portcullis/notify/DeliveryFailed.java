package dev.portcullis.notify;

import java.time.Duration;
import java.util.Optional;

/** An attempt that may succeed later: the delivery job fails and its retry handler reschedules. */
final class DeliveryFailed extends RuntimeException {

  private final transient Optional<Duration> retryAfter;

  DeliveryFailed(String message, Optional<Duration> retryAfter) {
    super(message, null, false, false);
    this.retryAfter = retryAfter;
  }

  /** The wait the receiver asked for, if it did. */
  Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
