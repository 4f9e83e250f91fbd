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
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the dashboard reads beyond the KPIs: the ranking, the history, an image's findings. */
class DashboardQueriesTest {

  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @TempDir Path directory;

  private final MovableClock clock = new MovableClock(T0);

  private static ImageName image(String repository, String content) {
    return new ImageName(
        repository, Digest.sha256Of(content.getBytes(StandardCharsets.UTF_8)), "latest");
  }

  private static ObservedFinding finding(String id, Severity severity) {
    return new ObservedFinding(
        id, List.of(), "openssl", "Debian:12", "3.0.11-1", "3.0.15-1", "title", severity, null);
  }

  private void record(Store store, ImageName image, ObservedFinding... findings) {
    new ScanRecorder(store, new PatchDeadlines(SlaSettings.defaults(), clock))
        .record(
            new ImageScan(
                image,
                clock.instant(),
                ScanCause.PUSH,
                null,
                false,
                List.of(findings),
                true,
                null,
                null));
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void theRankingPutsOverdueFirstThenCriticalAndHighThenCriticalAndLeavesTheRestOut(
      StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      record(store, image("reg/overdue", "a"), finding("CVE-A", Severity.CRITICAL));
      record(
          store,
          image("reg/three-high", "b"),
          finding("CVE-1", Severity.HIGH),
          finding("CVE-2", Severity.HIGH),
          finding("CVE-3", Severity.HIGH));
      record(store, image("reg/medium-only", "c"), finding("CVE-M", Severity.MEDIUM));
      clock.set(T0.plus(Duration.ofDays(3)));
      record(
          store,
          image("reg/critical-and-high", "d"),
          finding("CVE-4", Severity.CRITICAL),
          finding("CVE-5", Severity.HIGH));
      record(
          store,
          image("reg/two-high", "e"),
          finding("CVE-6", Severity.HIGH),
          finding("CVE-7", Severity.HIGH));

      List<RankedImage> top = new ImageRanking(store, clock).top(10);

      assertThat(top)
          .extracting(RankedImage::repository)
          .containsExactly(
              "reg/overdue", "reg/three-high", "reg/critical-and-high", "reg/two-high");
      assertThat(top.get(0))
          .isEqualTo(
              new RankedImage(
                  "reg/overdue",
                  image("reg/overdue", "a").digest().toString(),
                  true,
                  false,
                  1,
                  1,
                  0));
      assertThat(top.get(1).high()).isEqualTo(3);
      assertThat(new ImageRanking(store, clock).top(2)).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void theHistoryCountsWhatWasOpenAtTheEndOfEachDay(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      record(
          store,
          image("reg/app", "v1"),
          finding("CVE-A", Severity.CRITICAL),
          finding("CVE-B", Severity.HIGH));
      clock.set(T0.plus(Duration.ofDays(1)));
      record(store, image("reg/app", "v2"), finding("CVE-B", Severity.HIGH));
      clock.set(T0.plus(Duration.ofDays(2)));
      record(store, image("reg/other", "w1"), finding("CVE-C", Severity.HIGH));
      clock.set(T0.plus(Duration.ofDays(2)).plusSeconds(3600));

      OpenSeries series = new OpenHistory(store, clock).daily(4);

      assertThat(series.days())
          .containsExactly(
              LocalDate.parse("2026-11-30"),
              LocalDate.parse("2026-12-01"),
              LocalDate.parse("2026-12-02"),
              LocalDate.parse("2026-12-03"));
      assertThat(series.open().get(Severity.CRITICAL)).containsExactly(0L, 1L, 0L, 0L);
      assertThat(series.open().get(Severity.HIGH)).containsExactly(0L, 1L, 1L, 2L);
      assertThat(series.open().get(Severity.MEDIUM)).containsExactly(0L, 0L, 0L, 0L);
      OpenSeries trimmed = new OpenHistory(store, clock).daily(30).fromFirstFinding();
      assertThat(trimmed.days()).first().isEqualTo(LocalDate.parse("2026-11-30"));
      assertThat(trimmed.open().get(Severity.HIGH)).containsExactly(0L, 1L, 1L, 2L);
      // A window that starts after CVE-A was fixed: what opened and closed before it counts for
      // nothing, what opened before it and is still open counts from its first day.
      OpenSeries lastDay = new OpenHistory(store, clock).daily(1);
      assertThat(lastDay.open().get(Severity.CRITICAL)).containsExactly(0L);
      assertThat(lastDay.open().get(Severity.HIGH)).containsExactly(2L);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void anImageCarriesTheFindingsOfItsLatestScanMostUrgentFirst(StoreBackend backend) {
    try (Store store = backend.open(directory)) {
      ImageName v1 = image("reg/app", "v1");
      record(
          store,
          v1,
          finding("CVE-LOW", Severity.LOW),
          finding("CVE-CRIT", Severity.CRITICAL),
          finding("CVE-HIGH", Severity.HIGH));
      FindingQueries queries = new FindingQueries(store, clock);

      List<FindingView> carried = queries.carriedBy("reg/app", v1.digest().toString(), 10);

      assertThat(carried)
          .extracting(FindingView::vulnerabilityId)
          .containsExactly("CVE-CRIT", "CVE-HIGH", "CVE-LOW");
      assertThat(queries.carriedBy("reg/app", v1.digest().toString(), 1)).hasSize(1);
      assertThat(queries.carriedBy("reg/other", v1.digest().toString(), 10)).isEmpty();
      long id = carried.get(0).id();
      assertThat(queries.finding(id)).map(FindingView::vulnerabilityId).contains("CVE-CRIT");
      assertThat(queries.imagesCarrying(id))
          .containsExactly(new RepositoryDigest("reg/app", v1.digest().toString()));
      assertThat(queries.finding(id + 1000)).isEmpty();
    }
  }
}
