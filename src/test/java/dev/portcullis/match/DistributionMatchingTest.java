package dev.portcullis.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.policy.Gate;
import dev.portcullis.policy.GateResult;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.testing.TestInventories;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red Hat, Rocky Linux and AlmaLinux packages matched by binary name, and the distributions' word
 * that no fix is planned, against the hand-written records in {@code written-records/} imported
 * into a real database.
 */
class DistributionMatchingTest {

  @TempDir static Path dir;
  private static VulnerabilityDatabase database;

  @BeforeAll
  static void importWrittenRecords() throws IOException {
    database = VulnerabilityDatabase.open(WrittenRecords.database(dir));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static Package pkg(String type, String name, String version, String source) {
    return TestInventories.osPackage(type, name, version, "x86_64", source, version);
  }

  private static List<Finding> match(OsRelease os, Package... packages) throws IOException {
    return new Matcher(database).match(TestInventories.image(os, List.of(packages)));
  }

  private static OsRelease os(String family, String version) {
    return new OsRelease(family, version, family + " " + version, "etc/os-release");
  }

  @Test
  void rhelMatchesBinaryRpmsInEveryRepositoryOfTheRelease() throws IOException {
    List<Finding> findings =
        match(
            os("rhel", "9.4"),
            pkg("rpm", "openssl-libs", "1:3.0.7-24.el9", "openssl"),
            pkg("rpm", "openssl", "1:3.0.7-24.el9", "openssl"));

    assertThat(findings)
        .extracting(f -> f.pkg().name(), Finding::vulnerabilityId, Finding::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("openssl-libs", "RHSA-2099:3001", FixStatus.FIXED),
            org.assertj.core.groups.Tuple.tuple("openssl", "RHSA-2099:3001", FixStatus.FIXED));
    // baseos and appstream name the same fix once; the EUS stream's later fix is not offered.
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.fixedVersions()).containsExactly("1:3.0.7-27.el9");
              assertThat(f.ecosystem()).isEqualTo("Red Hat:enterprise_linux:9");
              assertThat(f.note()).isNull();
              // An RHSA names its CVE under "upstream", not "aliases".
              assertThat(f.aliases()).containsExactly("CVE-2099-3001");
            });
  }

  @Test
  void rhelIsNotAffectedByExtendedSupportStreams() throws IOException {
    // Fixed in enterprise_linux:9; the rhel_eus:9.4 entry alone would still call it affected.
    assertThat(match(os("rhel", "9.4"), pkg("rpm", "openssl-libs", "1:3.0.7-27.el9", "openssl")))
        .isEmpty();
  }

  @Test
  void rockyMatchesTheBinaryRpmNotItsSource() throws IOException {
    List<Finding> findings =
        match(
            os("rocky", "9.3"),
            pkg("rpm", "xz-libs", "5.2.5-7.el9", "xz"),
            pkg("rpm", "xz", "5.2.5-7.el9", "xz"));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.pkg().name()).isEqualTo("xz-libs");
              assertThat(f.vulnerabilityId()).isEqualTo("RLSA-2099:4001");
              assertThat(f.ecosystem()).isEqualTo("Rocky Linux:9");
              assertThat(f.status()).isEqualTo(FixStatus.FIXED);
              assertThat(f.fixedVersions()).containsExactly("0:5.2.5-8.el9_0");
            });
  }

  @Test
  void anEpochOfZeroInTheFixedVersionEqualsNoEpochInstalled() throws IOException {
    assertThat(match(os("rocky", "9.3"), pkg("rpm", "xz-libs", "5.2.5-8.el9_0", "xz"))).isEmpty();
  }

  @Test
  void almaLinuxMatchesTheBinaryRpmNotItsSource() throws IOException {
    List<Finding> findings =
        match(
            os("almalinux", "9.3"),
            pkg("rpm", "openssl-libs", "1:3.0.7-24.el9", "openssl"),
            pkg("rpm", "openssl", "1:3.0.7-24.el9", "openssl"));

    assertThat(findings)
        .extracting(f -> f.pkg().name(), Finding::vulnerabilityId, Finding::fixedVersions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "openssl-libs", "ALSA-2099:5001", List.of("1:3.0.7-27.el9")));
  }

  @Test
  void debianUnimportantOpenIssueWillNotBeFixed() throws IOException {
    List<Finding> findings =
        match(os("debian", "12"), pkg("deb", "coreutils", "9.1-1", "coreutils"));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("DEBIAN-CVE-2099-1001");
              assertThat(f.status()).isEqualTo(FixStatus.WILL_NOT_FIX);
              assertThat(f.fixedVersions()).isEmpty();
              assertThat(f.note())
                  .isEqualTo("Debian rates it \"unimportant\": no fix is planned for this release");
            });
  }

  @Test
  void theSameRecordsFixedEntryForAnotherReleaseStaysFixed() throws IOException {
    List<Finding> findings =
        match(os("debian", "11.9"), pkg("deb", "coreutils", "8.32-4+b1", "coreutils"));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FixStatus.FIXED);
              assertThat(f.fixedVersions()).containsExactly("8.32-4+deb11u1");
              assertThat(f.note()).isNull();
            });
  }

  @Test
  void debianEndOfLifePackageWillNotBeFixed() throws IOException {
    List<Finding> findings =
        match(os("debian", "11.9"), pkg("deb", "chromium", "120.0.6099.224-1~deb11u1", "chromium"));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(FixStatus.WILL_NOT_FIX);
              assertThat(f.note()).contains("no longer supports this package", "end-of-life");
            });
  }

  @Test
  void ubuntuNegligiblePriorityOnTheEntryWillNotBeFixed() throws IOException {
    List<Finding> findings =
        match(os("ubuntu", "22.04"), pkg("deb", "tar", "1.34+dfsg-1ubuntu0.1.22.04.2", "tar"));

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.vulnerabilityId()).isEqualTo("UBUNTU-CVE-2099-2001");
              assertThat(f.status()).isEqualTo(FixStatus.WILL_NOT_FIX);
              assertThat(f.note()).startsWith("Ubuntu rates it \"negligible\"");
            });
  }

  @Test
  void ubuntuNegligibleRecordSeverityMarksOnlyTheUnfixedRelease() throws IOException {
    Finding noble =
        match(os("ubuntu", "24.04"), pkg("deb", "binutils", "2.42-4ubuntu2", "binutils")).get(0);
    Finding jammy =
        match(os("ubuntu", "22.04"), pkg("deb", "binutils", "2.38-4ubuntu2.6", "binutils")).get(0);

    assertThat(noble.status()).isEqualTo(FixStatus.WILL_NOT_FIX);
    assertThat(noble.aliases()).containsExactly("CVE-2099-2002");
    // No CVSS vector, no database word: Ubuntu's priority is the severity, and says so.
    assertThat(noble.severity().severity()).isEqualTo(Severity.LOW);
    assertThat(noble.severity().source()).isEqualTo("Ubuntu priority \"negligible\"");
    assertThat(noble.note()).startsWith("Ubuntu rates it \"negligible\"");
    assertThat(jammy.status()).isEqualTo(FixStatus.FIXED);
    assertThat(jammy.fixedVersions()).containsExactly("2.38-4ubuntu2.7");
    assertThat(jammy.note()).isNull();
  }

  @Test
  void ubuntuProEntriesApplyToTheirReleaseWithTheSubscriptionNoted() throws IOException {
    Finding bionic =
        match(os("ubuntu", "18.04"), pkg("deb", "libgcrypt20", "1.8.1-4ubuntu1.2", "libgcrypt20"))
            .get(0);
    Finding jammy =
        match(os("ubuntu", "22.04"), pkg("deb", "libgcrypt20", "1.9.4-3ubuntu3", "libgcrypt20"))
            .get(0);

    assertThat(bionic.status()).isEqualTo(FixStatus.FIXED);
    assertThat(bionic.fixedVersions()).containsExactly("1.8.1-4ubuntu1.3+esm1");
    assertThat(bionic.note())
        .isEqualTo("the fix is published for Ubuntu Pro (ESM) subscribers only");
    // The release's own archive has the fix: no note; the Pro and FIPS rebuilds are not offered.
    assertThat(jammy.fixedVersions()).containsExactly("1.9.4-3ubuntu3.1");
    assertThat(jammy.note()).isNull();
    assertThat(
            match(
                os("ubuntu", "22.04"),
                pkg("deb", "libgcrypt20", "1.9.4-3ubuntu3.1", "libgcrypt20")))
        .as("fixed in the release's archive, though the Pro entry names a later rebuild")
        .isEmpty();
  }

  @Test
  void anEntrysOwnPriorityIsNotOverruledByTheRecords() throws IOException {
    Finding focal =
        match(os("ubuntu", "20.04"), pkg("deb", "binutils", "2.34-6ubuntu1", "binutils")).get(0);

    assertThat(focal.status()).isEqualTo(FixStatus.AFFECTED);
    assertThat(focal.note()).isNull();
  }

  @Test
  void anAdvisoryFixingSeveralCvesDoesNotMergeThemAndShowsBesideEach() throws IOException {
    List<Finding> findings =
        match(os("debian", "12"), pkg("deb", "libssl3", "3.0.14-1~deb12u2", "openssl"));

    assertThat(findings)
        .extracting(Finding::vulnerabilityId)
        .containsExactlyInAnyOrder("DEBIAN-CVE-2099-6001", "DEBIAN-CVE-2099-6002");
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.aliases()).hasSize(1);
              assertThat(f.advisories())
                  .extracting(FixingAdvisory::id)
                  .containsExactly("DSA-2099-6001");
            });
  }

  @Test
  void ignoreUnfixedLeavesOutWhatWillNotBeFixed() throws IOException {
    List<Finding> findings =
        match(
            os("debian", "11.9"),
            pkg("deb", "coreutils", "8.32-4+b1", "coreutils"),
            pkg("deb", "chromium", "120.0.6099.224-1~deb11u1", "chromium"));
    GateSettings everything = new GateSettings(EnumSet.allOf(Severity.class), false, 1);
    GateSettings onlyFixable = new GateSettings(EnumSet.allOf(Severity.class), true, 1);

    GateResult all =
        new Gate(everything, List.of(), LocalDate.now()).decide(findings, List.of(), List.of());
    GateResult fixable =
        new Gate(onlyFixable, List.of(), LocalDate.now()).decide(findings, List.of(), List.of());

    assertThat(all.reported())
        .extracting(Finding::status)
        .containsExactlyInAnyOrder(FixStatus.FIXED, FixStatus.WILL_NOT_FIX);
    assertThat(fixable.reported()).extracting(f -> f.pkg().name()).containsExactly("coreutils");
    assertThat(fixable.filteredOut()).isEqualTo(1);
  }
}
