package dev.portcullis.feed;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.jobs.Jobs;
import dev.portcullis.registry.RegistryUnavailableException;
import dev.portcullis.tracking.ImageName;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.KnownTags;
import dev.portcullis.tracking.RecordedScan;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.StoredInventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The server's registry feeds as jobs: {@code scan-image} scans one pushed or polled digest, {@code
 * poll-tags} lists the watched repositories' tags and queues a {@code scan-image} for each new or
 * moved one. Both are built once, here: the scheduler takes {@link #tasks()} before it starts, and
 * the webhook routes queue instances of the same task through {@link #enqueue}.
 */
public final class FeedJobs {

  public static final String SCAN_IMAGE = "scan-image";
  public static final String POLL_TAGS = "poll-tags";

  private final FeedSettings settings;
  private final ScanIntake intake;
  private final Inventories inventories;
  private final KnownTags knownTags;
  private final Dependencies dependencies;
  private final RegistryImages registries;
  private final Scanned scanned;
  private final Clock clock;
  private final PrintWriter log;
  private final OneTimeTask<ScanImage> scanImage;
  private final Task<Void> pollTags;

  /** Told of every scan a job recorded, for the scan metrics. */
  @FunctionalInterface
  public interface Scanned {
    /**
     * @param took from the job's start, the pull included
     */
    void scanned(RecordedScan scan, Duration took);
  }

  /**
   * @param scanned told of each scan recorded
   * @param log receives a line for each image pulled, re-matched or given up
   */
  public FeedJobs(
      FeedSettings settings,
      ScanIntake intake,
      Inventories inventories,
      KnownTags knownTags,
      Dependencies dependencies,
      Scanned scanned,
      Clock clock,
      PrintWriter log) {
    this.settings = settings;
    this.intake = intake;
    this.inventories = inventories;
    this.knownTags = knownTags;
    this.dependencies = dependencies;
    this.registries = new RegistryImages(settings);
    this.scanned = scanned;
    this.clock = clock;
    this.log = log;
    this.scanImage =
        Tasks.oneTime(SCAN_IMAGE, ScanImage.class)
            .onFailure(
                new FailureHandler.MaxRetriesFailureHandler<>(
                    settings.maxRetries(),
                    new FailureHandler.ExponentialBackoffFailureHandler<>(
                        settings.retryBackoff(), 2.0),
                    (complete, operations) ->
                        log.println(
                            "portcullis serve: "
                                + SCAN_IMAGE
                                + " "
                                + complete.getExecution().taskInstance.getId()
                                + ": given up after "
                                + settings.maxRetries()
                                + " retries")))
            .execute((instance, context) -> scan(instance.getData()));
    this.pollTags =
        Tasks.recurring(POLL_TAGS, FixedDelay.of(settings.pollInterval()))
            .execute((instance, context) -> poll(context.getSchedulerClient()));
  }

  /** The tasks to give the scheduler when it starts. */
  public List<Task<?>> tasks() {
    return List.of(scanImage, pollTags);
  }

  /**
   * Queues a scan of a pushed digest, unless one of that digest of that repository is queued
   * already.
   *
   * @return whether it was queued now
   */
  public boolean enqueue(Jobs jobs, PushedImage image, ScanCause cause) {
    return jobs.enqueue(instance(image, cause));
  }

  private TaskInstance<ScanImage> instance(PushedImage image, ScanCause cause) {
    ScanImage data = ScanImage.of(image, cause);
    return scanImage.instance(data.instanceId(), data);
  }

  /**
   * Re-matches the stored inventory when the current analyzers made it, else pulls the image. A
   * registry that is down fails the job, to be retried; an answer that will not change (no such
   * manifest, a digest that does not match) is logged and the job ends.
   */
  private void scan(ScanImage job) {
    PushedImage image = job.image();
    try {
      scanNow(image, job.scanCause());
    } catch (RegistryUnavailableException e) {
      throw new UncheckedIOException(e);
    } catch (InputException e) {
      // The registry answered, and asking again gets the same answer.
      log.println(
          "portcullis serve: "
              + SCAN_IMAGE
              + " "
              + image.reference()
              + ": not scanned: "
              + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Scans a digest now, in the caller's thread: re-matches the stored inventory when the current
   * analyzers made it, else pulls the image. The registry's state goes to the dependencies.
   *
   * @throws RegistryUnavailableException when the registry is down (worth asking again)
   * @throws InputException when the registry answered and asking again gets the same answer (no
   *     such manifest, a digest that does not match)
   */
  public RecordedScan scanNow(PushedImage image, ScanCause cause) throws IOException {
    DependencyName registry = DependencyName.of(DependencyKind.REGISTRY, image.registry());
    long started = System.nanoTime();
    ImageName name =
        new ImageName(image.registry() + "/" + image.repository(), image.digest(), image.tag());
    Optional<StoredInventory> stored =
        inventories
            .find(image.digest().toString())
            .filter(s -> s.analyzerVersion().equals(Inventories.currentAnalyzerVersion()));
    if (stored.isPresent()) {
      RecordedScan recorded = intake.scan(name, Inventories.read(stored.get()), null, cause, null);
      scanned.scanned(recorded, Duration.ofNanos(System.nanoTime() - started));
      log.println("portcullis serve: " + SCAN_IMAGE + " " + image.reference() + ": re-matched");
      return recorded;
    }
    Inventory inventory;
    try {
      inventory = registries.inventory(image);
      dependencies.up(registry);
    } catch (RegistryUnavailableException e) {
      dependencies.down(registry, e.getMessage());
      throw e;
    } catch (InputException e) {
      dependencies.up(registry);
      throw e;
    }
    RecordedScan recorded = intake.scan(name, inventory, Inventories.of(inventory), cause, null);
    scanned.scanned(recorded, Duration.ofNanos(System.nanoTime() - started));
    log.println("portcullis serve: " + SCAN_IMAGE + " " + image.reference() + ": pulled");
    return recorded;
  }

  /** One poll of every watched repository; one that fails does not stop the others. */
  private void poll(SchedulerClient scheduler) {
    for (WatchedRepository watched : settings.watched()) {
      DependencyName registry = DependencyName.of(DependencyKind.REGISTRY, watched.registry());
      try {
        Map<String, Digest> known =
            knownTags.of(watched.storeName()).entrySet().stream()
                .filter(e -> watched.tags().matches(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        TagPoll poll =
            new TagWatcher(watched.tags(), TagWatcher.DEFAULT_MAX_TAGS)
                .poll(registries.queries(watched), known);
        dependencies.up(registry);
        for (TagChange change : poll.changes()) {
          if (change.current() != null) {
            PushedImage image =
                new PushedImage(
                    watched.registry(), watched.repository(), change.current(), change.tag(), null);
            scheduler.scheduleIfNotExists(instance(image, ScanCause.WATCH), clock.instant());
          }
        }
      } catch (RegistryUnavailableException e) {
        dependencies.down(registry, e.getMessage());
        log.println("portcullis serve: " + POLL_TAGS + " " + watched + ": " + e.getMessage());
      } catch (IOException e) {
        log.println("portcullis serve: " + POLL_TAGS + " " + watched + ": " + e.getMessage());
      }
    }
  }
}
