package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security gate on the real Debian image (whose base layer has an old tzdata), with advisories
 * written by this test: a fixed HIGH one for tzdata, known also as a Debian id, and an unfixed one
 * of unknown severity for glibc.
 */
abstract class ScanTestBase {

  @TempDir protected Path dir;
  protected Path db;

  @BeforeEach
  void database() throws IOException {
    String fixed = TestImages.tzdataVersions().get(1);
    Path records = dir.resolve("records");
    Files.createDirectories(records);
    Files.writeString(
        records.resolve("a.json"),
        """
        {"id":"DEBIAN-CVE-2099-0001","modified":"2026-01-01T00:00:00Z","aliases":["CVE-2099-0001"],
         "summary":"written by the Portcullis test suite",
         "affected":[{"package":{"ecosystem":"Debian:12","name":"tzdata"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}
        """
            .formatted(fixed));
    Files.writeString(
        records.resolve("b.json"),
        """
        {"id":"CVE-2099-0001","modified":"2026-01-01T00:00:00Z","summary":"written by the Portcullis test suite",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
         "affected":[{"package":{"ecosystem":"Debian:12","name":"tzdata"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}
        """
            .formatted(fixed));
    Files.writeString(
        records.resolve("c.json"),
        """
        {"id":"DEBIAN-CVE-2099-0002","modified":"2026-01-01T00:00:00Z","summary":"written by the Portcullis test suite",
         "affected":[{"package":{"ecosystem":"Debian:12","name":"glibc"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}
        """);
    db = dir.resolve("v.sqlite");
    assertThat(Cli.run("db", "import", records.toString(), "--db", db.toString()).exitCode())
        .isZero();
  }

  protected Cli.Result scan(String image, String... more) {
    return Cli.run(
        Stream.concat(
                Stream.of(
                    "scan",
                    "image",
                    "docker-archive:" + TestImages.dockerArchive(image),
                    "--db",
                    db.toString(),
                    "--no-cache"),
                Stream.of(more))
            .toArray(String[]::new));
  }

  protected static String fixedVersion() {
    try {
      return TestImages.tzdataVersions().get(1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  protected Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  protected static Set<String> findingPairs(String json) throws IOException {
    Set<String> pairs = new TreeSet<>();
    for (var finding :
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("findings")) {
      pairs.add(
          finding.path("packageName").asText() + " " + finding.path("vulnerabilityId").asText());
    }
    return pairs;
  }
}
