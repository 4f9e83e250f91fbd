package dev.portcullis.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.access.ApiTokens;
import dev.portcullis.access.Caller;
import dev.portcullis.access.Scope;
import dev.portcullis.admission.SignatureRequirements;
import dev.portcullis.image.Digest;
import dev.portcullis.image.InputException;
import dev.portcullis.image.Json;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.tracking.AuditLog;
import dev.portcullis.tracking.ExceptionRequest;
import dev.portcullis.tracking.ExceptionView;
import dev.portcullis.tracking.FindingFilter;
import dev.portcullis.tracking.FindingQueries;
import dev.portcullis.tracking.FindingView;
import dev.portcullis.tracking.ImageContents;
import dev.portcullis.tracking.ImageRanking;
import dev.portcullis.tracking.ImageView;
import dev.portcullis.tracking.OpenHistory;
import dev.portcullis.tracking.OpenSeries;
import dev.portcullis.tracking.RecentKpis;
import dev.portcullis.tracking.RepositoryQueries;
import dev.portcullis.tracking.VulnerabilityExceptions;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.StoredVulnerability;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The dashboard under {@code /ui}: server-rendered pages over the same tracking services as the
 * API, signed in with an API token (see {@link SessionCookie}). Reads need the {@code read} scope
 * (or a server that lets anyone read); exceptions are created and ended by {@code admin} tokens,
 * through forms that carry the sign-in's form token.
 */
public final class WebRoutes {

  /** Where the dashboard lives. */
  public static final String PREFIX = "/ui";

  /** The most open findings an image page lists. */
  static final int MAX_FINDINGS = 1000;

  /** How many images the overview ranks. */
  static final int RANKED_IMAGES = 50;

  /** How many days the overview's chart spans. */
  static final int HISTORY_DAYS = 90;

  private static final int AUDIT_EVENTS = 50;

  /** How long the image page waits for a registry to show the digest's signatures. */
  static final Duration SIGNATURE_BUDGET = Duration.ofSeconds(2);

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  /**
   * Nothing but our own files: no inline script or style, no framing, forms only to this server.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final ApiTokens tokens;
  private final RecentKpis kpis;
  private final FindingQueries findings;
  private final RepositoryQueries repositories;
  private final OverviewFigures overview;
  private final ImageContents contents;
  private final VulnerabilityExceptions exceptions;
  private final AuditLog audit;
  private final SignatureRequirements signatures;
  private final Executor reads;
  private final Path database;
  private final Clock clock;
  private final boolean anonymousReads;
  private final Pages pages = new Pages();
  private final Assets assets = new Assets();

  /** The services the pages read; the dashboard keeps no state of its own. */
  public record Services(
      ApiTokens tokens,
      RecentKpis kpis,
      FindingQueries findings,
      RepositoryQueries repositories,
      ImageRanking ranking,
      OpenHistory history,
      ImageContents contents,
      VulnerabilityExceptions exceptions,
      AuditLog audit,
      SignatureRequirements signatures) {}

