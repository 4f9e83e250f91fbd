package dev.portcullis.server;

import dev.portcullis.access.Caller;
import dev.portcullis.access.Scope;
import dev.portcullis.image.Json;
import dev.portcullis.tracking.AuditEvent;
import dev.portcullis.tracking.AuditLog;
import dev.portcullis.tracking.ExceptionRequest;
import dev.portcullis.tracking.ExceptionView;
import dev.portcullis.tracking.RecentKpis;
import dev.portcullis.tracking.VulnerabilityExceptions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Exceptions (create, list, expire) and the audit trail of who changed them. */
final class ExceptionRoutes {

  private final VulnerabilityExceptions exceptions;
  private final AuditLog audit;
  private final RecentKpis kpis;
  private final boolean anonymousReads;

  ExceptionRoutes(
      VulnerabilityExceptions exceptions, AuditLog audit, RecentKpis kpis, boolean anonymousReads) {
    this.exceptions = exceptions;
    this.audit = audit;
    this.kpis = kpis;
    this.anonymousReads = anonymousReads;
  }

  void register(RoutesConfig routes) {
    routes.post("/api/v1/exceptions", this::create);
    routes.get("/api/v1/exceptions", this::list);
    routes.post("/api/v1/exceptions/{id}/expire", this::expire);
    routes.get("/api/v1/audit", this::audit);
  }

  private void create(Context ctx) throws IOException {
    Caller caller = Requests.require(ctx, Scope.ADMIN);
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw ApiError.badRequest("the body is empty: send the exception as JSON");
    }
    if (!Json.tree(body, "the body").isObject()) {
      throw ApiError.badRequest("the body is not a JSON object");
    }
    ExceptionRequest request = Json.parse(body, ExceptionRequest.class, "the exception");
    ExceptionView created = exceptions.create(request, caller.name());
    kpis.changed();
    ctx.status(201).json(created);
  }

  private void list(Context ctx) {
    Requests.requireRead(ctx, anonymousReads);
    Long within = null;
    if (Requests.parameter(ctx, "expiringWithinDays", 4) != null) {
      within = Requests.number(ctx, "expiringWithinDays", 0, 366, 0);
    }
    int limit = Requests.limit(ctx);
    List<ExceptionView> page =
        exceptions.list(
            state(Requests.parameter(ctx, "state", 8)),
            within == null ? null : within.intValue(),
            Requests.after(ctx),
            limit);
    ctx.json(Requests.page("exceptions", page, limit, ExceptionView::id));
  }

  private void expire(Context ctx) {
    Caller caller = Requests.require(ctx, Scope.ADMIN);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("the exception's id is a whole number");
    }
    ExceptionView view =
        exceptions
            .expire(id, caller.name())
            .orElseThrow(() -> new ApiError(404, "no exception has the id " + id));
    kpis.changed();
    ctx.json(view);
  }

  private void audit(Context ctx) {
    Requests.require(ctx, Scope.ADMIN);
    int limit = Requests.limit(ctx);
    List<AuditEvent> page = audit.list(Requests.after(ctx), limit);
    ctx.json(Requests.page("events", page, limit, AuditEvent::id));
  }

  private static VulnerabilityExceptions.State state(String text) {
    if (text == null) {
      return VulnerabilityExceptions.State.ALL;
    }
    try {
      return VulnerabilityExceptions.State.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("state: active, expired or all");
    }
  }
}
