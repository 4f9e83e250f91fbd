package dev.portcullis.rescan;

import dev.portcullis.image.Digest;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreException;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.StoredInventory;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rescans every image that matters now (each repository's current digest and every digest that runs
 * in a cluster) by matching its stored inventory again: no registry request, no layer read. Each
 * worker holds one vulnerability database handle for the whole rescan, so a database update swapped
 * in meanwhile serves the next rescan, not half of this one.
 */
public final class Rescanner {

  private static final int PROBLEMS_KEPT = 10;

  private static final String TARGETS =
      "SELECT r.name, i.digest FROM repository r JOIN image i ON i.id = r.current_image_id"
          + " UNION"
          + " SELECT r.name, i.digest FROM running_image ri"
          + " JOIN image i ON i.id = ri.image_id JOIN repository r ON r.id = i.repository_id";

  private final Store store;
  private final Inventories inventories;
  private final ScanIntake intake;
  private final int threads;
  private final Clock clock;

  /**
   * @param threads how many images are matched at once; at most the cores the server has
   */
  public Rescanner(Store store, ScanIntake intake, int threads, Clock clock) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one rescan thread");
    }
    this.store = store;
    this.inventories = new Inventories(store);
    this.intake = intake;
    this.threads = threads;
    this.clock = clock;
  }

  /** One thread per core: matching is CPU work on one SQLite handle each. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Rescans every current and running image.
   *
   * @throws dev.portcullis.image.InputException when the vulnerability database cannot be opened
   * @throws StoreException when the store cannot list the images
   */
  public RescanReport rescanAll() throws IOException {
    Instant started = clock.instant();
    Queue<ImageName> queue = new ConcurrentLinkedQueue<>(targets());
    int workers = Math.min(threads, Math.max(1, queue.size()));
    List<VulnerabilityDatabase> handles = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers, Rescanner::thread);
    try {
      // Open every handle before the first match: a missing database fails the rescan as a whole.
      for (int i = 0; i < workers; i++) {
        handles.add(VulnerabilityDatabase.open(intake.database()));
      }
      List<Future<Tally>> running = new ArrayList<>();
      for (VulnerabilityDatabase handle : handles) {
        running.add(pool.submit(() -> drain(queue, handle)));
      }
      Tally total = new Tally();
      for (Future<Tally> worker : running) {
        total.add(join(worker));
      }
      return new RescanReport(
          total.rescanned,
          total.withoutInventory,
          total.failed,
          total.problems,
          total.outdated,
          Duration.between(started, clock.instant()));
    } finally {
      pool.shutdownNow();
      for (VulnerabilityDatabase handle : handles) {
        handle.close();
      }
    }
  }

  /** The current and running images, each repository and digest once. */
  List<ImageName> targets() {
    return store.read(
        connection -> {
          List<ImageName> images = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(TARGETS);
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              images.add(new ImageName(rows.getString(1), Digest.parse(rows.getString(2)), null));
            }
          }
          return images;
        });
  }

  private Tally drain(Queue<ImageName> queue, VulnerabilityDatabase database) {
    Tally tally = new Tally();
    ImageName image;
    while ((image = queue.poll()) != null && !Thread.currentThread().isInterrupted()) {
      try {
        Optional<StoredInventory> stored = inventories.find(image.digest().toString());
        if (stored.isEmpty()) {
          tally.withoutInventory++;
          continue;
        }
        Inventory inventory = Inventories.read(stored.get());
        intake.rescan(image, inventory, database);
        tally.rescanned++;
        if (!stored.get().analyzerVersion().equals(Inventories.currentAnalyzerVersion())) {
          tally.outdated.add(image.digest().toString());
        }
      } catch (IOException | RuntimeException e) {
        tally.failed++;
        if (tally.problems.size() < PROBLEMS_KEPT) {
          tally.problems.add(image.repository() + "@" + image.digest() + ": " + e.getMessage());
        }
      }
    }
    return tally;
  }

  private static Tally join(Future<Tally> worker) throws IOException {
    try {
      return worker.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("the rescan was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a rescan worker failed", e.getCause());
    }
  }

  private static Thread thread(Runnable runnable) {
    Thread thread = new Thread(runnable, "portcullis-rescan");
    thread.setDaemon(true);
    return thread;
  }

  /** One worker's counts; merged when all are done. */
  private static final class Tally {
    int rescanned;
    int withoutInventory;
    int failed;
    final List<String> problems = new ArrayList<>();
    final List<String> outdated = new ArrayList<>();

    void add(Tally other) {
      rescanned += other.rescanned;
      withoutInventory += other.withoutInventory;
      failed += other.failed;
      other.problems.stream()
          .limit(Math.max(0, PROBLEMS_KEPT - problems.size()))
          .forEach(problems::add);
      outdated.addAll(other.outdated);
    }
  }
}
