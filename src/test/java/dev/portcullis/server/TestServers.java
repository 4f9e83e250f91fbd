package dev.portcullis.server;

import dev.portcullis.feed.FeedSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.StoreBackend;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;

/** A server on a loopback port over a new or given store, with the empty policy. */
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
    return start(
        backend,
        directory,
        database,
        anonymousReads,
        maxRequestBytes,
        BackgroundSettings.defaults(),
        log);
  }

  /** As above, with clusters to read, receivers to notify, rescans and feeds. */
  static PortcullisServer start(
      StoreBackend backend,
      Path directory,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      BackgroundSettings background,
      Writer log)
      throws Exception {
    return start(
        backend.location(directory), database, anonymousReads, maxRequestBytes, 0, background, log);
  }

  /** The same over a store the test placed itself, e.g. a PostgreSQL it stops and starts. */
  static PortcullisServer start(
      StoreLocation location,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      Writer log)
      throws Exception {
    return start(
        location, database, anonymousReads, maxRequestBytes, BackgroundSettings.defaults(), log);
  }

  /**
   * A server over an existing store, with its own background work.
   *
   * @param store where the store is, as {@link StoreBackend#location} made it
   */
  static PortcullisServer start(
      StoreLocation store,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      BackgroundSettings background,
      Writer log)
      throws Exception {
    return start(store, database, anonymousReads, maxRequestBytes, 0, background, log);
  }

  /**
   * A server on a given port (0 for any) with these registry feeds; its layer cache in {@code
   * directory}.
   */
  static PortcullisServer start(
      StoreBackend backend, Path directory, Path database, int port, FeedSettings feeds, Writer log)
      throws Exception {
    return start(
        backend.location(directory),
        database,
        false,
        ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
        port,
        BackgroundSettings.defaults()
            .withFeeds(
                feeds.withRegistries(feeds.insecureRegistries(), directory.resolve("layer-cache"))),
        log);
  }

  private static PortcullisServer start(
      StoreLocation store,
      Path database,
      boolean anonymousReads,
      long maxRequestBytes,
      int port,
      BackgroundSettings background,
      Writer log)
      throws Exception {
    return PortcullisServer.start(
        new ServerSettings(
            "127.0.0.1",
            port,
            store,
            database,
            Policy.empty(),
            anonymousReads,
            maxRequestBytes,
            null,
            background),
        Clock.systemUTC(),
        new PrintWriter(log, true));
  }
}
