package dev.portcullis.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.store.Store;
import dev.portcullis.testing.MovableClock;
import dev.portcullis.testing.StoreBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tokens that expire: valid until their time, refused from it on, on both stores. */
class ApiTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @TempDir Path directory;

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aTokenIsRefusedFromItsExpiryOn(StoreBackend backend) {
    MovableClock clock = new MovableClock(NOW);
    try (Store store = backend.open(directory)) {
      ApiTokens tokens = new ApiTokens(store, clock);
      String expiring =
          tokens.create("dashboard", Set.of(Scope.READ), NOW.plus(Duration.ofHours(12)));
      String lasting = tokens.create("ci", Set.of(Scope.SUBMIT));

      clock.set(NOW.plus(Duration.ofHours(12)).minusMillis(1));
      assertThat(tokens.verify(expiring)).map(Caller::name).contains("dashboard");

      clock.set(NOW.plus(Duration.ofHours(12)));
      assertThat(tokens.verify(expiring)).isEmpty();
      assertThat(tokens.verify(lasting)).map(Caller::name).contains("ci");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void anExpiryThatIsNotInTheFutureIsRefused(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ApiTokens tokens = new ApiTokens(store, new MovableClock(NOW));

      assertThatThrownBy(() -> tokens.create("late", Set.of(Scope.READ), NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("future");
    }
  }
}
