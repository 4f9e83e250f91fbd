package dev.portcullis.registry;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time one registry operation has spent waiting on registries (connecting, for headers, inside
 * body reads), against its deadline. Time spent on our side, analysing a layer between reads, is
 * not the registry's and is not counted.
 */
final class RegistryWait {

  private final RegistryTimeouts timeouts;
  private final long expectedBytes;
  private final long deadlineNanos;
  private final AtomicLong waitedNanos = new AtomicLong();

  RegistryWait(RegistryTimeouts timeouts, long expectedBytes) {
    this.timeouts = timeouts;
    this.expectedBytes = Math.max(0, expectedBytes);
    this.deadlineNanos = saturatedNanos(timeouts.deadlineFor(this.expectedBytes));
  }

  RegistryTimeouts timeouts() {
    return timeouts;
  }

  void charge(long nanos) {
    waitedNanos.addAndGet(Math.max(0, nanos));
  }

  long remainingNanos() {
    return deadlineNanos - waitedNanos.get();
  }

  /** Why the operation is over: its deadline, and how that was reckoned. */
  String exceeded() {
    return "not done after waiting "
        + seconds(Duration.ofNanos(deadlineNanos))
        + " s, the deadline for "
        + (expectedBytes == 0
            ? "an answer without a body (--registry-timeout)"
            : expectedBytes
                + " bytes (--registry-timeout "
                + seconds(timeouts.operation())
                + " s plus the bytes at --registry-min-rate "
                + timeouts.minBytesPerSecond()
                + " bytes/s)");
  }

  /** The one line a stalled registry is reported with: the host, what went wrong, the phase. */
  static RegistryUnavailableException stalled(URI where, String problem, String action) {
    return new RegistryUnavailableException(
        "registry " + hostAndPort(where) + ": " + problem + " while trying to " + action);
  }

  static String hostAndPort(URI uri) {
    int port =
        uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getHost() + ":" + port;
  }

  /** Whole seconds where the duration is whole, else with the fraction ("0.5"). */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0
        ? Long.toString(millis / 1000)
        : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
