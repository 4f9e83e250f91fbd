package dev.portcullis.rescan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.SlaSettings;
import dev.portcullis.report.ReportFormat;
import dev.portcullis.report.ToolInfo;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.TrackedImages;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.ReportSubmission;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.ScanRecorder;
import dev.portcullis.tracking.StoredInventory;
import dev.portcullis.vulndb.DatabaseUpdate;
import dev.portcullis.vulndb.DatabaseUpdater;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rescan re-matches the inventories the store keeps against the database as it is now: no
 * registry, no image, on H2 and on PostgreSQL.
 */
class RescannerTest {

  @TempDir Path directory;

  private final Clock clock = Clock.systemUTC();

  private ScanIntake intake(Store store, Path database) {
    return new ScanIntake(
        new ScanRecorder(store, new PatchDeadlines(SlaSettings.defaults(), clock)),
        Policy.empty(),
        database,
        clock);
  }

  private static ImageName name(String tag) {
    return new ImageName(TrackedImages.REPOSITORY, TrackedImages.digest(tag), tag);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRecordTheDatabaseGainedOpensAFindingInTheRescanOfTheStoredInventory(StoreBackend backend)
      throws Exception {
    Path database = WrittenRecords.database(directory);
    try (Store store = backend.open(directory)) {
      ScanIntake intake = intake(store, database);
      Inventory inventory = TrackedImages.rhelOpenssl("1.0");
      intake.scan(name("1.0"), inventory, Inventories.of(inventory), ScanCause.PUSH, null);
      assertThat(findingIds(store)).doesNotContain("RHSA-2099:9001");

      DatabaseUpdate update =
          new DatabaseUpdater(database, clock)
              .importFiles(
                  List.of(
                      TrackedImages.writeOpensslRecord(directory.resolve("new"), "RHSA-2099:9001")),
                  List.of(),
                  warning -> {});
      RescanReport report = new Rescanner(store, intake, 2, clock).rescanAll();

      assertThat(update.changed()).isTrue();
      assertThat(report.rescanned()).isEqualTo(1);
      assertThat(report.failed()).as(report.problems().toString()).isZero();
      assertThat(report.withoutInventory()).isZero();
      assertThat(report.outdatedInventories()).isEmpty();
      assertThat(findingIds(store)).contains("RHSA-2099:9001");
      assertThat(
              query(
                  store,
                  "SELECT s.cause FROM finding f JOIN scan s ON s.image_id = f.first_image_id"
                      + " AND s.scanned_at = f.first_seen WHERE f.vulnerability_id = 'RHSA-2099:9001'"))
          .containsExactly("rescan");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void everyCurrentAndRunningImageIsRescannedAndCiReportsAreCountedApart(StoreBackend backend)
      throws Exception {
    Path database = WrittenRecords.database(directory);
    try (Store store = backend.open(directory)) {
      ScanIntake intake = intake(store, database);
      Inventory old = TrackedImages.rhelOpenssl("1.0");
      intake.scan(name("1.0"), old, Inventories.of(old), ScanCause.PUSH, null);
      // 2.0 replaces 1.0 as the current image; 1.0 still runs in a cluster, so both are rescanned.
      Inventory current = TrackedImages.rhelOpenssl("2.0");
      intake.scan(
          name("2.0"),
          current,
          new StoredInventory(
              Inventories.analyzerVersion("0.0.1-old"),
              StoredInventory.PORTCULLIS_JSON,
              json(current)),
          ScanCause.PUSH,
          null);
      Inventory superseded = TrackedImages.rhelOpenssl("0.9");
      intake.scan(
          new ImageName("registry.example/team/older", TrackedImages.digest("0.9"), "0.9"),
          superseded,
          Inventories.of(superseded),
          ScanCause.PUSH,
          null);
      intake.scan(
          new ImageName("registry.example/team/older", TrackedImages.digest("1.1"), "1.1"),
          superseded,
          Inventories.of(superseded),
          ScanCause.PUSH,
          null);
      markRunning(store, TrackedImages.digest("1.0").toString());
      intake.record(ciReport(), "registry.example/team/ci-only", "1.0", null);

      RescanReport report = new Rescanner(store, intake, 2, clock).rescanAll();

      // team/app: 2.0 (current) and 1.0 (running); team/older: 1.1 only; team/ci-only: no inventory
      assertThat(report.rescanned()).isEqualTo(3);
      assertThat(report.withoutInventory()).isEqualTo(1);
      assertThat(report.failed()).as(report.problems().toString()).isZero();
      assertThat(report.outdatedInventories())
          .containsExactly(TrackedImages.digest("2.0").toString());
      assertThat(query(store, "SELECT COUNT(*) FROM scan WHERE cause = 'rescan'"))
          .containsExactly("3");
    }
  }

  private static ReportSubmission ciReport() {
    return new ReportSubmission(
        "registry:registry.example/team/ci-only:1.0",
        TrackedImages.digest("ci").toString(),
        List.of(),
        Instant.parse("2026-11-30T00:00:00Z"),
        false,
        List.of(),
        true);
  }

  private static byte[] json(Inventory inventory) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    dev.portcullis.report.InventoryWriter.forFormat(ReportFormat.JSON)
        .write(inventory, ToolInfo.current(), out);
    return out.toByteArray();
  }

  private static void markRunning(Store store, String digest) {
    store.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO running_image (image_id, cluster, namespace, workload, seen_at)"
                      + " SELECT id, 'prod', 'default', 'deployment/app', 0 FROM image WHERE digest = ?")) {
            insert.setString(1, digest);
            return insert.executeUpdate();
          }
        });
  }

  private static List<String> findingIds(Store store) {
    return query(store, "SELECT vulnerability_id FROM finding");
  }

  private static List<String> query(Store store, String sql) {
    return store.read(
        (Connection connection) -> {
          List<String> values = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql);
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              values.add(rows.getString(1));
            }
          }
          return values;
        });
  }
}