  /**
   * @param database the vulnerability database file, for its age and the advisories' text
   * @param anonymousReads whether a browser without a sign-in may read, as the API lets it
   * @param reads runs the overview's reads side by side (four threads serve it best)
   */
  public WebRoutes(
      Services services, Path database, Clock clock, boolean anonymousReads, Executor reads) {
    this.tokens = services.tokens();
    this.kpis = services.kpis();
    this.findings = services.findings();
    this.repositories = services.repositories();
    // Shared by every viewer like the KPIs: counted at most every 5 s, and after every change.
    this.overview =
        new OverviewFigures(
            kpis,
            kpis.alongside(() -> services.history().daily(HISTORY_DAYS).fromFirstFinding()),
            kpis.alongside(() -> services.ranking().top(RANKED_IMAGES)),
            reads);
    this.contents = services.contents();
    this.exceptions = services.exceptions();
    this.audit = services.audit();
    this.signatures = services.signatures();
    this.reads = reads;
    this.database = database;
    this.clock = clock;
    this.anonymousReads = anonymousReads;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.redirect(PREFIX, HttpStatus.FOUND));
    routes.get(PREFIX, this::overview);
    routes.get(PREFIX + "/login", this::loginPage);
    routes.post(PREFIX + "/login", this::login);
    routes.post(PREFIX + "/logout", this::logout);
    routes.get(PREFIX + "/images/{digest}", this::image);
    routes.get(PREFIX + "/images/{digest}/sbom", this::sbom);
    routes.get(PREFIX + "/findings/{id}", this::finding);
    routes.get(PREFIX + "/exceptions", ctx -> exceptionsPage(ctx, viewer(ctx), 200, null));
    routes.post(PREFIX + "/exceptions", this::createException);
    routes.post(PREFIX + "/exceptions/{id}/end", this::endException);
    routes.get(PREFIX + "/assets/{name}", this::asset);
    routes.exception(WebError.class, (e, ctx) -> errorPage(ctx, e.status(), e.getMessage()));
    routes.exception(
        SignInRequired.class, (e, ctx) -> ctx.redirect(e.location(), HttpStatus.SEE_OTHER));
  }

  // --- pages

  private void overview(Context ctx) throws JsonProcessingException {
    Viewer viewer = viewer(ctx);
    Duration databaseAge =
        VulnerabilityDatabase.updatedAt(database)
            .map(updated -> Duration.between(updated, clock.instant()))
            .orElse(null);
    OverviewFigures.Figures figures = overview.read();
    OverviewPage page =
        new OverviewPage(
            viewer,
            figures.month(),
            figures.quarter(),
            databaseAge,
            HISTORY_DAYS,
            historyJson(figures.history()),
            figures.ranking());
    html(ctx, 200, pages.render("overview", "page", page));
  }

  private void image(Context ctx) {
    Viewer viewer = viewer(ctx);
    String digest = digest(ctx);
    List<ImageView> holders = repositories.image(digest);
    String repository = ctx.queryParam("repository");
    ImageView image =
        holders.stream()
            .filter(view -> repository == null || view.repository().equals(repository))
            .findFirst()
            .orElseThrow(
                () -> new WebError(404, "the server does not know " + digest + where(ctx)));
    List<FindingView> open = findings.carriedBy(image.repository(), digest, MAX_FINDINGS + 1);
    boolean truncated = open.size() > MAX_FINDINGS;
    ImageContents.Placement placement;
    try {
      placement = contents.placement(digest);
    } catch (InputException e) {
      // the page still lists the findings; the SBOM link says what is wrong
      placement = new ImageContents.Placement(Map.of(), null);
    }
    ImagePage page =
        new ImagePage(
            viewer,
            clock.instant(),
            image,
            signature(image),
            holders.stream().filter(view -> view != image).toList(),
            truncated ? open.subList(0, MAX_FINDINGS) : open,
            truncated,
            contents.stored(digest),
            placement);
    html(ctx, 200, pages.render("image", "page", page));
  }

  /**
   * The digest's signatures against the policy's signature rules, checked in its registry within
   * {@link #SIGNATURE_BUDGET}: a registry that is slow or down makes the line say so, not the page
   * wait.
   */
  private SignatureLine signature(ImageView image) {
    ImageReference reference;
    Digest digest;
    try {
      digest = Digest.parse(image.digest());
      ImageReference repository = ImageReference.parse(image.repository());
      reference = new ImageReference(repository.registry(), repository.repository(), null, digest);
    } catch (IllegalArgumentException e) {
      return SignatureLine.unknown("not checked: " + e.getMessage());
    }
    if (!signatures.required(reference)) {
      return SignatureLine.notRequired();
    }
    CompletableFuture<SignatureRequirements.Status> checked =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return signatures.check(reference, digest);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            reads);
    try {
      return SignatureLine.of(checked.get(SIGNATURE_BUDGET.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      checked.cancel(true);
      return SignatureLine.unknown(
          "not checked: the registry did not answer within " + SIGNATURE_BUDGET.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
      return SignatureLine.unknown("not checked: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SignatureLine.unknown("not checked: the server is stopping");
    }
  }

  private void sbom(Context ctx) throws InputException {
    viewer(ctx);
    String digest = digest(ctx);
    byte[] document =
        contents
            .cycloneDx(digest)
            .orElseThrow(() -> new WebError(404, "no inventory of " + digest + " is stored"));
    securityHeaders(ctx);
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"" + digest.replace(':', '-') + ".cdx.json\"");
    ctx.contentType("application/vnd.cyclonedx+json").result(document);
  }

  private void finding(Context ctx) {
    Viewer viewer = viewer(ctx);
    long id = pathId(ctx, "no finding has the id ");
    FindingView finding =
        findings.finding(id).orElseThrow(() -> new WebError(404, "no finding has the id " + id));
    FindingPage page =
        new FindingPage(
            viewer,
            clock.instant(),
            finding,
            advisory(finding.vulnerabilityId()),
            findings.imagesCarrying(id),
            exceptions.covering(finding));
    html(ctx, 200, pages.render("finding", "page", page));
  }

  private void exceptionsPage(Context ctx, Viewer viewer, int status, String problem) {
    List<ExceptionView> all =
        new ArrayList<>(
            exceptions.list(VulnerabilityExceptions.State.ALL, null, 0, FindingFilter.MAX_LIMIT));
    // Active ones first, the soonest to expire on top; then the ended ones, the latest first.
    all.sort(
        Comparator.comparing((ExceptionView e) -> !"active".equals(e.state()))
            .thenComparing(
                e -> "active".equals(e.state()) ? e.expiresAt().toEpochMilli() : -e.id()));
    ExceptionsPage page =
        new ExceptionsPage(
            viewer,
            clock.instant(),
            all,
            viewer.admin() ? audit.latest(AUDIT_EVENTS) : List.of(),
            problem);
    html(ctx, status, pages.render("exceptions", "page", page));
  }

  // --- forms

  private void createException(Context ctx) {
    Caller caller = admin(ctx);
    ExceptionRequest request =
        new ExceptionRequest(
            form(ctx, "vulnerabilityId"),
            form(ctx, "repository"),
            form(ctx, "packageName"),
            form(ctx, "owner"),
            form(ctx, "reason"),
            form(ctx, "expires"));
    try {
      exceptions.create(request, caller.name());
    } catch (InputException | IllegalArgumentException e) {
      exceptionsPage(ctx, viewer(ctx), 400, e.getMessage());
      return;
    }
    kpis.changed();
    ctx.redirect(PREFIX + "/exceptions", HttpStatus.SEE_OTHER);
  }

  private void endException(Context ctx) {
    Caller caller = admin(ctx);
    long id = pathId(ctx, "no exception has the id ");
    exceptions
        .expire(id, caller.name())
        .orElseThrow(() -> new WebError(404, "no exception has the id " + id));
    kpis.changed();
    ctx.redirect(PREFIX + "/exceptions", HttpStatus.SEE_OTHER);
  }

  private void loginPage(Context ctx) {
    String why = ctx.queryParam("why");
    String message =
        "expired".equals(why)
            ? "Your sign-in has ended: the token expired or was revoked. Sign in again."
            : null;
    loginForm(ctx, 200, message);
  }

  private void loginForm(Context ctx, int status, String message) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("message", message);
    parameters.put("next", next(ctx));
    html(ctx, status, pages.render("login", parameters));
  }

  private void login(Context ctx) {
    sameOrigin(ctx);
    String token = ctx.formParam("token");
    Optional<Caller> caller = token == null ? Optional.empty() : tokens.verify(token.trim());
    if (caller.isEmpty()) {
      loginForm(ctx, 401, "That token is unknown, revoked or expired.");
      return;
    }
    if (!caller.get().may(Scope.READ)) {
      loginForm(
          ctx,
          403,
          "The token '" + caller.get().name() + "' may not read: the dashboard needs 'read'.");
      return;
    }
    SessionCookie.set(ctx, token.trim());
    ctx.redirect(next(ctx), HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    sameOrigin(ctx);
    String token = SessionCookie.token(ctx);
    if (token != null) {
      requireFormToken(ctx, token);
    }
    SessionCookie.clear(ctx);
    ctx.redirect(PREFIX + "/login", HttpStatus.SEE_OTHER);
  }

  private void asset(Context ctx) {
    Assets.Asset asset =
        assets.named(ctx.pathParam("name")).orElseThrow(() -> new WebError(404, "no such file"));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "private, max-age=3600");
    ctx.contentType(asset.contentType()).result(asset.content());
  }

  // --- who is asking

  /**
   * The signed-in viewer, or an anonymous one where the server lets anyone read. A cookie whose
   * token no longer verifies (revoked, expired) is cleared and the browser sent to sign in again.
   */
  private Viewer viewer(Context ctx) {
    String token = SessionCookie.token(ctx);
    if (token != null && !token.isEmpty()) {
      Optional<Caller> caller = tokens.verify(token);
      if (caller.isPresent() && caller.get().may(Scope.READ)) {
        return Viewer.signedIn(caller.get(), SessionCookie.csrf(token));
      }
      SessionCookie.clear(ctx);
      throw new SignInRequired(loginLocation(ctx, true));
    }
    if (anonymousReads) {
      return Viewer.anonymous();
    }
    throw new SignInRequired(loginLocation(ctx, false));
  }

  /** The caller of a form only an administrator may send, with this sign-in's form token. */
  private Caller admin(Context ctx) {
    sameOrigin(ctx);
    String token = SessionCookie.token(ctx);
    if (token == null || token.isEmpty()) {
      throw new SignInRequired(loginLocation(ctx, false));
    }
    Caller caller =
        tokens
            .verify(token)
            .orElseThrow(
                () -> {
                  SessionCookie.clear(ctx);
                  return new SignInRequired(loginLocation(ctx, true));
                });
    requireFormToken(ctx, token);
    if (!caller.may(Scope.ADMIN)) {
      throw new WebError(403, "the token '" + caller.name() + "' lacks the 'admin' scope");
    }
    return caller;
  }

  /** Refuses a form that does not carry the form token of this sign-in. */
  private static void requireFormToken(Context ctx, String token) {
    if (!SessionCookie.csrfMatches(token, ctx.formParam("csrf"))) {
      throw new WebError(403, "the form is not from this sign-in; reload the page and try again");
    }
  }

  /**
   * Refuses a form another site sent: browsers name the page's origin in {@code Origin}, which must
   * be this server (the cookie's SameSite and the form token refuse the rest).
   */
  private static void sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      return;
    }
    String host = ctx.header("Host");
    String authority;
    try {
      authority = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      authority = null;
    }
    if (host == null || authority == null || !authority.equalsIgnoreCase(host)) {
      throw new WebError(403, "the form was sent from another site (" + origin + ")");
    }
  }

  private static String loginLocation(Context ctx, boolean expired) {
    String here =
        ctx.method().name().equals("GET")
            ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString())
            : PREFIX;
    return PREFIX
        + "/login?next="
        + URLEncoder.encode(here, StandardCharsets.UTF_8)
        + (expired ? "&why=expired" : "");
  }

  /** Where to go after signing in: a dashboard path, never another site. */
  private static String next(Context ctx) {
    String next = ctx.formParam("next");
    if (next == null) {
      next = ctx.queryParam("next");
    }
    if (next == null
        || !next.startsWith(PREFIX)
        || next.startsWith(PREFIX + "/login")
        || next.contains("\\")
        || next.contains("//")
        || next.chars().anyMatch(Character::isISOControl)
        || next.length() > 2048) {
      return PREFIX;
    }
    return next;
  }

  // --- helpers

  private static String digest(Context ctx) {
    String digest = ctx.pathParam("digest");
    if (!DIGEST.matcher(digest).matches()) {
      throw new WebError(404, "not an image digest: " + digest);
    }
    return digest;
  }

  /** The {@code id} of the path; a 404 with {@code missing} and the text if it is no id. */
  private static long pathId(Context ctx, String missing) {
    String text = ctx.pathParam("id");
    if (!ID.matcher(text).matches()) {
      throw new WebError(404, missing + text);
    }
    return Long.parseLong(text);
  }

  private static String where(Context ctx) {
    String repository = ctx.queryParam("repository");
    return repository == null ? "" : " in " + repository;
  }

  /** A form field, trimmed; null when absent or blank. */
  private static String form(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private StoredVulnerability advisory(String id) {
    try (VulnerabilityDatabase db = VulnerabilityDatabase.open(database)) {
      return db.vulnerability(id).orElse(null);
    } catch (InputException e) {
      return null; // the page shows what the finding itself recorded
    }
  }

  private static String historyJson(OpenSeries series) throws JsonProcessingException {
    List<Long> days =
        series.days().stream()
            .map((LocalDate day) -> day.atStartOfDay(ZoneOffset.UTC).toEpochSecond())
            .toList();
    Map<String, List<Long>> open = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      List<Long> counts = series.open().getOrDefault(severity, List.of());
      boolean shown =
          severity.compareTo(Severity.LOW) <= 0 || counts.stream().anyMatch(count -> count > 0);
      if (shown) {
        open.put(severity.name(), counts);
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("days", days);
    json.put("series", open);
    return Json.mapper().writeValueAsString(json);
  }

  private void errorPage(Context ctx, int status, String message) {
    Viewer viewer;
    try {
      viewer = viewer(ctx);
    } catch (SignInRequired e) {
      viewer = Viewer.anonymous();
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("viewer", viewer);
    parameters.put("status", status);
    parameters.put("message", message);
    html(ctx, status, pages.render("error", parameters));
  }

  private static void html(Context ctx, int status, String body) {
    securityHeaders(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").result(body);
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  /** Sends the browser to sign in. */
  private static final class SignInRequired extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;

    SignInRequired(String location) {
      super(null, null, false, false);
      this.location = location;
    }

    String location() {
      return location;
    }
  }
}
