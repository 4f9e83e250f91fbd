package dev.portcullis.testing;

import dev.portcullis.store.Store;
import dev.portcullis.store.StoreLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two stores every store test runs against: the embedded H2 in a temporary directory, and a
 * real PostgreSQL (io.zonky's embedded binaries from Maven Central), a fresh database per test.
 */
public enum StoreBackend {
  H2 {
    @Override
    public StoreLocation location(Path directory) {
      return StoreLocation.embedded(directory);
    }
  },
  POSTGRES {
    @Override
    public StoreLocation location(Path directory) {
      EmbeddedPostgres server = Postgres.SERVER;
      String database = "test_" + Postgres.DATABASES.incrementAndGet();
      try (Connection connection = server.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE " + database);
      } catch (SQLException e) {
        throw new IllegalStateException("create a test database", e);
      }
      return new StoreLocation(server.getJdbcUrl("postgres", database), null, null);
    }
  };

  /** A new, empty database's location. */
  public abstract StoreLocation location(Path directory);

  /** A new, empty, migrated store. */
  public Store open(Path directory) {
    return Store.open(location(directory), 4);
  }

  /** One PostgreSQL server for the whole test run, started on first use, stopped at exit. */
  private static final class Postgres {
    static final EmbeddedPostgres SERVER = start();
    static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        server.close();
                      } catch (IOException e) {
                        // the run is over; the temporary directory goes with the machine
                      }
                    }));
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("start the embedded PostgreSQL", e);
      }
    }
  }
}
