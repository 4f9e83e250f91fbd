package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The OSV records written by hand for the distribution matching tests (see the README.md beside
 * them), and a database imported from them the way users import records.
 */
public final class WrittenRecords {

  private static final String FOLDER = "/dev/portcullis/match/written-records";

  private WrittenRecords() {}

  public static Path directory() {
    URL url = WrittenRecords.class.getResource(FOLDER);
    if (url == null) {
      throw new IllegalStateException(FOLDER + " is not on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Imports every written record with {@code db import} into a new database in {@code dir}. */
  public static Path database(Path dir) {
    Path db = dir.resolve("written.sqlite");
    Cli.Result result = Cli.run("db", "import", directory().toString(), "--db", db.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    return db;
  }
}
