package dev.portcullis.server;

import dev.portcullis.registry.ImageReference;
import dev.portcullis.tracking.FindingFilter;
import dev.portcullis.tracking.FindingQueries;
import dev.portcullis.tracking.FindingView;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.tracking.RecentKpis;
import dev.portcullis.vulndb.Severity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads: findings (filtered, a page at a time) and KPIs. */
final class QueryRoutes {

  private final FindingQueries findings;
  private final RecentKpis kpis;
  private final boolean anonymousReads;

  QueryRoutes(FindingQueries findings, RecentKpis kpis, boolean anonymousReads) {
    this.findings = findings;
    this.kpis = kpis;
    this.anonymousReads = anonymousReads;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/findings", this::findings);
    routes.get("/api/v1/kpis", this::kpis);
  }

  private void findings(Context ctx) {
    Requests.requireRead(ctx, anonymousReads);
    FindingFilter filter =
        new FindingFilter(
            severities(Requests.parameter(ctx, "severity", 64)),
            state(Requests.parameter(ctx, "state", 8)),
            Requests.bool(ctx, "overdue"),
            repository(Requests.parameter(ctx, "repository", 512)),
            Requests.bool(ctx, "running"),
            Requests.after(ctx),
            Requests.limit(ctx));
    List<FindingView> page = findings.list(filter);
    ctx.json(Requests.page("findings", page, filter.limit(), FindingView::id));
  }

  private void kpis(Context ctx) {
    Requests.requireRead(ctx, anonymousReads);
    long days = Requests.number(ctx, "windowDays", 1, 3650, 30);
    KpiSnapshot snapshot = kpis.snapshot(Duration.ofDays(days));
    ctx.json(snapshot);
  }

  private static Set<Severity> severities(String text) {
    Set<Severity> severities = EnumSet.noneOf(Severity.class);
    if (text == null) {
      return severities;
    }
    for (String name : text.split(",")) {
      try {
        severities.add(Severity.named(name));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(
            "severity: a comma-separated list of CRITICAL, HIGH, MEDIUM, LOW, NONE, UNKNOWN");
      }
    }
    return severities;
  }

  /** A repository as the store names it: {@code nginx} is {@code docker.io/library/nginx}. */
  private static String repository(String text) {
    if (text == null) {
      return null;
    }
    try {
      ImageReference reference = ImageReference.parse(text);
      if (reference.digest() != null || text.endsWith(":" + reference.tag())) {
        throw ApiError.badRequest("repository: a repository name, without a tag or digest");
      }
      return reference.registry() + "/" + reference.repository();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("repository: " + e.getMessage());
    }
  }

  private static FindingFilter.State state(String text) {
    if (text == null) {
      return FindingFilter.State.OPEN;
    }
    try {
      return FindingFilter.State.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("state: open, fixed or all");
    }
  }
}
