package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.TestInventories;
import dev.portcullis.testing.WrittenOsv;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's advisories are per source package and written in the source's versions, so a binary
 * whose version is not its source's is judged by the source's: real dpkg status stanzas (see {@code
 * source-versions/README.md}) against records written here, each with a range that the binary's own
 * version would place on the other side.
 */
class SourceVersionMatchingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OsRelease BOOKWORM =
      new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)", "etc/os-release");

  @TempDir Path dir;

  @Test
  void anEpochOnlyTheBinaryHasDoesNotHideTheFix() throws IOException {
    // bsdutils 1:2.38.1-5+deb12u3 is above every util-linux fix without an epoch.
    write(record("PORTCULLIS-TEST-1", "util-linux", fixed("2.38.1-5+deb12u4")));

    assertThat(match("bsdutils"))
        .extracting(Finding::vulnerabilityId, Finding::status, Finding::fixedVersions)
        .containsExactly(tuple("PORTCULLIS-TEST-1", FixStatus.FIXED, List.of("2.38.1-5+deb12u4")));
  }

  @Test
  void aBinNmuIsTheSourceVersionItWasRebuiltFrom() throws IOException {
    // OSV lists affected versions of the source; bash 5.2.15-2+b8 is no listed version.
    ObjectNode listed = record("PORTCULLIS-TEST-2", "bash", null);
    ((ArrayNode) listed.path("affected").get(0).withArray("versions")).add("5.2.15-2");
    write(listed);
    // Nor is it past the last affected source version.
    write(record("PORTCULLIS-TEST-3", "bash", lastAffected("5.2.15-2")));

    assertThat(match("bash"))
        .extracting(Finding::vulnerabilityId)
        .containsExactlyInAnyOrder("PORTCULLIS-TEST-2", "PORTCULLIS-TEST-3");
  }

  @Test
  void theSourcesOwnEpochIsKept() throws IOException {
    // libcap2 1:2.66-4+deb12u2+b2 is a binNMU of source 1:2.66-4+deb12u2.
    ObjectNode listed = record("PORTCULLIS-TEST-4", "libcap2", null);
    ((ArrayNode) listed.path("affected").get(0).withArray("versions")).add("1:2.66-4+deb12u2");
    write(listed);
    // Without its epoch the source would fall below this fix and be reported.
    write(record("PORTCULLIS-TEST-5", "libcap2", fixed("2.66-5")));

    assertThat(match("libcap2"))
        .extracting(Finding::vulnerabilityId)
        .containsExactly("PORTCULLIS-TEST-4");
  }

  @Test
  void aBinaryVersionedApartFromItsSourceIsJudgedByTheSource() throws IOException {
    // libdevmapper1.02.1 2:1.02.185-2 is built from lvm2 2.03.16-2; cpp 4:12.2.0-3 from
    // gcc-defaults 1.203. Their own versions are above every fix of their sources.
    write(record("PORTCULLIS-TEST-6", "lvm2", fixed("2.03.16-2+deb12u1")));
    write(record("PORTCULLIS-TEST-7", "gcc-defaults", fixed("1.204")));

    assertThat(match("libdevmapper1.02.1", "cpp"))
        .extracting(f -> f.pkg().name(), Finding::vulnerabilityId)
        .containsExactlyInAnyOrder(
            tuple("libdevmapper1.02.1", "PORTCULLIS-TEST-6"), tuple("cpp", "PORTCULLIS-TEST-7"));
  }

  @Test
  void aSourceFixedAtTheInstalledVersionIsNotReported() throws IOException {
    // The other way round: fixes at exactly the source version hold whatever the binary says.
    write(record("PORTCULLIS-TEST-8", "util-linux", fixed("2.38.1-5+deb12u3")));
    write(record("PORTCULLIS-TEST-9", "bash", fixed("5.2.15-2")));

    assertThat(match("bsdutils", "bash")).isEmpty();
  }

  /** The named packages of the real stanzas, matched against the records written so far. */
  private List<Finding> match(String... names) throws IOException {
    List<Package> installed;
    try (InputStream status = getClass().getResourceAsStream("source-versions/status")) {
      installed =
          new DpkgAnalyzer()
              .analyze(new AnalysisInput("var/lib/dpkg/status", 0, status)).packages().stream()
                  .filter(p -> List.of(names).contains(p.name()))
                  .toList();
    }
    assertThat(installed).hasSize(names.length);
    Path db = WrittenOsv.database(dir);
    Inventory inventory = TestInventories.image(BOOKWORM, installed);
    try (VulnerabilityDatabase database = VulnerabilityDatabase.open(db)) {
      return new Matcher(database).match(inventory);
    }
  }

  private void write(ObjectNode record) throws IOException {
    WrittenOsv.write(dir, record);
  }

  private static ObjectNode fixed(String version) {
    return JSON.createObjectNode().put("fixed", version);
  }

  private static ObjectNode lastAffected(String version) {
    return JSON.createObjectNode().put("last_affected", version);
  }

  /** A Debian:12 record of a source package: from version 0 up to {@code end}, if any. */
  private static ObjectNode record(String id, String source, ObjectNode end) {
    ObjectNode record = WrittenOsv.debian12(id, source);
    if (end != null) {
      WrittenOsv.rangeFrom(record, "0").add(end);
    }
    return record;
  }
}
