package dev.portcullis.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how notifications are sent. The URL and the secret are both secrets (a Slack webhook
 * URL is its own credential), so {@link #toString()} shows neither.
 *
 * @param secret the shared secret that signs each body; null for unsigned requests
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait before the second attempt, doubled for each one after, with jitter
 * @param maxBackoff the longest wait between attempts, also the cap on a receiver's Retry-After
 * @param requestTimeout the longest one attempt may take, from sending to the end of the answer
 */
public record WebhookSettings(
    URI url,
    WebhookFormat format,
    String secret,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration requestTimeout) {

  static final int MOST_ATTEMPTS = 20;

  public WebhookSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "notification URL: use http:// or https://, not "
              + (scheme.isEmpty() ? "a URL without a scheme" : scheme + "://"));
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("notification URL: it names no host");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "notification URL: user:password@ is not sent; use a secret instead");
    }
    if (secret != null && secret.isBlank()) {
      throw new IllegalArgumentException(
          "notification secret: it is empty; leave it out to send unsigned requests");
    }
    if (maxAttempts < 1 || maxAttempts > MOST_ATTEMPTS) {
      throw new IllegalArgumentException(
          "notification attempts: use 1 to " + MOST_ATTEMPTS + ", not " + maxAttempts);
    }
    requirePositive("initial backoff", initialBackoff);
    requirePositive("max backoff", maxBackoff);
    requirePositive("request timeout", requestTimeout);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "notification max backoff ("
              + maxBackoff
              + ") is shorter than the initial backoff ("
              + initialBackoff
              + ")");
    }
  }

  /** A target with the defaults: 5 attempts, backoff 1 s doubling up to 60 s, 10 s per attempt. */
  public static WebhookSettings of(URI url, WebhookFormat format, String secret) {
    return new WebhookSettings(
        url,
        format,
        secret,
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10));
  }

  /** The URL without its path, query or user: safe to show in logs and errors. */
  public String redactedUrl() {
    return url.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "" : "/…");
  }

  @Override
  public String toString() {
    return "WebhookSettings[url="
        + redactedUrl()
        + ", format="
        + format
        + ", secret="
        + (secret == null ? "none" : "***")
        + ", maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          "notification " + name + ": must be positive, not " + duration);
    }
  }
}
