package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.SlaSettings;
import dev.portcullis.rescan.DatabaseSource;
import dev.portcullis.rescan.RescanSettings;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.TrackedImages;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.ScanRecorder;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's database-update job takes what appears in its import directory, swaps the new
 * database in, and queues a rescan of every current image; an update that fails shows in {@code
 * /health} and is tried again at its next run. On H2 and on PostgreSQL.
 */
class ScheduledRescanTest {

  /** Bounds every wait: the jobs run every second, the scheduler polls every two. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final StringWriter log = new StringWriter();

  @ParameterizedTest
  @EnumSource(StoreBackend.class)
  void aFileDroppedInTheImportDirectoryUpdatesTheDatabaseAndTriggersARescan(StoreBackend backend)
      throws Exception {
    Path database = WrittenRecords.database(directory);
    // Not there yet: the first updates fail.
    Path drop = directory.resolve("drop");
    StoreLocation location = backend.location(directory.resolve("store"));
    pushImage(location, database);
    RescanSettings rescans =
        RescanSettings.defaults()
            .withDatabaseUpdates(Duration.ofSeconds(1), new DatabaseSource.ImportDirectory(drop));

    try (PortcullisServer server =
        TestServers.start(
            location,
            database,
            true,
            1024 * 1024,
            BackgroundSettings.defaults().withRescans(rescans),
            log)) {
      awaitUntil(() -> databaseDown(server), "the failed update shows in /health");
      TrackedImages.writeOpensslRecord(drop, "RHSA-2099:9001");

      awaitUntil(
          () -> findings(server).contains("RHSA-2099:9001"),
          "the rescan after the update opens the new finding");
      awaitUntil(() -> !databaseDown(server), "the next update succeeds and /health says so");
    }
    assertThat(log.toString())
        .contains("the database update failed")
        .contains("database updated from " + drop)
        .contains("rescanned 1 images in")
        .contains("after the database update from " + drop);
    try (Store store = Store.open(location, 1)) {
      assertThat(
              count(
                  store,
                  "SELECT COUNT(*) FROM finding f JOIN scan s ON s.image_id = f.first_image_id"
                      + " AND s.scanned_at = f.first_seen"
                      + " WHERE f.vulnerability_id = 'RHSA-2099:9001' AND s.cause = 'rescan'"))
          .isEqualTo(1);
    }
  }

  private static void pushImage(StoreLocation location, Path database) throws Exception {
    Clock clock = Clock.systemUTC();
    try (Store store = Store.open(location, 1)) {
      ScanIntake intake =
          new ScanIntake(
              new ScanRecorder(store, new PatchDeadlines(SlaSettings.defaults(), clock)),
              Policy.empty(),
              database,
              clock);
      Inventory inventory = TrackedImages.rhelOpenssl("1.0");
      intake.scan(
          new ImageName(TrackedImages.REPOSITORY, TrackedImages.digest("1.0"), "1.0"),
          inventory,
          Inventories.of(inventory),
          ScanCause.PUSH,
          null);
    }
  }

  private boolean databaseDown(PortcullisServer server) {
    JsonNode health = get(server, "/health");
    for (JsonNode dependency : health.path("dependencies")) {
      if (dependency.path("kind").asText().equals("vulnerability_database")) {
        return !dependency.path("up").asBoolean();
      }
    }
    return false;
  }

  private String findings(PortcullisServer server) {
    return get(server, "/api/v1/findings?repository=" + TrackedImages.REPOSITORY).toString();
  }

  private JsonNode get(PortcullisServer server, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path, e);
    }
  }

  private void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + PATIENCE + " for: " + what + "\nlog:\n" + log);
      }
      Thread.sleep(200);
    }
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
