package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.access.ApiTokens;
import dev.portcullis.access.Scope;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.CiReports;
import dev.portcullis.testing.ServeProcess;
import dev.portcullis.testing.StoreBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code kill -9} of a real {@code portcullis serve} process while clients submit scans: nothing
 * acknowledged is lost, nothing is half-written, and a retried submission is stored once.
 */
class ServerKillTest {

  private static final int CLIENTS = 3;
  private static final int SUBMISSIONS_PER_CLIENT = 40;
  private static final int FINDINGS = 100;

  /** The server is killed once this many scans were acknowledged. */
  private static final int ACKNOWLEDGED_BEFORE_KILL = 12;

  @TempDir Path directory;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** One submission: which client sent it, its number, and its key. */
  private record Submission(int client, int number) {
    String key() {
      return "ci-" + client + "-" + number;
    }

    byte[] body() {
      return CiReports.report("team/app-" + client, "build-" + number, key(), FINDINGS);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aKilledServerLosesNoAcknowledgedScanAndLeavesNoHalfWrittenOne(StoreBackend backend)
      throws Exception {
    StoreLocation location = backend.location(directory);
    List<String> storeArguments =
        location.postgres()
            ? List.of("--db-url", location.jdbcUrl())
            : List.of("--data-dir", directory.toString());
    String token;
    try (Store store = Store.open(location, 2)) {
      token = new ApiTokens(store, Clock.systemUTC()).create("ci", Set.of(Scope.SUBMIT));
    }
    Map<Submission, Long> acknowledged = new ConcurrentHashMap<>();
    Set<Submission> unanswered = ConcurrentHashMap.newKeySet();

    ServeProcess first = ServeProcess.start(directory, storeArguments);
    CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      int id = client;
      running.add(
          clients.submit(
              () -> {
                for (int number = 0; number < SUBMISSIONS_PER_CLIENT; number++) {
                  Submission submission = new Submission(id, number);
                  try {
                    HttpResponse<String> response = submit(first.baseUrl(), token, submission);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    acknowledged.put(
                        submission, json.readTree(response.body()).path("scan").asLong());
                    enough.countDown();
                  } catch (IOException e) {
                    unanswered.add(submission);
                    return null;
                  }
                }
                return null;
              }));
    }
    assertThat(enough.await(120, TimeUnit.SECONDS))
        .as("scans acknowledged before the kill")
        .isTrue();
    first.kill();
    for (Future<?> client : running) {
      client.get(60, TimeUnit.SECONDS);
    }
    clients.shutdown();
    Map<Submission, Long> beforeKill = Map.copyOf(acknowledged);
    assertThat(beforeKill).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
    assertThat(unanswered).as("submissions cut off by the kill").isNotEmpty();

    try (ServeProcess second = ServeProcess.start(directory, storeArguments);
        Store store = Store.open(location, 2)) {
      for (Map.Entry<Submission, Long> scan : beforeKill.entrySet()) {
        assertThat(imagesFindings(store, scan.getValue()))
            .as("findings of the acknowledged scan %s", scan.getKey().key())
            .isEqualTo(FINDINGS);
      }
      assertNothingHalfWritten(store);

      for (Map.Entry<Submission, Long> scan : beforeKill.entrySet()) {
        HttpResponse<String> again = submit(second.baseUrl(), token, scan.getKey());
        JsonNode answer = json.readTree(again.body());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(answer.path("repeated").asBoolean()).isTrue();
        assertThat(answer.path("scan").asLong()).isEqualTo(scan.getValue());
      }
      for (Submission submission : unanswered) {
        HttpResponse<String> again = submit(second.baseUrl(), token, submission);
        assertThat(again.statusCode()).as(again.body()).isIn(200, 201);
        HttpResponse<String> third = submit(second.baseUrl(), token, submission);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(json.readTree(third.body()).path("scan").asLong())
            .isEqualTo(json.readTree(again.body()).path("scan").asLong());
      }
      assertNothingHalfWritten(store);
      assertThat(count(store, "SELECT COUNT(*) FROM scan"))
          .as("one scan per submission, whether or not its answer was lost")
          .isEqualTo(
              beforeKill.size() + unanswered.size() + acknowledgedAfter(beforeKill, acknowledged));
    }
  }

  /** Scans acknowledged between the snapshot and the kill are counted too. */
  private static long acknowledgedAfter(
      Map<Submission, Long> beforeKill, Map<Submission, Long> acknowledged) {
    return acknowledged.keySet().stream().filter(s -> !beforeKill.containsKey(s)).count();
  }

  private HttpResponse<String> submit(String base, String token, Submission submission)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/scans"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", submission.key())
            .POST(HttpRequest.BodyPublishers.ofByteArray(submission.body()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** How many findings the image of the scan carries, as of its latest scan. */
  private static long imagesFindings(Store store, long scanId) {
    return store.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM finding_image fi JOIN scan s ON s.image_id = fi.image_id"
                      + " JOIN finding f ON f.id = fi.finding_id WHERE s.id = ?")) {
            select.setLong(1, scanId);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  /**
   * A scan is whole when its image names it as the latest scan, the image carries as many findings
   * as the scan counted, the repository has a current digest, and the image's tag points at it or
   * at a later image. Every image here is scanned once, by its own submission.
   */
  private static void assertNothingHalfWritten(Store store) {
    assertThat(
            count(
                store,
                "SELECT COUNT(*) FROM scan s JOIN image i ON i.id = s.image_id"
                    + " JOIN repository r ON r.id = i.repository_id"
                    + " WHERE i.last_scan_id IS NULL OR i.last_scan_id <> s.id"
                    + " OR r.current_image_id IS NULL"
                    + " OR s.findings <> (SELECT COUNT(*) FROM finding_image fi"
                    + " WHERE fi.image_id = s.image_id)"))
        .as("scans whose image, findings or repository are incomplete")
        .isZero();
    assertThat(count(store, "SELECT COUNT(*) FROM image WHERE last_scan_id IS NULL"))
        .as("images without their scan")
        .isZero();
    assertThat(
            count(
                store,
                "SELECT COUNT(*) FROM image i WHERE NOT EXISTS (SELECT 1 FROM tag_history h"
                    + " WHERE h.image_id = i.id)"))
        .as("images whose tag was not recorded")
        .isZero();
    assertThat(
            count(
                store,
                "SELECT COUNT(*) FROM repository r WHERE (SELECT COUNT(*) FROM finding f"
                    + " WHERE f.repository_id = r.id) <> "
                    + FINDINGS))
        .as("repositories without all their findings")
        .isZero();
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
