package dev.portcullis.notify;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.jobs.Jobs;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.tracking.ImageScan;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.tracking.Kpis;
import dev.portcullis.tracking.ObservedFinding;
import dev.portcullis.tracking.OverdueAnnouncements;
import dev.portcullis.tracking.OverdueFinding;
import dev.portcullis.tracking.RecordedScan;
import dev.portcullis.tracking.ScanObserver;
import dev.portcullis.vulndb.Severity;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The server's notifications, each a durable job: a scan's new CRITICAL/HIGH findings (queued by
 * the scan observer after the scan is committed), missed deadlines (a check every few minutes) and
 * the daily summary (at {@link NotificationSettings#dailySummaryAt()}, UTC). Every notification is
 * one {@code deliver-notification} job per receiver, retried as {@link DeliveryRetries} says; its
 * instance id is derived from what it announces, so that replicas queue it once.
 */
public final class NotificationJobs {

  static final String DELIVER = "deliver-notification";
  static final String CHECK_DEADLINES = "check-deadlines";
  static final String DAILY_SUMMARY = "daily-summary";

  /** How often overdue findings are looked for. */
  public static final Duration DEADLINE_CHECK_INTERVAL = Duration.ofMinutes(5);

  /** The summary's MTTR is over the day it ends. */
  static final Duration SUMMARY_WINDOW = Duration.ofDays(1);

  /** Overdue findings per announcement; a check announces at most a few of these. */
  private static final int FINDINGS_PER_ANNOUNCEMENT = 500;

  private static final int ANNOUNCEMENTS_PER_CHECK = 20;

  private final NotificationSettings settings;
  private final WebhookSender sender;
  private final OverdueAnnouncements overdue;
  private final Kpis kpis;
  private final PatchDeadlines deadlines;
  private final Dependencies dependencies;
  private final Clock clock;
  private final PrintWriter log;
  private final OneTimeTask<Delivery> deliver;
  // Jobs start after the tasks are built; a scan recorded in between waits for them.
  private final CompletableFuture<Jobs> jobs = new CompletableFuture<>();

  public NotificationJobs(
      NotificationSettings settings,
      WebhookSender sender,
      OverdueAnnouncements overdue,
      Kpis kpis,
      PatchDeadlines deadlines,
      Dependencies dependencies,
      Clock clock,
      PrintWriter log) {
    this.settings = settings;
    this.sender = sender;
    this.overdue = overdue;
    this.kpis = kpis;
    this.deadlines = deadlines;
    this.dependencies = dependencies;
    this.clock = clock;
    this.log = log;
    this.deliver =
        Tasks.oneTime(DELIVER, Delivery.class)
            .onFailure(new DeliveryRetries(settings.webhooks(), new Random(), log))
            .execute((instance, context) -> deliver(instance.getData()));
  }

  /**
   * Notifications over the store, sent with a client that follows no redirect and connects within
   * 10 seconds.
   */
  public static NotificationJobs create(
      NotificationSettings settings,
      Store store,
      Kpis kpis,
      PatchDeadlines deadlines,
      Dependencies dependencies,
      Clock clock,
      PrintWriter log) {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new NotificationJobs(
        settings,
        new WebhookSender(client, clock, Sleeper.THREAD, new Random()),
        new OverdueAnnouncements(store, clock),
        kpis,
        deadlines,
        dependencies,
        clock,
        log);
  }

  /** The delivery task and the two recurring checks; none without receivers. */
  public List<Task<?>> tasks() {
    if (settings.webhooks().isEmpty()) {
      return List.of();
    }
    return List.of(
        deliver,
        Tasks.recurring(CHECK_DEADLINES, FixedDelay.of(DEADLINE_CHECK_INTERVAL))
            .execute((instance, context) -> announceMissedDeadlines()),
        Tasks.recurring(DAILY_SUMMARY, new Daily(ZoneOffset.UTC, settings.dailySummaryAt()))
            .execute((instance, context) -> sendDailySummary()));
  }

  /** Call once the jobs run: notifications are queued from then on. */
  public void start(Jobs started) {
    jobs.complete(started);
  }

  /** Queues a {@code finding.new} for each scan that opened CRITICAL or HIGH findings. */
  public ScanObserver observer() {
    return this::scanRecorded;
  }

  private void scanRecorded(ImageScan scan, RecordedScan recorded) {
    if (settings.webhooks().isEmpty()) {
      return;
    }
    List<NotifiedFinding> findings = new ArrayList<>();
    for (RecordedScan.NewFinding opened : recorded.opened()) {
      ObservedFinding finding = opened.finding();
      boolean excepted =
          finding.exceptedUntil() != null && finding.exceptedUntil().isAfter(scan.scannedAt());
      if (!excepted && finding.severity().compareTo(Severity.HIGH) <= 0) {
        findings.add(
            new NotifiedFinding(
                finding.vulnerabilityId(),
                finding.aliases(),
                finding.severity(),
                finding.packageName(),
                finding.installedVersion(),
                finding.ecosystem(),
                finding.fixedVersion(),
                scan.image().repository(),
                scan.image().digest().toString(),
                scan.scannedAt(),
                deadlines.dueAt(finding.severity(), scan.scannedAt()).orElse(null)));
      }
    }
    if (findings.isEmpty()) {
      return;
    }
    try {
      queue("scan-" + recorded.scanId(), new NewFindings(scan.scannedAt(), findings));
    } catch (RuntimeException e) {
      // The scan stands; only its announcement is lost, and the log says so.
      log.println(
          "portcullis serve: could not queue the finding.new notification of scan "
              + recorded.scanId()
              + ": "
              + e.getMessage());
    }
  }

  /** Announces the findings whose deadline passed since the last check. */
  void announceMissedDeadlines() {
    for (int i = 0; i < ANNOUNCEMENTS_PER_CHECK; i++) {
      List<OverdueFinding> claimed = overdue.claim(FINDINGS_PER_ANNOUNCEMENT);
      if (claimed.isEmpty()) {
        return;
      }
      List<NotifiedFinding> findings = claimed.stream().map(NotificationJobs::notified).toList();
      queue(
          "overdue-" + claimed.get(0).id() + "-" + claimed.get(0).dueAt().toEpochMilli(),
          new MissedDeadlines(clock.instant(), findings));
    }
  }

  /** Sends the day's KPIs. */
  void sendDailySummary() {
    DailySummary summary = summaryOf(kpis.snapshot(SUMMARY_WINDOW));
    queue("daily-" + LocalDate.ofInstant(summary.windowEnd(), ZoneOffset.UTC), summary);
  }

  /** The summary of a KPI snapshot, as {@code summary.daily} carries it. */
  static DailySummary summaryOf(KpiSnapshot snapshot) {
    KpiSnapshot.UnpatchedImage oldest = snapshot.oldestUnpatched();
    return new DailySummary(
        snapshot.at().minus(snapshot.window()),
        snapshot.at(),
        counts(snapshot.open()),
        counts(snapshot.overdue()),
        snapshot.remediation(),
        oldest == null
            ? null
            : new DailySummary.OldestUnpatched(
                oldest.repository(), oldest.digest(), oldest.ageDays()));
  }

  private void queue(String id, Notification notification) {
    Jobs started = jobs.join();
    List<WebhookSettings> receivers = settings.webhooks();
    for (int i = 0; i < receivers.size(); i++) {
      started.enqueue(
          deliver.instance(id + "-" + i, Delivery.of(i, receivers.get(i), notification)));
    }
  }

  private void deliver(Delivery delivery) {
    Optional<WebhookSettings> target = receiver(settings.webhooks(), delivery);
    if (target.isEmpty()) {
      log.println(
          "portcullis serve: dropped a notification for "
              + delivery.target()
              + ": that receiver is no longer configured");
      return;
    }
    DependencyName name = DependencyName.of(DependencyKind.RECEIVER, delivery.target());
    AttemptOutcome outcome = sender.attemptOnce(target.get(), delivery.notification());
    if (outcome.delivered()) {
      dependencies.up(name);
      return;
    }
    dependencies.down(name, outcome.problem());
    String what = delivery.notification().event() + " to " + delivery.target();
    if (!outcome.retryable()) {
      log.println("portcullis serve: " + what + ": " + outcome.problem() + ", not retried");
      return;
    }
    throw new DeliveryFailed(what + ": " + outcome.problem(), outcome.retryAfter());
  }

  /** The receiver a delivery was queued for, if the configuration still has it there. */
  static Optional<WebhookSettings> receiver(List<WebhookSettings> receivers, Delivery delivery) {
    if (delivery.receiver() < 0 || delivery.receiver() >= receivers.size()) {
      return Optional.empty();
    }
    WebhookSettings target = receivers.get(delivery.receiver());
    return target.redactedUrl().equals(delivery.target()) ? Optional.of(target) : Optional.empty();
  }

  private static NotifiedFinding notified(OverdueFinding finding) {
    return new NotifiedFinding(
        finding.vulnerabilityId(),
        finding.aliases(),
        finding.severity(),
        finding.packageName(),
        finding.installedVersion(),
        finding.ecosystem(),
        finding.fixedVersion(),
        finding.repository(),
        finding.imageDigest(),
        finding.firstSeen(),
        finding.dueAt());
  }

  private static Map<Severity, Integer> counts(Map<Severity, Long> counts) {
    Map<Severity, Integer> ints = new EnumMap<>(Severity.class);
    counts.forEach((severity, count) -> ints.put(severity, Math.toIntExact(count)));
    return ints;
  }
}
