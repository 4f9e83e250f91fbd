package dev.portcullis.server;

import dev.portcullis.policy.Policy;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.StoreBackend;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;

/** A server on a free loopback port over a new store, with the empty policy. */
final class TestServers {

  private TestServers() {}

  /**
   * @param directory where an embedded store keeps its file
   * @param database the vulnerability database
   * @param log receives what the server logs
   */
  static PortcullisServer start(
      StoreBackend backend,
      Path directory,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      Writer log)
      throws Exception {
    return start(backend.location(directory), database, anonymousReads, maxRequestBytes, log);
  }

  /** The same over a store the test placed itself, e.g. a PostgreSQL it stops and starts. */
  static PortcullisServer start(
      StoreLocation location,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      Writer log)
      throws Exception {
    return PortcullisServer.start(
        new ServerSettings(
            "127.0.0.1",
            0,
            location,
            database,
            Policy.empty(),
            anonymousReads,
            maxRequestBytes,
            null,
            BackgroundSettings.defaults()),
        Clock.systemUTC(),
        new PrintWriter(log, true));
  }
}
