package dev.portcullis.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the server's database is: a JDBC URL, with the user and password the URL does not carry.
 *
 * @param user null where the URL or the driver's defaults name it
 * @param password null where none is needed
 */
public record StoreLocation(String jdbcUrl, String user, String password) {

  public StoreLocation {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException(
          "--db-url: a PostgreSQL (jdbc:postgresql://HOST:PORT/DB) or H2 (jdbc:h2:…) URL, not "
              + jdbcUrl);
    }
  }

  /**
   * The embedded default: an H2 database file in the data directory. Each commit is written to the
   * file before it returns ({@code WRITE_DELAY=0}), so a killed server loses no acknowledged write.
   * H2's automatic mixed mode ({@code AUTO_SERVER}) lets {@code serve token create} open the store
   * while the server runs: the second process connects to the first over loopback, which H2 allows
   * to local connections only.
   */
  public static StoreLocation embedded(Path dataDirectory) {
    Path file = dataDirectory.toAbsolutePath().resolve("portcullis");
    return new StoreLocation(
        "jdbc:h2:file:" + file + ";WRITE_DELAY=0;AUTO_SERVER=TRUE", null, null);
  }

  /** Whether this is PostgreSQL rather than the embedded H2. */
  public boolean postgres() {
    return jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
  }

  /** The URL without credentials, for messages. */
  @Override
  public String toString() {
    int parameters = jdbcUrl.indexOf('?');
    return parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters);
  }
}
