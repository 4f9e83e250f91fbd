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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How old the KPIs a caller gets may be, on H2 and on PostgreSQL, with time set by the test. */
class RecentKpisTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(30);

  @TempDir Path directory;

  private final MovableClock clock = new MovableClock(T0);

  /** A push of a new digest of its own repository, with one HIGH finding. */
  private ImageScan push(String repository) {
    ImageName image =
        new ImageName(
            "registry.example/team/" + repository,
            Digest.sha256Of(repository.getBytes(StandardCharsets.UTF_8)),
            "1.0");
    ObservedFinding finding =
        new ObservedFinding(
            "CVE-1", List.of(), "openssl", "Debian:12", "3.0.11-1", null, "t", Severity.HIGH, null);
    return new ImageScan(
        image, clock.instant(), ScanCause.PUSH, null, false, List.of(finding), true, null, null);
  }

  private ScanRecorder recorder(Store store, ScanObserver observer) {
    return new ScanRecorder(store, new PatchDeadlines(SlaSettings.defaults(), clock), observer);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void anotherServersChangeIsSeenOnceTheSnapshotIsFiveSecondsOld(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      RecentKpis kpis = new RecentKpis(new Kpis(store, clock), clock);
      ScanRecorder otherReplica = recorder(store, ScanObserver.NONE);
      otherReplica.record(push("a"));
      assertThat(kpis.snapshot(WINDOW).open()).containsEntry(Severity.HIGH, 1L);

      otherReplica.record(push("b"));
      clock.set(T0.plus(RecentKpis.MAX_AGE).minusMillis(1));
      KpiSnapshot cached = kpis.snapshot(WINDOW);
      clock.set(T0.plus(RecentKpis.MAX_AGE));
      KpiSnapshot recomputed = kpis.snapshot(WINDOW);

      assertThat(cached.at()).isEqualTo(T0);
      assertThat(cached.open()).containsEntry(Severity.HIGH, 1L);
      assertThat(recomputed.at()).isEqualTo(T0.plus(RecentKpis.MAX_AGE));
      assertThat(recomputed.open()).containsEntry(Severity.HIGH, 2L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aScanThisServerRecordedIsSeenAtTheNextCall(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      RecentKpis kpis = new RecentKpis(new Kpis(store, clock), clock);
      ScanRecorder recorder = recorder(store, (scan, recorded) -> kpis.changed());
      recorder.record(push("a"));
      assertThat(kpis.snapshot(WINDOW).open()).containsEntry(Severity.HIGH, 1L);

      recorder.record(push("b"));

      assertThat(kpis.snapshot(WINDOW).open()).containsEntry(Severity.HIGH, 2L);
      assertThat(kpis.snapshot(WINDOW)).isSameAs(kpis.snapshot(WINDOW));
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void eachWindowHasItsOwnSnapshot(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      RecentKpis kpis = new RecentKpis(new Kpis(store, clock), clock);

      assertThat(kpis.snapshot(Duration.ofDays(1)).window()).isEqualTo(Duration.ofDays(1));
      assertThat(kpis.snapshot(WINDOW).window()).isEqualTo(WINDOW);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aClockSetBackComputesAgain(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      RecentKpis kpis = new RecentKpis(new Kpis(store, clock), clock);
      kpis.snapshot(WINDOW);

      clock.set(T0.minusMillis(1));

      assertThat(kpis.snapshot(WINDOW).at()).isEqualTo(T0.minusMillis(1));
    }
  }
}
