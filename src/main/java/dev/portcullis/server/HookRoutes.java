package dev.portcullis.server;

import dev.portcullis.access.Scope;
import dev.portcullis.feed.FeedJobs;
import dev.portcullis.feed.PushEvents;
import dev.portcullis.feed.PushedImage;
import dev.portcullis.feed.WebhookSecret;
import dev.portcullis.image.InputException;
import dev.portcullis.jobs.Jobs;
import dev.portcullis.tracking.ScanCause;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/v1/hooks/distribution} and {@code /api/v1/hooks/harbor}: a registry says an
 * image was pushed, and a scan of its digest is queued. The registry presents the shared secret
 * (distribution in the configured header, Harbor as its Authorization header), or else a token with
 * the {@code submit} scope.
 */
final class HookRoutes {

  /** Requests under this path may carry a webhook secret where a token would be. */
  static final String PREFIX = "/api/v1/hooks/";

  private final FeedJobs feeds;
  private final Jobs jobs;
  private final Optional<WebhookSecret> secret;

  HookRoutes(FeedJobs feeds, Jobs jobs, Optional<WebhookSecret> secret) {
    this.feeds = feeds;
    this.jobs = jobs;
    this.secret = secret;
  }

  void register(RoutesConfig routes) {
    routes.post(PREFIX + "distribution", ctx -> receive(ctx, Registry.DISTRIBUTION));
    routes.post(PREFIX + "harbor", ctx -> receive(ctx, Registry.HARBOR));
  }

  private enum Registry {
    DISTRIBUTION,
    HARBOR
  }

  private void receive(Context ctx, Registry registry) throws IOException {
    authorize(ctx, registry);
    byte[] body = PushEvents.readBody(ctx.bodyInputStream());
    if (body.length == 0) {
      throw ApiError.badRequest("the body is empty: send the registry's push notification");
    }
    List<PushedImage> pushed =
        registry == Registry.DISTRIBUTION
            ? PushEvents.fromDistribution(body)
            : PushEvents.fromHarbor(body);
    List<Map<String, Object>> queued = new ArrayList<>();
    for (PushedImage image : pushed) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("registry", image.registry());
      item.put("repository", image.repository());
      item.put("digest", image.digest().toString());
      item.put("tag", image.tag());
      item.put("alreadyQueued", !feeds.enqueue(jobs, image, ScanCause.PUSH));
      queued.add(item);
    }
    ctx.status(202).json(Map.of("queued", queued));
  }

  /** The shared secret if the request presents it, else a token with the submit scope. */
  private void authorize(Context ctx, Registry registry) throws InputException {
    if (secret.isPresent()) {
      String header =
          registry == Registry.DISTRIBUTION ? secret.get().header() : WebhookSecret.HARBOR_HEADER;
      if (secret.get().accepts(ctx.header(header))) {
        return;
      }
      if (Requests.caller(ctx).may(Scope.SUBMIT)) {
        return;
      }
      throw new ApiError(401, "the webhook secret is missing or wrong (header " + header + ")");
    }
    Requests.require(ctx, Scope.SUBMIT);
  }
}
