package dev.portcullis.rescan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Inventory;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.SlaSettings;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.TrackedImages;
import dev.portcullis.testing.WrittenRecords;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.ScanRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL run each scheduled rescan once: every image gets one
 * rescan per period, never one from each replica.
 */
class ReplicasRescanOnceTest {

  private static final int INTERVAL_SECONDS = 3;
  private static final int RESCANS_AWAITED = 3;
  private static final List<String> TAGS = List.of("1.0", "2.0", "3.0");
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path directory;

  @Test
  void twoReplicasRescanEachImageOncePerPeriod() throws Exception {
    Path database = WrittenRecords.database(directory);
    StoreLocation location = StoreBackend.POSTGRES.location(directory);
    List<Process> replicas = new ArrayList<>();
    try (Store store = Store.open(location, 2)) {
      pushImages(store, database);
      try {
        for (String name : List.of("a", "b")) {
          Path home = Files.createDirectories(directory.resolve(name));
          replicas.add(
              CliProcess.start(
                  home,
                  "serve",
                  "--db-url",
                  location.jdbcUrl(),
                  "--listen",
                  "127.0.0.1:0",
                  "--db",
                  database.toString(),
                  "--rescan-interval",
                  INTERVAL_SECONDS + "s"));
          awaitListening(home);
        }
        awaitRescans(store);
      } finally {
        for (Process replica : replicas) {
          replica.destroy();
          if (!replica.waitFor(30, TimeUnit.SECONDS)) {
            replica.destroyForcibly();
          }
        }
      }

      Map<String, List<Long>> rescans = rescanTimes(store);
      assertThat(rescans).hasSize(TAGS.size());
      rescans.forEach(
          (digest, times) -> {
            assertThat(times).as(digest).hasSizeGreaterThanOrEqualTo(RESCANS_AWAITED);
            for (int i = 1; i < times.size(); i++) {
              // A fixed delay: the next rescan starts an interval after the last one ended. A
              // second replica running the same period would rescan within milliseconds.
              assertThat(times.get(i) - times.get(i - 1))
                  .as("%s: rescans %d and %d", digest, i - 1, i)
                  .isGreaterThanOrEqualTo(INTERVAL_SECONDS * 1000L - 100);
            }
          });
    }
  }

  private static void pushImages(Store store, Path database) throws Exception {
    Clock clock = Clock.systemUTC();
    ScanIntake intake =
        new ScanIntake(
            new ScanRecorder(store, new PatchDeadlines(SlaSettings.defaults(), clock)),
            Policy.empty(),
            database,
            clock);
    for (String tag : TAGS) {
      Inventory inventory = TrackedImages.rhelOpenssl(tag);
      intake.scan(
          new ImageName("registry.example/team/app-" + tag, TrackedImages.digest(tag), tag),
          inventory,
          Inventories.of(inventory),
          ScanCause.PUSH,
          null);
    }
  }

  private void awaitListening(Path home) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!Files.readString(home.resolve("stdout.txt")).contains("listening on")) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "the replica in "
                + home
                + " did not start: "
                + Files.readString(home.resolve("stderr.txt")));
      }
      Thread.sleep(200);
    }
  }

  private void awaitRescans(Store store) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (rescanTimes(store).values().stream().anyMatch(t -> t.size() < RESCANS_AWAITED)
        || rescanTimes(store).size() < TAGS.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "waited "
                + PATIENCE
                + " for "
                + RESCANS_AWAITED
                + " rescans of every image; replica logs:\n"
                + Files.readString(directory.resolve("a/stderr.txt"))
                + Files.readString(directory.resolve("b/stderr.txt")));
      }
      Thread.sleep(500);
    }
  }

  private static Map<String, List<Long>> rescanTimes(Store store) {
    return store.read(
        connection -> {
          Map<String, List<Long>> times = new LinkedHashMap<>();
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT i.digest, s.scanned_at FROM scan s JOIN image i ON i.id = s.image_id"
                          + " WHERE s.cause = 'rescan' ORDER BY i.digest, s.scanned_at");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              times.computeIfAbsent(rows.getString(1), d -> new ArrayList<>()).add(rows.getLong(2));
            }
          }
          return times;
        });
  }
}
