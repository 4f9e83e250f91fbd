package dev.portcullis.notify;

import static dev.portcullis.notify.WebhookReceiver.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.image.Digest;
import dev.portcullis.jobs.Jobs;
import dev.portcullis.policy.SlaSettings;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.testing.MovableClock;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.ImageScan;
import dev.portcullis.tracking.Kpis;
import dev.portcullis.tracking.ObservedFinding;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanRecorder;
import dev.portcullis.vulndb.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's notifications through db-scheduler over a real store (H2 and PostgreSQL) to a
 * webhook receiver on loopback, with deadlines on a clock the test moves.
 */
class NotificationJobsTest {

  // Days before now, so that deliveries queued at the test's time are due at once for the
  // scheduler.
  private static final Instant T0 =
      Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final MovableClock clock = new MovableClock(T0);
  private final StringWriter log = new StringWriter();
  private final Dependencies dependencies = new Dependencies(clock);
  private Store store;
  private Jobs jobs;
  private WebhookReceiver receiver;
  private NotificationJobs notifications;
  private ScanRecorder recorder;

  private void start(StoreBackend backend, int maxAttempts, WebhookReceiver.Answer... answers)
      throws Exception {
    store = backend.open(directory);
    receiver = new WebhookReceiver(answers);
    notifications = notifications(maxAttempts);
    jobs = Jobs.start(store, notifications.tasks(), 2, clock, new PrintWriter(log, true));
    notifications.start(jobs);
    PatchDeadlines deadlines = new PatchDeadlines(SlaSettings.defaults(), clock);
    recorder = new ScanRecorder(store, deadlines, notifications.observer());
  }

  private NotificationJobs notifications(int maxAttempts) {
    WebhookSettings target =
        new WebhookSettings(
            receiver.url("/hook/secret-path"),
            WebhookFormat.JSON,
            null,
            maxAttempts,
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofSeconds(5));
    return NotificationJobs.create(
        new NotificationSettings(List.of(target), LocalTime.of(8, 0)),
        store,
        new Kpis(store, clock),
        new PatchDeadlines(SlaSettings.defaults(), clock),
        dependencies,
        clock,
        new PrintWriter(log, true));
  }

