package dev.portcullis.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.match.Finding;
import dev.portcullis.match.Matcher;
import dev.portcullis.vulndb.DatabaseWriter;
import dev.portcullis.vulndb.OsvImporter;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching a 2,000-package Debian inventory against a database of 6,000 Debian records (three per
 * package, written by this benchmark: one affecting, one fixed below, one for another release).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchBenchmark {

  private static final int PACKAGES = 2000;

  private VulnerabilityDatabase database;
  private Inventory inventory;

  @Setup
  public void build() throws IOException {
    Path dir = Files.createTempDirectory("portcullis-match-bench");
    Path records = Files.createDirectories(dir.resolve("records"));
    ObjectMapper json = new ObjectMapper();
    List<Package> packages = new ArrayList<>();
    for (int i = 0; i < PACKAGES; i++) {
      String name = "pkg" + i;
      String version = "1." + (i % 50) + "-" + (i % 7 + 1);
      packages.add(new Package("deb", name, version, "amd64", name, version, null, null,
          "var/lib/dpkg/status", null, "pkg:deb/debian/" + name + "@" + version, List.of(), null,
          false, null, null));
      write(json, records, "BENCH-" + i + "-a", "Debian:12", name, "0", version + "+fix1");
      write(json, records, "BENCH-" + i + "-b", "Debian:12", name, "0", "0.9");
      write(json, records, "BENCH-" + i + "-c", "Debian:11", name, "0", version + "+fix1");
    }
    Path file = dir.resolve("v.sqlite");
    try (DatabaseWriter writer = DatabaseWriter.begin(file, Clock.systemUTC())) {
      new OsvImporter(writer).importAll(List.of(records));
      writer.commit();
    }
    database = VulnerabilityDatabase.open(file);
    inventory = new Inventory(new ImageInfo("bench", null, null, List.of(), "linux", "amd64"),
        new OsRelease("debian", "12", "Debian GNU/Linux 12", "etc/os-release"), List.of(), packages, List.of());
  }

  private static void write(ObjectMapper json, Path dir, String id, String ecosystem, String name,
      String introduced, String fixed) throws IOException {
    ObjectNode record = json.createObjectNode().put("id", id).put("modified", "2026-01-01T00:00:00Z");
    ObjectNode affected = record.putArray("affected").addObject();
    affected.putObject("package").put("ecosystem", ecosystem).put("name", name);
    ArrayNode events = affected.putArray("ranges").addObject().put("type", "ECOSYSTEM").putArray("events");
    events.addObject().put("introduced", introduced);
    events.addObject().put("fixed", fixed);
    Files.write(dir.resolve(id + ".json"), json.writeValueAsBytes(record));
  }

  @Benchmark
  public List<Finding> match2000Packages() throws IOException {
    return new Matcher(database).match(inventory);
  }

  @TearDown
  public void close() {
    database.close();
  }
}
