package dev.portcullis.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.image.Digest;
import dev.portcullis.policy.SlaSettings;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.testing.MovableClock;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.vulndb.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A finding's life in the store, on H2 and on PostgreSQL, with time set by the test. */
class ScanRecorderTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final String REPOSITORY = "registry.example/team/app";

  @TempDir Path directory;

  private final MovableClock clock = new MovableClock(T0);

  private static ImageName image(String content, String tag) {
    return new ImageName(
        REPOSITORY, Digest.sha256Of(content.getBytes(StandardCharsets.UTF_8)), tag);
  }

  private static ObservedFinding finding(String id, Severity severity, String... aliases) {
    return new ObservedFinding(
        id,
        List.of(aliases),
        "openssl",
        "Debian:12",
        "3.0.11-1",
        "3.0.15-1",
        "title",
        severity,
        null);
  }

  private ImageScan scan(ImageName image, ScanCause cause, ObservedFinding... findings) {
    return new ImageScan(
        image, clock.instant(), cause, null, false, List.of(findings), true, null, null);
  }

  private ScanRecorder recorder(Store store) {
    return new ScanRecorder(store, new PatchDeadlines(SlaSettings.defaults(), clock));
  }

  private KpiSnapshot kpis(Store store) {
    return new Kpis(store, clock).snapshot(Duration.ofDays(30));
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aCriticalFindingIsOverdueOneSecondAfterFortyEightHours(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      recorder(store)
          .record(scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.CRITICAL)));

      clock.set(T0.plus(Duration.ofHours(48)).minusSeconds(1));
      assertThat(kpis(store).overdue()).isEmpty();
      assertThat(kpis(store).open()).containsEntry(Severity.CRITICAL, 1L);

      clock.set(T0.plus(Duration.ofHours(48)).plusSeconds(1));
      assertThat(kpis(store).overdue()).containsEntry(Severity.CRITICAL, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aPushWithoutTheFindingFixesItAndTheRemediationTimeIsMeasuredFromFirstSeen(
      StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      RecordedScan first =
          recorder.record(
              scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));
      assertThat(first.opened()).hasSize(1);

      clock.set(T0.plus(Duration.ofDays(3)));
      RecordedScan second = recorder.record(scan(image("v2", "1.1"), ScanCause.PUSH));

      assertThat(second.fixed()).isEqualTo(1);
      KpiSnapshot kpis = kpis(store);
      assertThat(kpis.open()).isEmpty();
      assertThat(kpis.remediation()).containsEntry(Severity.HIGH, Duration.ofDays(3));
      assertThat(kpis.fixedInWindow()).containsEntry(Severity.HIGH, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRescanOfAnOlderDigestFixesNothing(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));
      recorder.record(scan(image("v2", "1.1"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));

      RecordedScan rescan = recorder.record(scan(image("v1", null), ScanCause.RESCAN));

      assertThat(rescan.fixed()).isZero();
      assertThat(kpis(store).open()).containsEntry(Severity.HIGH, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aSeverityChangeRecomputesTheDeadlineFromFirstSeen(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.MEDIUM)));

      clock.set(T0.plus(Duration.ofDays(8)));
      assertThat(kpis(store).overdue()).isEmpty();
      recorder.record(scan(image("v1", null), ScanCause.RESCAN, finding("CVE-1", Severity.HIGH)));

      assertThat(dueAt(store)).isEqualTo(T0.plus(Duration.ofDays(7)));
      assertThat(kpis(store).overdue()).containsEntry(Severity.HIGH, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aLowFindingIsOverdueOnceANewerDigestStillCarriesIt(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.LOW)));
      clock.set(T0.plus(Duration.ofDays(365)));
      assertThat(kpis(store).overdue()).isEmpty();

      recorder.record(scan(image("v2", "1.1"), ScanCause.PUSH, finding("CVE-1", Severity.LOW)));

      assertThat(kpis(store).overdue()).containsEntry(Severity.LOW, 1L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aFindingSeenUnderAnAliasIsTheSameFinding(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(
          scan(image("v1", "1.0"), ScanCause.PUSH, finding("GHSA-aaaa", Severity.HIGH)));
      clock.set(T0.plus(Duration.ofDays(1)));

      RecordedScan rescan =
          recorder.record(
              scan(
                  image("v1", null),
                  ScanCause.RESCAN,
                  finding("CVE-2026-1", Severity.HIGH, "GHSA-aaaa")));

      assertThat(rescan.opened()).isEmpty();
      assertThat(kpis(store).open()).isEqualTo(Map.of(Severity.HIGH, 1L));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRetriedSubmissionIsRecordedOnce(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      ImageScan submission =
          new ImageScan(
              image("v1", "1.0"),
              T0,
              ScanCause.CI,
              null,
              true,
              List.of(finding("CVE-1", Severity.HIGH)),
              true,
              new StoredInventory("1", StoredInventory.PORTCULLIS_JSON, "{}".getBytes()),
              "ci-run-42");

      RecordedScan first = recorder.record(submission);
      RecordedScan again = recorder.record(submission);

      assertThat(again.repeated()).isTrue();
      assertThat(again.scanId()).isEqualTo(first.scanId());
      assertThat(count(store, "SELECT COUNT(*) FROM scan")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void theOldestUnpatchedImageIsTheCurrentOneWithTheOldestOpenCriticalOrHighFinding(
      StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));
      clock.set(T0.plus(Duration.ofDays(2)));
      recorder.record(scan(image("v2", "1.1"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));
      clock.set(T0.plus(Duration.ofDays(10)));

      KpiSnapshot.UnpatchedImage oldest = kpis(store).oldestUnpatched();

      assertThat(oldest.digest()).isEqualTo(image("v2", null).digest().toString());
      assertThat(oldest.since()).isEqualTo(T0);
      assertThat(oldest.ageDays()).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aFixedFindingThatComesBackIsReopenedWithItsClockStartedAgain(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(scan(image("v1", "1.0"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));
      clock.set(T0.plus(Duration.ofDays(1)));
      assertThat(recorder.record(scan(image("v2", "1.1"), ScanCause.PUSH)).fixed()).isEqualTo(1);
      clock.set(T0.plus(Duration.ofDays(2)));

      RecordedScan back =
          recorder.record(
              scan(image("v3", "1.2"), ScanCause.PUSH, finding("CVE-1", Severity.HIGH)));

      assertThat(back.opened()).hasSize(1);
      assertThat(count(store, "SELECT COUNT(*) FROM finding")).isEqualTo(1);
      assertThat(count(store, "SELECT COUNT(*) FROM finding WHERE fixed_at IS NULL")).isEqualTo(1);
      assertThat(dueAt(store)).isEqualTo(T0.plus(Duration.ofDays(2 + 7)));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aFixedFindingThatComesBackUnderAnAliasIsReopened(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(
          scan(image("v1", "1.0"), ScanCause.PUSH, finding("GHSA-aaaa", Severity.HIGH)));
      recorder.record(scan(image("v2", "1.1"), ScanCause.PUSH));

      RecordedScan back =
          recorder.record(
              scan(
                  image("v3", "1.2"),
                  ScanCause.PUSH,
                  finding("CVE-2026-1", Severity.HIGH, "GHSA-aaaa")));

      assertThat(back.opened()).hasSize(1);
      assertThat(count(store, "SELECT COUNT(*) FROM finding")).isEqualTo(1);
      assertThat(kpis(store).open()).isEqualTo(Map.of(Severity.HIGH, 1L));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aRescanLinksTheImageToExactlyTheFindingsItCarriesNow(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ScanRecorder recorder = recorder(store);
      recorder.record(
          scan(
              image("v1", "1.0"),
              ScanCause.PUSH,
              finding("CVE-1", Severity.HIGH),
              finding("CVE-2", Severity.LOW)));

      recorder.record(
          scan(
              image("v1", null),
              ScanCause.RESCAN,
              finding("CVE-2", Severity.LOW),
              finding("CVE-3", Severity.MEDIUM)));

      assertThat(
              count(
                  store,
                  "SELECT COUNT(*) FROM finding_image fi JOIN finding f ON f.id = fi.finding_id"
                      + " WHERE f.vulnerability_id IN ('CVE-2', 'CVE-3')"))
          .isEqualTo(2);
      assertThat(count(store, "SELECT COUNT(*) FROM finding_image")).isEqualTo(2);
    }
  }

  private static Instant dueAt(Store store) {
    return store.read(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT due_at FROM finding");
              ResultSet rows = select.executeQuery()) {
            rows.next();
            return Instant.ofEpochMilli(rows.getLong(1));
          }
        });
  }

  private static long count(Store store, String sql) {
    return store.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql);
              ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }
}
