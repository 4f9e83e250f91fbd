package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.WrittenRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db import} says what each of its numbers counts: records, per ecosystem records, and the
 * records' affected entries apart from them. The expectations are counted from the imported files.
 */
class DbImportReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void perEcosystemRecordsAndAffectedEntriesAreCountedApart() throws IOException {
    Map<String, Long> records = new TreeMap<>();
    Map<String, Long> entries = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> listed = Files.list(WrittenRecords.directory())) {
      files = listed.filter(p -> p.toString().endsWith(".json")).toList();
    }
    for (Path file : files) {
      List<String> ecosystems = new java.util.ArrayList<>();
      for (JsonNode affected : JSON.readTree(file.toFile()).path("affected")) {
        ecosystems.add(affected.path("package").path("ecosystem").asText().split(":")[0]);
      }
      ecosystems.forEach(e -> entries.merge(e, 1L, Long::sum));
      ecosystems.stream().distinct().forEach(e -> records.merge(e, 1L, Long::sum));
    }
    assertThat(entries.get("Debian"))
        .as("the fixture has records with several entries")
        .isGreaterThan(records.get("Debian"));
    Path db = dir.resolve("v.sqlite");

    Cli.Result imported =
        Cli.run("db", "import", WrittenRecords.directory().toString(), "--db", db.toString());
    Cli.Result status = Cli.run("db", "status", "--db", db.toString(), "-f", "json");

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out())
        .contains("Imported " + files.size() + " records")
        .containsPattern("ECOSYSTEM\\s+RECORDS\\s+AFFECTED ENTRIES \\(package, release\\)");
    for (Map.Entry<String, Long> ecosystem : records.entrySet()) {
      assertThat(imported.out())
          .containsPattern(
              "\\n\\s+"
                  + ecosystem.getKey()
                  + "\\s+"
                  + ecosystem.getValue()
                  + "\\s+"
                  + entries.get(ecosystem.getKey())
                  + "\\n");
      assertThat(JSON.readTree(status.out()).path("perEcosystem").path(ecosystem.getKey()).asLong())
          .as("db status counts records per ecosystem alike")
          .isEqualTo(ecosystem.getValue());
    }
  }
}
