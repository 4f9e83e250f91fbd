package dev.portcullis.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.match.Finding;
import dev.portcullis.policy.Gate;
import dev.portcullis.policy.GateSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.report.ScanReport;
import dev.portcullis.testing.TestInventories;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one scan pipeline, driven as the CLI and the server drive it, on a real database. */
class ScanServiceTest {

  @TempDir static Path dir;
  private static Path database;
  private static Instant databaseUpdated;

  @BeforeAll
  static void importWrittenRecords() {
    database = WrittenRecords.database(dir);
    try (VulnerabilityDatabase db = VulnerabilityDatabase.open(database)) {
      databaseUpdated = db.updatedAt();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Gate EVERY_SEVERITY =
      new Gate(
          new GateSettings(EnumSet.allOf(Severity.class), false, 1),
          List.of(),
          LocalDate.of(2026, 12, 4));

  private static Inventory rhel(String version) {
    return TestInventories.image(
        new OsRelease("rhel", "9.4", "rhel 9.4", "etc/os-release"),
        List.of(
            TestInventories.osPackage(
                "rpm", "openssl-libs", version, "x86_64", "openssl", version)));
  }

  /** What the service told the listener and the reader, in order. */
  private final List<String> events = new ArrayList<>();

  private final ScanListener recording =
      new ScanListener() {
        @Override
        public void databaseIsOld(Duration age) {
          events.add("database is old");
        }

        @Override
        public void packagesUnchecked(String warning) {
          events.add("unchecked: " + warning);
        }
      };

  private ScanRequest request(Inventory inventory, boolean vulnerabilities, boolean secrets) {
    return new ScanRequest(
        (packages, secretScanner) -> {
          events.add("read packages=" + packages + " secrets=" + (secretScanner != null));
          return inventory;
        },
        vulnerabilities,
        secrets,
        Policy.empty(),
        EVERY_SEVERITY,
        vulnerabilities ? database : null,
        false);
  }

  private static ScanService service(Instant now, Duration maxAge) {
    return new ScanService(Clock.fixed(now, ZoneOffset.UTC), maxAge);
  }

  @Test
  void packagesAreMatchedAndTheGateDecidesOverTheFindings() throws IOException {
    ScanReport report =
        service(databaseUpdated, Duration.ofDays(7))
            .scan(request(rhel("1:3.0.7-24.el9"), true, false), recording);

    assertThat(report.vulnerabilitiesScanned()).isTrue();
    assertThat(report.secretsScanned()).isFalse();
    assertThat(report.databaseUpdatedAt()).isEqualTo(databaseUpdated);
    assertThat(report.gate().reported())
        .extracting(Finding::vulnerabilityId)
        .contains("RHSA-2099:3001");
    assertThat(events).containsExactly("read packages=true secrets=false");
  }

  @Test
  void anOldDatabaseIsToldBeforeTheTargetIsRead() throws IOException {
    service(databaseUpdated.plus(Duration.ofDays(8)), Duration.ofDays(7))
        .scan(request(rhel("1:3.0.7-24.el9"), true, true), recording);

    assertThat(events).containsExactly("database is old", "read packages=true secrets=true");
  }

  @Test
  void anOsTheDatabaseDoesNotCoverIsToldAndKeptInTheReport() throws IOException {
    Inventory unknownOs =
        TestInventories.image(
            new OsRelease("plan9", "4", "Plan 9", "etc/os-release"),
            rhel("1:3.0.7-24.el9").packages());

    ScanReport report =
        service(databaseUpdated, Duration.ofDays(7))
            .scan(request(unknownOs, true, false), recording);

    assertThat(events).anyMatch(e -> e.startsWith("unchecked: "));
    String told = events.stream().filter(e -> e.startsWith("unchecked: ")).findFirst().get();
    assertThat(report.inventory().warnings()).contains(told.substring("unchecked: ".length()));
  }

  @Test
  void aSecretsOnlyScanNeedsNoDatabaseAndSaysNoPackagesWereMatched() throws IOException {
    ScanReport report =
        service(Instant.now(), Duration.ofDays(7))
            .scan(request(rhel("1:3.0.7-24.el9"), false, true), recording);

    assertThat(report.vulnerabilitiesScanned()).isFalse();
    assertThat(report.secretsScanned()).isTrue();
    assertThat(report.databaseUpdatedAt()).isNull();
    assertThat(report.gate().reported()).isEmpty();
    assertThat(events).containsExactly("read packages=false secrets=true");
  }
}
