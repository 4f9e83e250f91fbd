package dev.portcullis.server;

import dev.portcullis.access.Scope;
import dev.portcullis.admission.Admission;
import dev.portcullis.admission.AdmissionVerdict;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code POST /admission}: the validating admission webhook. A review is answered with a review
 * whatever it holds; only a caller without the right to ask gets an HTTP error (which the API
 * server treats by the webhook's failurePolicy).
 */
final class AdmissionRoutes {

  static final String PATH = "/admission";

  /**
   * An AdmissionReview carries the object and the old one, each at most 1.5 MiB in etcd; more is
   * not a review.
   */
  static final int MAX_REVIEW_BYTES = 8 * 1024 * 1024;

  private static final String TOKEN_UNCHECKED = "portcullis.admission.tokenUnchecked";

  private final Admission admission;
  private final boolean anonymous;
  private final MeterRegistry metrics;

  /**
   * @param metrics receives {@code portcullis_admission_reviews_total} by result and whether the
   *     failure policy decided, and {@code portcullis_admission_review_seconds}
   */
  AdmissionRoutes(Admission admission, boolean anonymous, MeterRegistry metrics) {
    this.admission = admission;
    this.anonymous = anonymous;
    this.metrics = metrics;
  }

  void register(RoutesConfig routes) {
    routes.post(PATH, this::review);
  }

  /** The store could not check the request's token: the review is answered unjudged. */
  static void tokenUnchecked(Context ctx) {
    ctx.attribute(TOKEN_UNCHECKED, Boolean.TRUE);
  }

  private void review(Context ctx) {
    boolean unchecked = Boolean.TRUE.equals(ctx.attribute(TOKEN_UNCHECKED));
    if (!anonymous && !unchecked) {
      Requests.require(ctx, Scope.SUBMIT);
    }
    long started = System.nanoTime();
    byte[] body = ctx.bodyAsBytes();
    Admission.Answer answer;
    if (body.length > MAX_REVIEW_BYTES) {
      answer = admission.malformed("", "the review is larger than " + MAX_REVIEW_BYTES + " bytes");
    } else if (unchecked && !anonymous) {
      answer = admission.unjudged(body, "the store does not answer, so the token was not checked");
    } else {
      answer = admission.review(body);
    }
    ctx.json(answer.toReview());
    AdmissionVerdict verdict = answer.verdict();
    Counter.builder("portcullis.admission.reviews")
        .description("Admission reviews answered, by result and whether the failure policy decided")
        .tag("result", verdict.allowed() ? "allowed" : "denied")
        .tag("unjudged", Boolean.toString(verdict.unjudged()))
        .register(metrics)
        .increment();
    Timer.builder("portcullis.admission.review")
        .description("Time to answer an admission review")
        .register(metrics)
        .record(Duration.ofNanos(System.nanoTime() - started));
  }
}
