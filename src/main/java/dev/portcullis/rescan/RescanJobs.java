package dev.portcullis.rescan;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.store.Store;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.vulndb.DatabaseUpdate;
import dev.portcullis.vulndb.DatabaseUpdater;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's rescan and database-update jobs on db-scheduler: {@value #RESCAN_ALL} at the rescan
 * interval, {@value #DATABASE_UPDATE} at the update interval when a source is configured, and
 * {@value #RESCAN_ALL_NOW} queued by an update that changed the database. Each runs once per period
 * across replicas; an update that fails is reported as the vulnerability database being down and
 * tried again at its next run.
 */
public final class RescanJobs {

  public static final String RESCAN_ALL = "rescan-all";
  public static final String RESCAN_ALL_NOW = "rescan-all-now";
  public static final String DATABASE_UPDATE = "database-update";

  private final RescanSettings settings;
  private final Rescanner rescanner;
  private final DatabaseRefresh refresh;
  private final Dependencies dependencies;
  private final Clock clock;
  private final PrintWriter log;
  private final OneTimeTask<RescanRequest> rescanNow;

  /**
   * @param refresh the database update from the configured source; null without one
   * @param log receives one line per rescan and per database update
   */
  public RescanJobs(
      RescanSettings settings,
      Rescanner rescanner,
      DatabaseRefresh refresh,
      Dependencies dependencies,
      Clock clock,
      PrintWriter log) {
    this.settings = settings;
    this.rescanner = rescanner;
    this.refresh = refresh;
    this.dependencies = dependencies;
    this.clock = clock;
    this.log = log;
    this.rescanNow =
        Tasks.oneTime(RESCAN_ALL_NOW, RescanRequest.class)
            .execute((instance, context) -> rescan(instance.getData().reason()));
  }

  /**
   * The server's jobs over its store and its scan intake: rescans on one thread per core, updates
   * of the intake's database file from the configured source.
   */
  public static RescanJobs of(
      RescanSettings settings,
      Store store,
      ScanIntake intake,
      Dependencies dependencies,
      Clock clock,
      PrintWriter log) {
    DatabaseRefresh refresh =
        settings.databaseSource() instanceof DatabaseSource.None
            ? null
            : new DatabaseRefresh(
                new DatabaseUpdater(intake.database(), clock),
                settings.databaseSource(),
                warning -> log.println("portcullis serve: database update: " + warning));
    return new RescanJobs(
        settings,
        new Rescanner(store, intake, Rescanner.defaultThreads(), clock),
        refresh,
        dependencies,
        clock,
        log);
  }

  /** The tasks to hand to {@code Jobs.start}. */
  public List<Task<?>> tasks() {
    List<Task<?>> tasks = new ArrayList<>();
    tasks.add(
        Tasks.recurring(RESCAN_ALL, FixedDelay.of(settings.interval()))
            .execute((instance, context) -> rescan("the rescan interval")));
    tasks.add(rescanNow);
    if (refresh != null && !(settings.databaseSource() instanceof DatabaseSource.None)) {
      tasks.add(
          Tasks.recurring(DATABASE_UPDATE, FixedDelay.of(settings.databaseUpdateInterval()))
              .execute((instance, context) -> update(context)));
    }
    return tasks;
  }

  private void rescan(String reason) {
    try {
      RescanReport report = rescanner.rescanAll();
      log.println("portcullis serve: " + report.summary() + " after " + reason);
      report.problems().forEach(p -> log.println("portcullis serve: rescan failed for " + p));
    } catch (IOException e) {
      dependencies.down(database(), e.getMessage());
      throw new UncheckedIOException(e);
    }
  }

  /** Never throws: a failed update is reported, and the schedule tries again at its next run. */
  private void update(ExecutionContext context) {
    Optional<DatabaseUpdate> changed;
    try {
      changed = refresh.refresh();
      dependencies.up(database());
    } catch (IOException | RuntimeException e) {
      dependencies.down(database(), "update from " + refresh.sourceName() + ": " + e.getMessage());
      log.println(
          "portcullis serve: the database update failed, tried again in "
              + settings.databaseUpdateInterval()
              + ": "
              + e.getMessage());
      return;
    }
    if (changed.isEmpty()) {
      return;
    }
    DatabaseUpdate update = changed.get();
    log.printf(
        "portcullis serve: database updated from %s: %d records new or changed%n",
        refresh.sourceName(), update.report().imported());
    log.flush();
    // One id per update: a rescan already running (on the old database) does not absorb this one.
    context
        .getSchedulerClient()
        .scheduleIfNotExists(
            rescanNow.instance(
                "update-" + clock.millis(),
                new RescanRequest("the database update from " + refresh.sourceName())),
            clock.instant());
  }

  private DependencyName database() {
    return DependencyName.of(DependencyKind.VULNERABILITY_DATABASE, "vulnerability database");
  }
}
