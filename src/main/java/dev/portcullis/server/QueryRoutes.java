package dev.portcullis.server;

import dev.portcullis.access.Scope;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.tracking.FindingFilter;
import dev.portcullis.tracking.FindingQueries;
import dev.portcullis.tracking.FindingView;
import dev.portcullis.tracking.KpiSnapshot;
import dev.portcullis.tracking.Kpis;
import dev.portcullis.vulndb.Severity;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads: findings (filtered, a page at a time) and KPIs. */
final class QueryRoutes {

  private static final int DEFAULT_LIMIT = 100;

  private final FindingQueries findings;
  private final Kpis kpis;
  private final boolean anonymousReads;

  QueryRoutes(FindingQueries findings, Kpis kpis, boolean anonymousReads) {
    this.findings = findings;
    this.kpis = kpis;
    this.anonymousReads = anonymousReads;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/findings", this::findings);
    routes.get("/api/v1/kpis", this::kpis);
  }

  private void requireRead(Context ctx) {
    if (!anonymousReads) {
      Requests.require(ctx, Scope.READ);
    }
  }

  private void findings(Context ctx) {
    requireRead(ctx);
    FindingFilter filter =
        new FindingFilter(
            severities(Requests.parameter(ctx, "severity", 64)),
            state(Requests.parameter(ctx, "state", 8)),
            bool(ctx, "overdue"),
            repository(Requests.parameter(ctx, "repository", 512)),
            bool(ctx, "running"),
            number(ctx, "after", 0, Long.MAX_VALUE, 0),
            (int) number(ctx, "limit", 1, FindingFilter.MAX_LIMIT, DEFAULT_LIMIT));
    List<FindingView> page = findings.list(filter);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("findings", page);
    if (page.size() == filter.limit()) {
      answer.put("next", page.get(page.size() - 1).id());
    }
    ctx.json(answer);
  }

  private void kpis(Context ctx) {
    requireRead(ctx);
    long days = number(ctx, "windowDays", 1, 3650, 30);
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

  private static Boolean bool(Context ctx, String name) {
    String text = Requests.parameter(ctx, name, 5);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.badRequest(name + ": true or false");
    };
  }

  private static long number(Context ctx, String name, long min, long max, long otherwise) {
    String text = Requests.parameter(ctx, name, 19);
    if (text == null) {
      return otherwise;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw ApiError.badRequest(name + ": a whole number from " + min + " to " + max);
  }
}
