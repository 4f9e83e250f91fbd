package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import dev.portcullis.testing.WrittenOsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan of the real Debian image must report, for each installed package, exactly the advisories
 * whose ranges contain its source package's version: Debian writes its ranges per source package,
 * in the source's versions. The advisories are written by this test (OSV Debian records, marked as
 * such) around each source's real version, and whether a version lies in a range is decided by
 * {@code dpkg --compare-versions}, not by Portcullis.
 */
class DebianImageScanTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A range written around a version: introduced, fixed and last_affected, any of them null. */
  private record TestRange(String introduced, String fixed, String lastAffected) {}

  private static List<TestRange> rangesAround(String version) {
    return List.of(
        new TestRange("0", version + "+fix1", null),
        new TestRange("0", version + "~", null),
        new TestRange("0", null, version),
        new TestRange(version + "+new1", null, null),
        new TestRange(version, version + "+b99", null));
  }

  @Test
  void reportsExactlyTheAdvisoriesWhoseRangesContainTheInstalledVersion() throws Exception {
    Map<String, List<String[]>> binariesBySource = new LinkedHashMap<>();
    for (String line : TestImages.dpkgOracle("debian-next")) {
      String[] fields = line.split(" "); // name version arch source source-version
      binariesBySource.computeIfAbsent(fields[3], s -> new ArrayList<>()).add(fields);
    }
    Set<String> expected = new TreeSet<>();
    Set<String> byBinaryVersion = new TreeSet<>();
    for (Map.Entry<String, List<String[]>> source : binariesBySource.entrySet()) {
      List<TestRange> ranges = rangesAround(source.getValue().get(0)[4]);
      for (int i = 0; i < ranges.size(); i++) {
        String id = "PORTCULLIS-TEST-" + source.getKey() + "-" + i;
        WrittenOsv.write(dir, record(id, source.getKey(), ranges.get(i)));
        for (String[] binary : source.getValue()) {
          if (dpkgSaysAffected(binary[4], ranges.get(i))) {
            expected.add(binary[0] + " " + id);
          }
          if (dpkgSaysAffected(binary[1], ranges.get(i))) {
            byBinaryVersion.add(binary[0] + " " + id);
          }
        }
      }
    }
    Path db = WrittenOsv.database(dir);

    Cli.Result scan =
        Cli.run(
            "scan",
            "image",
            "docker-archive:" + TestImages.dockerArchive("debian-next"),
            "--db",
            db.toString(),
            "--no-cache",
            "-f",
            "json");

    assertThat(scan.exitCode()).as(scan.err()).isZero();
    Set<String> reported = new TreeSet<>();
    for (JsonNode finding : JSON.readTree(scan.out()).path("findings")) {
      reported.add(
          finding.path("packageName").asText() + " " + finding.path("vulnerabilityId").asText());
    }
    assertThat(expected).hasSizeGreaterThan(200);
    assertThat(byBinaryVersion)
        .as(
            "the image holds binaries (binNMUs, an epoch of their own) whose version is not their source's")
        .isNotEqualTo(expected);
    assertThat(reported).isEqualTo(expected);
  }

  private static ObjectNode record(String id, String sourcePackage, TestRange range) {
    ObjectNode record = WrittenOsv.debian12(id, sourcePackage);
    ArrayNode events = WrittenOsv.rangeFrom(record, range.introduced());
    if (range.fixed() != null) {
      events.addObject().put("fixed", range.fixed());
    }
    if (range.lastAffected() != null) {
      events.addObject().put("last_affected", range.lastAffected());
    }
    return record;
  }

  private static boolean dpkgSaysAffected(String version, TestRange range)
      throws IOException, InterruptedException {
    boolean afterIntroduced =
        range.introduced().equals("0") || dpkg(version, "ge", range.introduced());
    boolean beforeFix = range.fixed() == null || dpkg(version, "lt", range.fixed());
    boolean notPastLast = range.lastAffected() == null || dpkg(version, "le", range.lastAffected());
    return afterIntroduced && beforeFix && notPastLast;
  }

  private static boolean dpkg(String a, String relation, String b)
      throws IOException, InterruptedException {
    return new ProcessBuilder("dpkg", "--compare-versions", a, relation, b).start().waitFor() == 0;
  }
}
