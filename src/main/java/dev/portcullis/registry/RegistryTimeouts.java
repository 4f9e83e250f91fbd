package dev.portcullis.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a registry may keep us waiting, so that one that stalls, or answers a byte at a time,
 * ends in an error instead of a hang.
 *
 * @param connect to open a connection
 * @param read for an answer's headers once connected, and for any one read of its body; also the
 *     window over which a body must average {@code minBytesPerSecond}
 * @param operation the base of one operation's deadline: what it may wait on the registry in all,
 *     plus the bytes it expects at the minimum rate
 * @param minBytesPerSecond the slowest a body may arrive, averaged over {@code read}
 */
public record RegistryTimeouts(
    Duration connect, Duration read, Duration operation, long minBytesPerSecond) {

  /**
   * Connect and read together bound the wait for an answer's headers: 9 s, so that a registry that
   * accepts a connection and says nothing is an error within 10 s. A TCP connection retries its SYN
   * after 1 s and 3 s; a registry that is up answers in well under a second. Slow proxies (a
   * pull-through cache fetching from upstream) may need the flags.
   */
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(4);

  public static final Duration DEFAULT_READ = Duration.ofSeconds(5);
  public static final Duration DEFAULT_OPERATION = Duration.ofSeconds(60);

  /** 32 KiB/s, a 256 kbit/s link: a 100 MB layer may take 51 minutes, a trickle fails. */
  public static final long DEFAULT_MIN_BYTES_PER_SECOND = 32 * 1024;

  public RegistryTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(operation, "operation");
    if (!positive(connect) || !positive(read) || !positive(operation) || minBytesPerSecond < 1) {
      throw new IllegalArgumentException(
          "registry timeouts must be positive and the minimum rate 1 byte/s or more");
    }
  }

  public static RegistryTimeouts defaults() {
    return new RegistryTimeouts(
        DEFAULT_CONNECT, DEFAULT_READ, DEFAULT_OPERATION, DEFAULT_MIN_BYTES_PER_SECOND);
  }

  /** The time to move this many bytes at the minimum rate. */
  Duration atMinimumRate(long bytes) {
    long whole = Math.max(0, bytes);
    return Duration.ofSeconds(whole / minBytesPerSecond)
        .plusMillis((whole % minBytesPerSecond) * 1000 / minBytesPerSecond);
  }

  /** What one operation may wait on the registry, all attempts and redirects together. */
  Duration deadlineFor(long expectedBytes) {
    return operation.plus(atMinimumRate(expectedBytes));
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }
}
