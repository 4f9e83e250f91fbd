package dev.portcullis.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.cluster.ClusterException;
import dev.portcullis.cluster.NamespaceLabels;
import dev.portcullis.image.Json;
import dev.portcullis.policy.AdmissionSettings;
import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.tracking.DigestStanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The validating admission webhook: reads an AdmissionReview, judges it within the time the API
 * server waits, and answers with an AdmissionReview whatever happens, so that the answer and its
 * reasons, not a transport error, reach the user.
 */
public final class Admission implements AutoCloseable {

  /** Reviews judged at once; more wait in line (and within their budget). */
  static final int JUDGES = 8;

  /** Scans of unknown images at once; each pulls an image. */
  static final int SCANS = 2;

  private final AdmissionSettings settings;
  private final AdmissionJudge judge;
  private final NamespaceLabels namespaces;
  private final ExecutorService judges;
  private final ExecutorService scans;
  private final Clock clock;
  private final PrintWriter log;

  private Admission(
      AdmissionSettings settings,
      AdmissionJudge judge,
      NamespaceLabels namespaces,
      ExecutorService judges,
      ExecutorService scans,
      Clock clock,
      PrintWriter log) {
    this.settings = settings;
    this.judge = judge;
    this.namespaces = namespaces;
    this.judges = judges;
    this.scans = scans;
    this.clock = clock;
    this.log = log;
  }

  /** The answer to one review: the verdict, for the request with this uid. */
  public record Answer(String uid, AdmissionVerdict verdict) {

    /** The AdmissionReview the API server expects back. */
    public ObjectNode toReview() {
      return verdict.toReview(uid);
    }
  }

  /**
   * Sets up the webhook; nothing is asked of registries or the cluster yet.
   *
   * @param signatures the policy's signature rules, keys read
   * @param insecure registries (host[:port]) spoken to in plain HTTP
   * @throws ClusterException when the cluster's client cannot be set up
   */
  public static Admission start(
      AdmissionConfig config,
      SignatureRequirements signatures,
      DigestStanding standings,
      ImageScanner scanner,
      Predicate<String> insecure,
      RegistryTimeouts timeouts,
      Clock clock,
      PrintWriter log)
      throws ClusterException {
    NamespaceLabels namespaces =
        config.cluster() == null ? null : NamespaceLabels.of(config.cluster(), clock);
    ExecutorService judges = pool("portcullis-admission", JUDGES);
    ExecutorService scans = pool("portcullis-admission-scan", SCANS);
    AdmissionJudge judge =
        new AdmissionJudge(
            config.settings(),
            config.tiers(),
            signatures,
            new RegistryLookups(insecure, timeouts),
            namespaces,
            standings,
            scanner,
            scans,
            clock);
    return new Admission(config.settings(), judge, namespaces, judges, scans, clock, log);
  }

  /**
   * Answers a review's body. Never throws for what the body holds: a malformed review, an unknown
   * kind, a dependency that is down or a judgement past its budget are answered by the failure
   * policy, with the reason.
   */
  public Answer review(byte[] body) {
    Instant deadline = clock.instant().plus(settings.answerBudget());
    AdmissionRequest request;
    try {
      JsonNode tree = Json.mapper().readTree(body);
      request = AdmissionRequest.read(tree);
    } catch (IOException e) {
      return malformed("", "the body is not JSON: " + firstLine(e.getMessage()));
    } catch (MalformedReviewException e) {
      return malformed(e.uid(), e.getMessage());
    }
    AdmissionVerdict verdict = judged(request, deadline);
    if (!verdict.allowed()) {
      log.println(
          "portcullis serve: admission: denied "
              + request.describe()
              + (request.dryRun() ? " (dry run)" : "")
              + ": "
              + verdict.message());
      log.flush();
    }
    return new Answer(request.uid(), verdict);
  }

  /**
   * Answers a review without judging it, by the failure policy of its namespace.
   *
   * @param why what kept it from being judged
   */
  public Answer unjudged(byte[] body, String why) {
    AdmissionRequest request;
    try {
      request = AdmissionRequest.read(Json.mapper().readTree(body));
    } catch (IOException e) {
      return malformed("", "the body is not JSON: " + firstLine(e.getMessage()));
    } catch (MalformedReviewException e) {
      return malformed(e.uid(), e.getMessage());
    }
    return new Answer(
        request.uid(),
        AdmissionJudge.failed(settings.rulesFor(request.namespace()), List.of(), List.of(why)));
  }

  private AdmissionVerdict judged(AdmissionRequest request, Instant deadline) {
    AdmissionSettings.Rules rules = settings.rulesFor(request.namespace());
    CompletableFuture<AdmissionVerdict> judged;
    try {
      judged = CompletableFuture.supplyAsync(() -> judge.judge(request, deadline), judges);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return AdmissionJudge.failed(rules, List.of(), List.of("the server is stopping"));
    }
    Duration left = Duration.between(clock.instant(), deadline);
    try {
      return judged.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return AdmissionJudge.failed(
          rules,
          List.of(),
          List.of(
              "not judged within "
                  + settings.answerBudget().toMillis()
                  + " ms (the webhook's timeout less 1 s)"));
    } catch (ExecutionException e) {
      return AdmissionJudge.failed(
          rules, List.of(), List.of("internal error: " + firstLine(String.valueOf(e.getCause()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return AdmissionJudge.failed(rules, List.of(), List.of("the server is stopping"));
    }
  }

  /** The answer to a review that cannot be read, by the top-level failure policy. */
  public Answer malformed(String uid, String why) {
    log.println("portcullis serve: admission: malformed review: " + why);
    log.flush();
    return new Answer(
        uid,
        AdmissionJudge.failed(settings.rules(), List.of(), List.of("malformed review: " + why)));
  }

  private static ExecutorService pool(String name, int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public void close() {
    judges.shutdownNow();
    scans.shutdownNow();
    if (namespaces != null) {
      namespaces.close();
    }
  }
}
