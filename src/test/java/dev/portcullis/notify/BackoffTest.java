package dev.portcullis.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:30:00Z");

  @Test
  void waitDoublesFromTheInitialBackoffUpToTheCap() {
    Backoff least = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0L);

    assertThat(
            List.of(
                least.before(1),
                least.before(2),
                least.before(3),
                least.before(4),
                least.before(9)))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofMillis(1000),
            Duration.ofMillis(2000),
            Duration.ofMillis(4000),
            Duration.ofMillis(5000));
  }

  @Test
  void jitterKeepsEachWaitBetweenHalfAndAllOfItsBackoff() {
    // -1L is the largest draw a random source can give: nextDouble() just under 1.
    Backoff most = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> -1L);

    assertThat(most.before(1)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    assertThat(most.before(30)).isBetween(Duration.ofMillis(9999), Duration.ofMillis(10000));
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDateAndNothingElse() {
    assertThat(Backoff.retryAfter(headers("120"), NOW)).contains(Duration.ofSeconds(120));
    assertThat(Backoff.retryAfter(headers("Fri, 04 Dec 2026 12:31:00 GMT"), NOW))
        .contains(Duration.ofSeconds(60));
    assertThat(Backoff.retryAfter(headers("Fri, 04 Dec 2026 12:00:00 GMT"), NOW))
        .contains(Duration.ZERO);
    assertThat(Backoff.retryAfter(headers("-5"), NOW)).isEmpty();
    assertThat(Backoff.retryAfter(headers("99999999999999"), NOW)).isEmpty();
    assertThat(Backoff.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true), NOW)).isEmpty();
  }

  private static HttpHeaders headers(String retryAfter) {
    return HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (a, b) -> true);
  }
}
