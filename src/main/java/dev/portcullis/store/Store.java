package dev.portcullis.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's database: a HikariCP pool over H2 or PostgreSQL, migrated by Flyway to the one
 * schema both share ({@code db/migration}).
 */
public final class Store implements AutoCloseable {

  /** How long a request waits for a connection before the store counts as unavailable. */
  public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

  private final HikariDataSource pool;
  private final boolean postgres;

  private Store(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  /**
   * Opens the pool and migrates the schema.
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Store open(StoreLocation location, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(location.jdbcUrl());
    if (location.user() != null) {
      config.setUsername(location.user());
    }
    if (location.password() != null) {
      config.setPassword(location.password());
    }
    // Flyway holds one connection for its lock while it migrates on another.
    config.setMaximumPoolSize(Math.max(poolSize, 2));
    config.setPoolName("portcullis-store");
    config.setAutoCommit(true);
    // Fail at start, with the database's own message, rather than at the first request.
    config.setInitializationFailTimeout(10_000);
    // While the database is down a request waits this long for a connection, then gets a 503; the
    // pool keeps trying, so the server recovers by itself when the database returns.
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setValidationTimeout(2_000);
    // Idle connections are checked now and then, so that those a database restart broke are
    // replaced before a request gets one.
    config.setKeepaliveTime(60_000);
    if (location.postgres()) {
      // Seconds. A database that stops answering mid-query frees the connection, not a thread.
      config.addDataSourceProperty("connectTimeout", "5");
      config.addDataSourceProperty("socketTimeout", "300");
      // A batch of inserts (a scan's findings and their images) goes as multi-row statements.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the store " + location + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          // db/vendor/…: the few migrations whose SQL differs between H2 and PostgreSQL
          .locations(
              "classpath:db/migration",
              "classpath:db/vendor/" + (location.postgres() ? "postgresql" : "h2"))
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("cannot migrate the store " + location + ": " + rootMessage(e), e);
    }
    return new Store(pool, location.postgres());
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Whether the store is PostgreSQL, which several server replicas can share. */
  public boolean postgres() {
    return postgres;
  }

  /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("the store failed: " + rootMessage(e), e);
    }
  }

  /** Runs a read on one connection. */
  public <T> T read(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      connection.setReadOnly(true);
      try {
        return work.run(connection);
      } finally {
        connection.setReadOnly(false);
      }
    } catch (SQLException e) {
      throw new StoreException("the store failed: " + rootMessage(e), e);
    }
  }

  /** Whether the database answers now. */
  public boolean reachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
