package dev.portcullis.cli;

import dev.portcullis.registry.RegistryTimeouts;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How long a registry may keep a command waiting: every command that talks to registries takes
 * these, so that a stalled registry is an error, never a hang.
 */
final class RegistryTimeoutOptions {

  @Option(
      names = "--registry-connect-timeout",
      paramLabel = "DURATION",
      converter = IntervalConverter.class,
      description = "Time to connect to a registry (default: 4s).")
  Duration connect;

  @Option(
      names = "--registry-read-timeout",
      paramLabel = "DURATION",
      converter = IntervalConverter.class,
      description =
          "Time a registry may take to answer, or send nothing in the middle of an answer"
              + " (default: 5s; headers must come within this and the connect timeout).")
  Duration read;

  @Option(
      names = "--registry-timeout",
      paramLabel = "DURATION",
      converter = IntervalConverter.class,
      description =
          "Base of one registry call's deadline; the time its expected bytes take at"
              + " --registry-min-rate is added (default: 60s).")
  Duration operation;

  @Option(
      names = "--registry-min-rate",
      paramLabel = "BYTES_PER_SECOND",
      description =
          "Slowest a registry may send, averaged over --registry-read-timeout (default: 32768).")
  Long minRate;

  RegistryTimeouts timeouts() {
    RegistryTimeouts defaults = RegistryTimeouts.defaults();
    if (minRate != null && minRate < 1) {
      throw new UsageException("--registry-min-rate: 1 byte per second or more");
    }
    return new RegistryTimeouts(
        connect != null ? connect : defaults.connect(),
        read != null ? read : defaults.read(),
        operation != null ? operation : defaults.operation(),
        minRate != null ? minRate : defaults.minBytesPerSecond());
  }
}
