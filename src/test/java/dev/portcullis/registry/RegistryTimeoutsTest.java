package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The deadline of one registry call: a base, plus the bytes it expects at the minimum rate. */
class RegistryTimeoutsTest {

  @Test
  void theDeadlineGrowsWithTheBytesExpectedAtTheMinimumRate() {
    RegistryTimeouts defaults = RegistryTimeouts.defaults();
    assertThat(defaults.deadlineFor(0)).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.deadlineFor(32 * 1024 * 100)).isEqualTo(Duration.ofSeconds(160));
    assertThat(defaults.deadlineFor(16 * 1024)).isEqualTo(Duration.ofMillis(60_500));
  }

  @Test
  void aSizeTheManifestLiesAboutCannotOverflowTheDeadline() {
    RegistryWait wait = new RegistryWait(RegistryTimeouts.defaults(), Long.MAX_VALUE);
    assertThat(wait.remainingNanos()).isPositive();
    RegistryWait negative = new RegistryWait(RegistryTimeouts.defaults(), -5);
    assertThat(negative.remainingNanos()).isEqualTo(Duration.ofSeconds(60).toNanos());
  }

  @Test
  void zeroTimeoutsAndRatesAreRefused() {
    assertThatThrownBy(
            () ->
                new RegistryTimeouts(
                    Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RegistryTimeouts(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secondsAreWrittenWholeOrWithTheirFraction() {
    assertThat(RegistryWait.seconds(Duration.ofSeconds(30))).isEqualTo("30");
    assertThat(RegistryWait.seconds(Duration.ofMillis(500))).isEqualTo("0.5");
  }
}
