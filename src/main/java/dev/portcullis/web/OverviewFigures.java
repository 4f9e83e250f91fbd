package dev.portcullis.web;

import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.tracking.OpenSeries;
import dev.portcullis.tracking.RankedImage;
import dev.portcullis.tracking.RecentKpis;
import dev.portcullis.tracking.Remediation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The overview's four reads (the KPIs with the 30-day MTTR, the 90-day MTTR, the history, the
 * ranking), run side by side: each is shared by every viewer for up to {@link RecentKpis#MAX_AGE},
 * but when all four are due a viewer waits for the slowest, not for their sum. Each takes a
 * connection of its own.
 */
final class OverviewFigures {

  /** What the overview shows from the store. */
  record Figures(
      KpiSnapshot month, Remediation quarter, OpenSeries history, List<RankedImage> ranking) {}

  private final RecentKpis kpis;
  private final Supplier<OpenSeries> history;
  private final Supplier<List<RankedImage>> ranking;
  private final Executor reads;

  /**
   * @param reads runs the reads; with fewer than four threads some wait for others
   */
  OverviewFigures(
      RecentKpis kpis,
      Supplier<OpenSeries> history,
      Supplier<List<RankedImage>> ranking,
      Executor reads) {
    this.kpis = kpis;
    this.history = history;
    this.ranking = ranking;
    this.reads = reads;
  }

  /**
   * Reads all four.
   *
   * @throws RuntimeException the first failure of a read, as it was thrown (a store that is down
   *     stays a store that is down)
   */
  Figures read() {
    CompletableFuture<KpiSnapshot> month =
        CompletableFuture.supplyAsync(() -> kpis.snapshot(Duration.ofDays(30)), reads);
    CompletableFuture<Remediation> quarter =
        CompletableFuture.supplyAsync(() -> kpis.remediation(Duration.ofDays(90)), reads);
    CompletableFuture<OpenSeries> series = CompletableFuture.supplyAsync(history, reads);
    CompletableFuture<List<RankedImage>> ranked = CompletableFuture.supplyAsync(ranking, reads);
    return new Figures(joined(month), joined(quarter), joined(series), joined(ranked));
  }

  private static <T> T joined(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
