package dev.portcullis.feed;

import dev.portcullis.registry.RegistryTimeouts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How registries tell the server about new images, and how it pulls them.
 *
 * @param secret the shared secret push webhooks must present; without one, a webhook needs a token
 *     with the {@code submit} scope
 * @param pollInterval how often watched repositories' tags are listed
 * @param watched the repositories whose tags are polled
 * @param insecureRegistries registries ({@code host:port}) spoken to in plain HTTP, such as a test
 *     registry on loopback
 * @param layerCache where analysed layers are kept, so that a layer two images share is read once;
 *     null for no cache
 * @param retryBackoff the wait before the first retry of a pull from a registry that is down; each
 *     further retry waits twice as long
 * @param maxRetries retries of a pull before it is given up
 * @param registryTimeouts how long a registry may keep a pull or a poll waiting
 */
public record FeedSettings(
    Optional<WebhookSecret> secret,
    Duration pollInterval,
    List<WatchedRepository> watched,
    Set<String> insecureRegistries,
    Path layerCache,
    Duration retryBackoff,
    int maxRetries,
    RegistryTimeouts registryTimeouts) {

  /** A moved tag is noticed within a quarter of an hour without a webhook. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);

  /** 30 s, 1 min, 2 min … : ten retries cover a registry that is down for about eight hours. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(30);

  public static final int DEFAULT_MAX_RETRIES = 10;

  public FeedSettings {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(registryTimeouts, "registryTimeouts");
    watched = List.copyOf(watched);
    insecureRegistries = Set.copyOf(insecureRegistries);
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
    }
    if (retryBackoff.isNegative() || retryBackoff.isZero() || maxRetries < 0) {
      throw new IllegalArgumentException("a positive retry backoff and 0 or more retries");
    }
  }

  public static FeedSettings defaults() {
    return new FeedSettings(
        Optional.empty(),
        DEFAULT_POLL_INTERVAL,
        List.of(),
        Set.of(),
        null,
        DEFAULT_RETRY_BACKOFF,
        DEFAULT_MAX_RETRIES,
        RegistryTimeouts.defaults());
  }

  public FeedSettings withSecret(Optional<WebhookSecret> value) {
    return new FeedSettings(
        value,
        pollInterval,
        watched,
        insecureRegistries,
        layerCache,
        retryBackoff,
        maxRetries,
        registryTimeouts);
  }

  public FeedSettings withPolling(List<WatchedRepository> repositories, Duration interval) {
    return new FeedSettings(
        secret,
        interval,
        repositories,
        insecureRegistries,
        layerCache,
        retryBackoff,
        maxRetries,
        registryTimeouts);
  }

  public FeedSettings withRegistries(Set<String> insecure, Path cache) {
    return new FeedSettings(
        secret, pollInterval, watched, insecure, cache, retryBackoff, maxRetries, registryTimeouts);
  }

  public FeedSettings withRetries(Duration backoff, int retries) {
    return new FeedSettings(
        secret,
        pollInterval,
        watched,
        insecureRegistries,
        layerCache,
        backoff,
        retries,
        registryTimeouts);
  }

  public FeedSettings withRegistryTimeouts(RegistryTimeouts timeouts) {
    return new FeedSettings(
        secret,
        pollInterval,
        watched,
        insecureRegistries,
        layerCache,
        retryBackoff,
        maxRetries,
        timeouts);
  }

  /** Whether a registry is spoken to in plain HTTP. */
  public boolean insecure(String registry) {
    return insecureRegistries.contains(registry);
  }
}
