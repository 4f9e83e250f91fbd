package dev.portcullis.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How registries tell the server about new images.
 *
 * @param secret the shared secret push webhooks must present; without one, a webhook needs a token
 *     with the {@code submit} scope
 * @param pollInterval how often watched repositories' tags are listed
 */
public record FeedSettings(Optional<WebhookSecret> secret, Duration pollInterval) {

  /** A moved tag is noticed within a quarter of an hour without a webhook. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);

  public FeedSettings {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
    }
  }

  public static FeedSettings defaults() {
    return new FeedSettings(Optional.empty(), DEFAULT_POLL_INTERVAL);
  }
}