  @AfterEach
  void stop() {
    if (jobs != null) {
      jobs.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aScanThatOpensACriticalFindingSendsOneNewFindingsNotification(StoreBackend backend)
      throws Exception {
    start(backend, 3, status(204));

    recorder.record(
        scan("v1", finding("CVE-1", Severity.CRITICAL), finding("CVE-2", Severity.MEDIUM)));
    await(() -> received(NewFindings.EVENT).size() == 1);
    recorder.record(scan("v1", finding("CVE-1", Severity.CRITICAL)));
    awaitQueueEmpty();

    List<WebhookReceiver.Received> sent = received(NewFindings.EVENT);
    assertThat(sent).hasSize(1);
    JsonNode findings = JSON.readTree(sent.get(0).body()).get("findings");
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("vulnerabilityId").asText()).isEqualTo("CVE-1");
    assertThat(findings.get(0).get("dueAt").asText())
        .isEqualTo(T0.plus(Duration.ofHours(48)).toString());
    assertThat(state().up()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aReceiverThatAnswers500FirstGetsTheRetry(StoreBackend backend) throws Exception {
    start(backend, 3, status(500), status(204));

    recorder.record(scan("v1", finding("CVE-1", Severity.HIGH)));
    await(() -> receiver.requests().size() == 2);

    List<WebhookReceiver.Received> sent = receiver.requests();
    assertThat(sent.get(1).header("X-Portcullis-Delivery"))
        .isEqualTo(sent.get(0).header("X-Portcullis-Delivery"));
    assertThat(log.toString()).contains("HTTP 500").doesNotContain("secret-path");
    await(() -> state().up());
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aReceiverThatKeepsFailingIsGivenUpAfterItsAttemptsAndShowsAsDown(StoreBackend backend)
      throws Exception {
    start(backend, 2, status(503));

    recorder.record(scan("v1", finding("CVE-1", Severity.HIGH)));
    await(() -> log.toString().contains("gave up"));
    awaitQueueEmpty();

    assertThat(receiver.requests()).hasSize(2);
    assertThat(state().up()).isFalse();
    assertThat(state().problem()).isEqualTo("HTTP 503");
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aFindingPastItsDeadlineIsAnnouncedOnceWhoeverChecks(StoreBackend backend) throws Exception {
    start(backend, 3, status(204));
    recorder.record(scan("v1", finding("CVE-1", Severity.CRITICAL)));
    await(() -> received(NewFindings.EVENT).size() == 1);

    clock.set(T0.plus(Duration.ofHours(48)));
    notifications.announceMissedDeadlines();
    clock.set(T0.plus(Duration.ofHours(48)).plusSeconds(1));
    notifications.announceMissedDeadlines();
    notifications.announceMissedDeadlines();
    // a second replica, or this one after a restart
    notifications(3).announceMissedDeadlines();
    awaitQueueEmpty();
    await(() -> received(MissedDeadlines.EVENT).size() == 1);

    JsonNode payload = JSON.readTree(received(MissedDeadlines.EVENT).get(0).body());
    assertThat(payload.get("occurredAt").asText())
        .isEqualTo(T0.plus(Duration.ofHours(48)).plusSeconds(1).toString());
    assertThat(payload.get("findings").get(0).get("overdueSeconds").asLong()).isEqualTo(1);
    assertThat(received(MissedDeadlines.EVENT)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void theDailySummaryCarriesTheKpis(StoreBackend backend) throws Exception {
    start(backend, 3, status(204));
    recorder.record(
        scan("v1", finding("CVE-1", Severity.CRITICAL), finding("CVE-2", Severity.HIGH)));
    clock.set(T0.plus(Duration.ofDays(3)));
    recorder.record(scan("v2", finding("CVE-2", Severity.HIGH)));

    notifications.sendDailySummary();
    await(() -> received(DailySummary.EVENT).size() == 1);

    DailySummary expected =
        NotificationJobs.summaryOf(
            new Kpis(store, clock).snapshot(NotificationJobs.SUMMARY_WINDOW));
    byte[] body = received(DailySummary.EVENT).get(0).body();
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(new String(JsonPayload.of(expected).body(), StandardCharsets.UTF_8));
    JsonNode summary = JSON.readTree(body).get("summary");
    assertThat(summary.get("open").get("HIGH").asInt()).isEqualTo(1);
    assertThat(summary.get("overdue").get("CRITICAL").asInt()).isZero();
    assertThat(summary.get("mttrSeconds").get("CRITICAL").asLong())
        .isEqualTo(Duration.ofDays(3).toSeconds());
    assertThat(summary.get("oldestUnpatchedImage").get("ageDays").asLong()).isEqualTo(3);
  }

  private ImageScan scan(String content, ObservedFinding... findings) {
    return new ImageScan(
        new ImageName(
            "registry.example/shop/web",
            Digest.sha256Of(content.getBytes(StandardCharsets.UTF_8)),
            null),
        clock.instant(),
        ScanCause.PUSH,
        null,
        false,
        List.of(findings),
        true,
        null,
        null);
  }

  private static ObservedFinding finding(String id, Severity severity) {
    return new ObservedFinding(
        id, List.of(), "openssl", "Debian:12", "3.0.11-1", "3.0.15-1", "title", severity, null);
  }

  private List<WebhookReceiver.Received> received(String event) {
    return receiver.requests().stream()
        .filter(r -> event.equals(r.header("X-Portcullis-Event")))
        .toList();
  }

  private dev.portcullis.health.DependencyState state() {
    return dependencies
        .snapshot()
        .get(
            DependencyName.of(
                DependencyKind.RECEIVER, "http://127.0.0.1:" + receiver.url("/").getPort() + "/…"));
  }

  private void awaitQueueEmpty() throws InterruptedException {
    await(() -> countExecutions() == 0);
  }

  private long countExecutions() {
    return store.read(
        connection -> {
          try (var select =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ?")) {
            select.setString(1, NotificationJobs.DELIVER);
            try (var rows = select.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + WAIT);
      }
      Thread.sleep(50);
    }
  }
}
