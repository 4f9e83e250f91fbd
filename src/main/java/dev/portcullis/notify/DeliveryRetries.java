package dev.portcullis.notify;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: the receiver's own backoff ({@link Backoff}: exponential,
 * capped, with jitter, honouring Retry-After), up to its {@code maxAttempts}. The wait is a
 * rescheduled execution in the store, not a sleeping thread, so it survives a restart and any
 * replica may make the next attempt.
 */
final class DeliveryRetries implements FailureHandler<Delivery> {

  private final List<WebhookSettings> receivers;
  private final RandomGenerator random;
  private final PrintWriter log;

  DeliveryRetries(List<WebhookSettings> receivers, RandomGenerator random, PrintWriter log) {
    this.receivers = receivers;
    this.random = random;
    this.log = log;
  }

  @Override
  public void onFailure(ExecutionComplete complete, ExecutionOperations<Delivery> operations) {
    Delivery delivery = (Delivery) complete.getExecution().taskInstance.getData();
    Optional<WebhookSettings> target = NotificationJobs.receiver(receivers, delivery);
    int attempts = complete.getExecution().consecutiveFailures + 1;
    if (target.isEmpty() || attempts >= target.get().maxAttempts()) {
      log.println(
          "portcullis serve: gave up the "
              + delivery.notification().event()
              + " notification to "
              + delivery.target()
              + " after "
              + attempts
              + (attempts == 1 ? " attempt" : " attempts"));
      operations.stop();
      return;
    }
    Backoff backoff = new Backoff(target.get().initialBackoff(), target.get().maxBackoff(), random);
    Optional<Duration> asked =
        complete
            .getCause()
            .filter(DeliveryFailed.class::isInstance)
            .flatMap(cause -> ((DeliveryFailed) cause).retryAfter());
    Duration wait = asked.map(backoff::honouring).orElseGet(() -> backoff.before(attempts));
    operations.reschedule(complete, complete.getTimeDone().plus(wait));
  }
}
