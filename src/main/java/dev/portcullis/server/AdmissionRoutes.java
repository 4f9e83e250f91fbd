package dev.portcullis.server;

import dev.portcullis.access.Scope;
import dev.portcullis.admission.Admission;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

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

  AdmissionRoutes(Admission admission, boolean anonymous) {
    this.admission = admission;
    this.anonymous = anonymous;
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
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_REVIEW_BYTES) {
      ctx.json(admission.malformed("", "the review is larger than " + MAX_REVIEW_BYTES + " bytes"));
    } else if (unchecked && !anonymous) {
      ctx.json(admission.unjudged(body, "the store does not answer, so the token was not checked"));
    } else {
      ctx.json(admission.review(body));
    }
  }
}
