package dev.portcullis.testing;

import dev.portcullis.image.Json;
import dev.portcullis.vulndb.OsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real OSV records in ../shared/testdata/osv (Go and PyPI), one JSON file per record. */
public final class SharedOsv {

  /** The folder; tests that need it skip where it is absent. */
  public static final Path DIRECTORY =
      Path.of(System.getProperty("portcullis.sharedTestdata", "../shared/testdata")).resolve("osv");

  private SharedOsv() {}

  /** The record files of one ecosystem's folder, sorted. */
  public static List<Path> files(String ecosystem) throws IOException {
    try (Stream<Path> files = Files.list(DIRECTORY.resolve(ecosystem))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  public static List<OsvRecord> records(String ecosystem) throws IOException {
    List<OsvRecord> records = new ArrayList<>();
    for (Path file : files(ecosystem)) {
      records.add(Json.mapper().readValue(file.toFile(), OsvRecord.class));
    }
    return records;
  }
}
