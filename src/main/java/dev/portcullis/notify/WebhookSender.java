package dev.portcullis.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * POSTs a notification to a webhook, retrying with exponential backoff on what may pass (no
 * connection, a timeout, 408, 429, 5xx) and not on what will not (3xx, other 4xx). It never throws
 * for a failure of the receiver: the result says what happened.
 */
public final class WebhookSender {

  static final String EVENT_HEADER = "X-Portcullis-Event";
  static final String DELIVERY_HEADER = "X-Portcullis-Delivery";

  private final HttpClient client;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  /**
   * @param client must not follow redirects (HttpClient's default): a redirect would carry the
   *     signed body to wherever the receiver points
   * @param clock the time of the timestamp header, and of a Retry-After given as a date
   * @param random the jitter of the backoff; must be safe to share between threads if the sender is
   */
  public WebhookSender(HttpClient client, Clock clock, Sleeper sleeper, RandomGenerator random) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException(
          "a webhook client must not follow redirects: they would carry the signed body elsewhere");
    }
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** A sender on the system clock that really sleeps. */
  public static WebhookSender create(HttpClient client) {
    return new WebhookSender(client, Clock.systemUTC(), Sleeper.THREAD, new Random());
  }

  /** Sends the notification in the target's format, retrying as the target allows. */
  public DeliveryResult deliver(WebhookSettings target, Notification notification) {
    Rendered rendered = Rendered.of(target, notification);
    Backoff backoff = new Backoff(target.initialBackoff(), target.maxBackoff(), random);
    for (int attempt = 1; ; attempt++) {
      AttemptOutcome result = attempt(target, rendered);
      if (result.delivered()) {
        return DeliveryResult.delivered(attempt, result.status());
      }
      if (!result.retryable()) {
        return DeliveryResult.gaveUp(attempt, result.status(), result.problem() + ", not retried");
      }
      if (attempt == target.maxAttempts()) {
        return DeliveryResult.gaveUp(
            attempt,
            result.status(),
            "gave up after " + attempts(attempt) + ": " + result.problem());
      }
      int retry = attempt;
      Duration wait =
          result.retryAfter().map(backoff::honouring).orElseGet(() -> backoff.before(retry));
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return DeliveryResult.gaveUp(
            attempt,
            result.status(),
            "interrupted after " + attempts(attempt) + ": " + result.problem());
      }
    }
  }

  /**
   * Sends the notification once, without waiting or retrying: for a caller that keeps its own retry
   * schedule, such as the server's durable deliveries, which wait with the same backoff.
   */
  public AttemptOutcome attemptOnce(WebhookSettings target, Notification notification) {
    return attempt(target, Rendered.of(target, notification));
  }

  /** The body in the target's format, and the JSON payload's id that names the delivery. */
  private record Rendered(String event, String id, byte[] body) {
    static Rendered of(WebhookSettings target, Notification notification) {
      Payload json = JsonPayload.of(notification);
      byte[] body =
          target.format() == WebhookFormat.SLACK ? SlackPayload.of(notification) : json.body();
      return new Rendered(notification.event(), json.id(), body);
    }
  }

  private AttemptOutcome attempt(WebhookSettings target, Rendered rendered) {
    String event = rendered.event();
    String id = rendered.id();
    byte[] body = rendered.body();
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.url())
            .timeout(target.requestTimeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Portcullis")
            .header(EVENT_HEADER, event)
            .header(DELIVERY_HEADER, id)
            .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (target.secret() != null) {
      request.header(
          RequestSignature.SIGNATURE_HEADER,
          RequestSignature.sign(target.secret(), timestamp, body));
    }
    // The request timeout bounds the wait for the answer's headers only; the future's bounds the
    // whole exchange, so a receiver that trickles its answer cannot hold the sender either.
    CompletableFuture<HttpResponse<Void>> future =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    try {
      HttpResponse<Void> response =
          future.get(target.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return AttemptOutcome.answered(response.statusCode(), response, clock);
    } catch (TimeoutException e) {
      future.cancel(true);
      return AttemptOutcome.failed(timedOut(target));
    } catch (ExecutionException e) {
      return AttemptOutcome.failed(describe(e.getCause(), target));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new AttemptOutcome(false, false, 0, "interrupted", Optional.empty());
    }
  }

  /**
   * What went wrong, in words of our own: an exception's message may quote the URL, which is a
   * secret.
   */
  private static String describe(Throwable cause, WebhookSettings target) {
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
      return "could not connect to " + target.redactedUrl();
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut(target);
    }
    if (cause instanceof IOException) {
      return "the connection to "
          + target.redactedUrl()
          + " failed ("
          + cause.getClass().getSimpleName()
          + ")";
    }
    return "the request to "
        + target.redactedUrl()
        + " failed ("
        + cause.getClass().getSimpleName()
        + ")";
  }

  private static String attempts(int n) {
    return n + (n == 1 ? " attempt" : " attempts");
  }

  private static String timedOut(WebhookSettings target) {
    return "no answer from "
        + target.redactedUrl()
        + " within "
        + target.requestTimeout().toMillis()
        + " ms";
  }
}
