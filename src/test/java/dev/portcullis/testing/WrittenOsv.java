package dev.portcullis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OSV records a test writes for itself, in the shape of osv.dev's Debian records, under {@code
 * DIR/records}, and the database {@code db import} makes of them.
 */
public final class WrittenOsv {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WrittenOsv() {}

  /** A Debian:12 record of the source package {@code source}, with no range yet. */
  public static ObjectNode debian12(String id, String source) {
    ObjectNode record =
        JSON.createObjectNode()
            .put("id", id)
            .put("modified", "2026-01-01T00:00:00Z")
            .put("summary", "written by the Portcullis test suite, not a real advisory");
    record
        .putArray("affected")
        .addObject()
        .putObject("package")
        .put("ecosystem", "Debian:12")
        .put("name", source);
    return record;
  }

  /**
   * Gives the record's package an ECOSYSTEM range from {@code introduced}; the caller adds its end
   * to the events returned.
   */
  public static ArrayNode rangeFrom(ObjectNode record, String introduced) {
    ArrayNode events =
        ((ObjectNode) record.path("affected").get(0))
            .putArray("ranges")
            .addObject()
            .put("type", "ECOSYSTEM")
            .putArray("events");
    events.addObject().put("introduced", introduced);
    return events;
  }

  /** Writes the record to {@code DIR/records/ID.json}. */
  public static void write(Path dir, ObjectNode record) throws IOException {
    Path records = Files.createDirectories(dir.resolve("records"));
    Files.write(
        records.resolve(record.path("id").asText() + ".json"), JSON.writeValueAsBytes(record));
  }

  /** Imports {@code DIR/records} with {@code db import} into {@code DIR/v.sqlite}. */
  public static Path database(Path dir) {
    Path db = dir.resolve("v.sqlite");
    Cli.Result imported =
        Cli.run("db", "import", dir.resolve("records").toString(), "--db", db.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    return db;
  }
}
