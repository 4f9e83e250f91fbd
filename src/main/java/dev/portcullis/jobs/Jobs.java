package dev.portcullis.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreException;
import java.io.PrintWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's background work, on db-scheduler over the store's {@code scheduled_tasks} table.
 *
 * <p>Every replica runs a scheduler on the same table; an execution is picked by one replica under
 * optimistic locking, so a recurring job runs once per period across all replicas, and a one-time
 * job (a pull after a push, a notification) once in all. A replica that dies mid-job stops sending
 * heartbeats and its executions are picked again. Task data is JSON (Jackson), so a queued job
 * survives a restart and an upgrade that keeps its record's fields.
 */
public final class Jobs implements AutoCloseable {

  /** How often a scheduler looks for due executions that no request of its own announced. */
  public static final Duration POLLING_INTERVAL = Duration.ofSeconds(2);

  private final Scheduler scheduler;
  private final Store store;
  private final Clock clock;

  private Jobs(Scheduler scheduler, Store store, Clock clock) {
    this.scheduler = scheduler;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Starts a scheduler for these tasks. Recurring tasks (those that schedule themselves on startup)
   * are registered to run at their schedule; one-time tasks run when {@link #enqueue}d.
   *
   * @param threads how many jobs this replica runs at once
   * @param log receives one line for every execution that fails
   */
  public static Jobs start(
      Store store, List<? extends Task<?>> tasks, int threads, Clock clock, PrintWriter log) {
    // startTasks adds the recurring tasks to the known ones itself: listed twice, they clash.
    List<Task<?>> known = new ArrayList<>();
    tasks.stream().filter(task -> !(task instanceof OnStartup)).forEach(known::add);
    Scheduler scheduler =
        Scheduler.create(store.dataSource(), known)
            .startTasks(recurring(tasks))
            .serializer(new JacksonSerializer(mapper()))
            .threads(threads)
            .pollingInterval(POLLING_INTERVAL)
            .enableImmediateExecution()
            .alwaysPersistTimestampInUTC()
            .shutdownMaxWait(Duration.ofSeconds(10))
            .addSchedulerListener(new FailureLog(log))
            .build();
    scheduler.start();
    return new Jobs(scheduler, store, clock);
  }

  /**
   * Queues a one-time job to run now, unless an execution with the same task and instance id is
   * already queued: the id is the job's identity (a digest, a delivery), so a repeated event queues
   * it once.
   *
   * @return whether it was queued now
   */
  public <T> boolean enqueue(TaskInstance<T> instance) {
    return scheduler.scheduleIfNotExists(instance, clock.instant());
  }

  /** Queues a one-time job for a later time, as {@link #enqueue} does. */
  public <T> boolean enqueueAt(TaskInstance<T> instance, Instant when) {
    return scheduler.scheduleIfNotExists(instance, when);
  }

  /**
   * The executions that are due and not yet picked by any replica: the queue's depth.
   *
   * @throws StoreException when the store cannot be read
   */
  public long queueDepth() {
    return store.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE AND execution_time <= ?")) {
            query.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rows = query.executeQuery()) {
              rows.next();
              return rows.getLong(1);
            }
          }
        });
  }

  /** Stops picking executions and waits briefly for running ones; what is left stays queued. */
  @Override
  public void close() {
    scheduler.stop();
  }

  /** Task data as JSON, with {@code java.time} values as ISO-8601 text. */
  static ObjectMapper mapper() {
    return JsonMapper.builder().addModule(new JavaTimeModule()).build();
  }

  /** The tasks that schedule themselves when the scheduler starts, typed for the builder. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T extends Task<?> & OnStartup> List<T> recurring(List<? extends Task<?>> tasks) {
    List recurring = new ArrayList<>();
    for (Task<?> task : tasks) {
      if (task instanceof OnStartup) {
        recurring.add(task);
      }
    }
    return recurring;
  }

  /** db-scheduler logs through SLF4J, which the CLI silences; the server's log gets failures. */
  private static final class FailureLog extends AbstractSchedulerListener {
    private final PrintWriter log;

    FailureLog(PrintWriter log) {
      this.log = log;
    }

    @Override
    public void onExecutionComplete(ExecutionComplete complete) {
      complete
          .getCause()
          .ifPresent(
              cause ->
                  log.println(
                      "portcullis serve: job "
                          + complete.getExecution().taskInstance.getTaskName()
                          + " ("
                          + complete.getExecution().taskInstance.getId()
                          + ") failed: "
                          + cause));
    }
  }
}
