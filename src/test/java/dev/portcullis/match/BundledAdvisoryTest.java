package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestInventories;
import dev.portcullis.testing.WrittenOsv;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Debian advisory fixing several CVEs is one fix beside the CVEs' own findings, not a finding of
 * its own, unless it is the only word on one of them or rated above all of them. The records are
 * written here in the shape of osv.dev's Debian records (a DSA naming its CVEs in {@code upstream},
 * the tracker's DEBIAN-CVE records naming one each), and NVD's ratings in a feed of NVD's 1.1
 * layout.
 */
class BundledAdvisoryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  private static final String LOW = "CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:U/C:L/I:N/A:N";
  private static final Package LIBSSL3 =
      TestInventories.osPackage(
          "deb", "libssl3", "3.0.14-1~deb12u2", "amd64", "openssl", "3.0.14-1~deb12u2");

  @TempDir Path dir;

  @Test
  void anAdvisoryWhoseCvesAllHaveFindingsIsShownBesideThem() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(debianCve("CVE-2099-7001", "3.0.15-1~deb12u1"));
    write(debianCve("CVE-2099-7002", "3.0.15-1~deb12u1"));

    List<Finding> findings = match();

    assertThat(findings)
        .extracting(Finding::vulnerabilityId)
        .containsExactlyInAnyOrder("DEBIAN-CVE-2099-7001", "DEBIAN-CVE-2099-7002");
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.advisories())
                  .containsExactly(
                      new FixingAdvisory("DSA-2099-7001", List.of("3.0.15-1~deb12u1")));
              assertThat(f.fixedVersions()).containsExactly("3.0.15-1~deb12u1");
            });
  }

  @Test
  void theAdvisorysFixCountsForACveWhoseOwnRecordNamesNone() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(debianCve("CVE-2099-7001", null));
    write(debianCve("CVE-2099-7002", "3.0.16-1~deb12u1"));

    List<Finding> findings = match();

    assertThat(findings)
        .filteredOn(f -> f.vulnerabilityId().equals("DEBIAN-CVE-2099-7001"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FixStatus.FIXED);
              assertThat(f.fixedVersions()).containsExactly("3.0.15-1~deb12u1");
            });
    assertThat(findings)
        .filteredOn(f -> f.vulnerabilityId().equals("DEBIAN-CVE-2099-7002"))
        .singleElement()
        .extracting(Finding::fixedVersions)
        .isEqualTo(List.of("3.0.15-1~deb12u1", "3.0.16-1~deb12u1"));
  }

  @Test
  void anAdvisoryStaysAFindingForACveWithoutARecord() throws IOException {
    write(
        dsa(
            "DSA-2099-7001",
            "3.0.15-1~deb12u1",
            "CVE-2099-7001",
            "CVE-2099-7002",
            "CVE-2099-7003"));
    write(debianCve("CVE-2099-7001", "3.0.15-1~deb12u1"));

    List<Finding> findings = match();

    assertThat(findings)
        .extracting(Finding::vulnerabilityId)
        .containsExactlyInAnyOrder("DEBIAN-CVE-2099-7001", "DSA-2099-7001");
    assertThat(findings)
        .filteredOn(f -> f.vulnerabilityId().equals("DSA-2099-7001"))
        .singleElement()
        .extracting(Finding::note)
        .isEqualTo(
            "reported for CVE-2099-7002, CVE-2099-7003, which have no records of their own for this"
                + " package");
    assertThat(findings)
        .filteredOn(f -> f.vulnerabilityId().equals("DEBIAN-CVE-2099-7001"))
        .singleElement()
        .extracting(f -> f.advisories().get(0).id())
        .isEqualTo("DSA-2099-7001");
  }

  @Test
  void anAdvisoryWhoseCvesHaveNoRecordsIsTheFindingAsPublished() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));

    assertThat(match())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("DSA-2099-7001");
              assertThat(f.note()).isNull();
              assertThat(f.advisories()).isEmpty();
            });
  }

  @Test
  void aCvesOwnRecordHasTheLastWordOnIt() throws IOException {
    // The tracker finds the installed version fixed for CVE-2099-7002: the advisory does not bring
    // it
    // back as a finding of its own.
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(debianCve("CVE-2099-7001", "3.0.15-1~deb12u1"));
    write(debianCve("CVE-2099-7002", "3.0.13-1~deb12u1"));

    assertThat(match())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("DEBIAN-CVE-2099-7001");
              assertThat(f.advisories())
                  .extracting(FixingAdvisory::id)
                  .containsExactly("DSA-2099-7001");
            });
  }

  @Test
  void anAdvisoryWhoseCvesRecordsAllFindTheVersionUnaffectedIsNoFinding() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(debianCve("CVE-2099-7001", "3.0.13-1~deb12u1"));
    write(debianCve("CVE-2099-7002", "3.0.13-1~deb12u1"));

    assertThat(match()).isEmpty();
  }

  @Test
  void aRecordOfAnotherReleaseIsNoRecordForThisOne() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(debianCve("CVE-2099-7001", "3.0.15-1~deb12u1"));
    ObjectNode bullseyeOnly = debianCve("CVE-2099-7002", "1.1.1w-0+deb11u2");
    ((ObjectNode) bullseyeOnly.path("affected").get(0).path("package"))
        .put("ecosystem", "Debian:11");
    write(bullseyeOnly);

    assertThat(match())
        .extracting(Finding::vulnerabilityId)
        .containsExactlyInAnyOrder("DEBIAN-CVE-2099-7001", "DSA-2099-7001");
  }

  @Test
  void anAdvisoryTakesTheMostSevereRatingOfItsCves() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    nvd("CVE-2099-7001", LOW, "CVE-2099-7002", CRITICAL);

    Finding advisory = match().get(0);

    assertThat(advisory.vulnerabilityId()).isEqualTo("DSA-2099-7001");
    assertThat(advisory.severity().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(advisory.severity().source()).contains("CVE-2099-7002");
  }

  @Test
  void aLowRatedCveDoesNotHideACriticalAdvisory() throws IOException {
    // The tracker's records rated low by a vector of their own; NVD rates one CVE critical.
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(rated(debianCve("CVE-2099-7001", "3.0.15-1~deb12u1"), LOW));
    write(rated(debianCve("CVE-2099-7002", "3.0.15-1~deb12u1"), LOW));
    nvd("CVE-2099-7001", CRITICAL, "CVE-2099-7002", LOW);

    List<Finding> findings = match();

    assertThat(findings)
        .extracting(Finding::vulnerabilityId, f -> f.severity().severity())
        .contains(org.assertj.core.groups.Tuple.tuple("DSA-2099-7001", Severity.CRITICAL));
  }

  @Test
  void aCriticalCveKeepsItsRatingWhenTheAdvisoryJoinsIt() throws IOException {
    write(dsa("DSA-2099-7001", "3.0.15-1~deb12u1", "CVE-2099-7001", "CVE-2099-7002"));
    write(debianCve("CVE-2099-7001", "3.0.15-1~deb12u1"));
    write(debianCve("CVE-2099-7002", "3.0.15-1~deb12u1"));
    nvd("CVE-2099-7001", CRITICAL, "CVE-2099-7002", LOW);

    assertThat(match())
        .extracting(Finding::vulnerabilityId, f -> f.severity().severity())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("DEBIAN-CVE-2099-7001", Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple("DEBIAN-CVE-2099-7002", Severity.LOW));
  }

  private List<Finding> match() throws IOException {
    Path db = WrittenOsv.database(dir);
    Path feed = dir.resolve("nvdcve-1.1-2099.json");
    if (Files.exists(feed)) {
      Cli.Result rated = Cli.run("db", "import", "--nvd", feed.toString(), "--db", "" + db);
      assertThat(rated.exitCode()).as(rated.err()).isZero();
    }
    Inventory inventory =
        TestInventories.image(
            new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)", "etc/os-release"),
            List.of(LIBSSL3));
    try (VulnerabilityDatabase database = VulnerabilityDatabase.open(db)) {
      return new Matcher(database).match(inventory);
    }
  }

  private void write(ObjectNode record) throws IOException {
    WrittenOsv.write(dir, record);
  }

  /** A feed of NVD's 1.1 layout rating each CVE by the vector after it. */
  private void nvd(String... cveAndVector) throws IOException {
    ObjectNode feed = JSON.createObjectNode().put("CVE_data_type", "CVE");
    ArrayNode items = feed.putArray("CVE_Items");
    for (int i = 0; i < cveAndVector.length; i += 2) {
      ObjectNode item = items.addObject();
      item.putObject("cve").putObject("CVE_data_meta").put("ID", cveAndVector[i]);
      item.putObject("impact")
          .putObject("baseMetricV3")
          .putObject("cvssV3")
          .put("vectorString", cveAndVector[i + 1]);
    }
    Files.write(dir.resolve("nvdcve-1.1-2099.json"), JSON.writeValueAsBytes(feed));
  }

  private static ObjectNode dsa(String id, String fixed, String... cves) {
    ObjectNode record = record(id, fixed);
    ArrayNode upstream = record.putArray("upstream");
    for (String cve : cves) {
      upstream.add(cve);
    }
    return record;
  }

  private static ObjectNode debianCve(String cve, String fixed) {
    ObjectNode record = record("DEBIAN-" + cve, fixed);
    record.putArray("upstream").add(cve);
    return record;
  }

  private static ObjectNode rated(ObjectNode record, String vector) {
    record.putArray("severity").addObject().put("type", "CVSS_V3").put("score", vector);
    return record;
  }

  /** A Debian:12 record of openssl, affecting every version below {@code fixed} (if any). */
  private static ObjectNode record(String id, String fixed) {
    ObjectNode record = WrittenOsv.debian12(id, "openssl");
    ArrayNode events = WrittenOsv.rangeFrom(record, "0");
    if (fixed != null) {
      events.addObject().put("fixed", fixed);
    }
    return record;
  }
}
