package dev.portcullis.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.portcullis.access.ApiTokens;
import dev.portcullis.access.Caller;
import dev.portcullis.admission.Admission;
import dev.portcullis.admission.SignatureRequirements;
import dev.portcullis.cluster.ClusterJobs;
import dev.portcullis.feed.FeedJobs;
import dev.portcullis.feed.FeedSettings;
import dev.portcullis.feed.PushedImage;
import dev.portcullis.health.Dependencies;
import dev.portcullis.health.DependencyKind;
import dev.portcullis.health.DependencyName;
import dev.portcullis.health.DependencyState;
import dev.portcullis.image.InputException;
import dev.portcullis.jobs.Jobs;
import dev.portcullis.metrics.DependencyMetrics;
import dev.portcullis.metrics.KpiMetrics;
import dev.portcullis.notify.NotificationJobs;
import dev.portcullis.rescan.RescanJobs;
import dev.portcullis.server.tls.ServerTls;
import dev.portcullis.server.tls.TlsFileException;
import dev.portcullis.sla.PatchDeadlines;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreException;
import dev.portcullis.tracking.AuditLog;
import dev.portcullis.tracking.DigestStanding;
import dev.portcullis.tracking.FindingQueries;
import dev.portcullis.tracking.ImageContents;
import dev.portcullis.tracking.ImageRanking;
import dev.portcullis.tracking.Inventories;
import dev.portcullis.tracking.KnownTags;
import dev.portcullis.tracking.Kpis;
import dev.portcullis.tracking.OpenHistory;
import dev.portcullis.tracking.RecentKpis;
import dev.portcullis.tracking.RepositoryQueries;
import dev.portcullis.tracking.RunningImages;
import dev.portcullis.tracking.ScanCause;
import dev.portcullis.tracking.ScanIntake;
import dev.portcullis.tracking.ScanObserver;
import dev.portcullis.tracking.ScanRecorder;
import dev.portcullis.tracking.VulnerabilityExceptions;
import dev.portcullis.web.WebRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code portcullis serve}: the HTTP adapter over the tracking services. Every route is a thin
 * handler; every write needs a token with the right scope.
 */
public final class PortcullisServer implements AutoCloseable {

  /** How often the TLS files are checked for a new certificate. */
  private static final Duration TLS_RELOAD_INTERVAL = Duration.ofSeconds(30);

  /**
   * A connection that sends or takes nothing for this long is closed: a client that stalls half-way
   * through a request holds a thread no longer.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** The request line and headers together; a bearer token and a long query fit many times. */
  static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

  /** A client slower than this over a whole request is cut off (Jetty answers 408). */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

  /** How many jobs one replica runs at once. */
  private static final int JOB_THREADS = 4;

  /** Threads for the dashboard overview's reads: one for each of its four. */
  private static final int DASHBOARD_READS = 4;

  private final Store store;
  private final Javalin app;
  private final ApiTokens tokens;
  private final Jobs jobs;
  private final ScheduledExecutorService background;
  private final ExecutorService dashboardReads;
  private final Admission admission;

  private PortcullisServer(
      Store store,
      Javalin app,
      ApiTokens tokens,
      Jobs jobs,
      ScheduledExecutorService background,
      ExecutorService dashboardReads,
      Admission admission) {
    this.store = store;
    this.app = app;
    this.tokens = tokens;
    this.jobs = jobs;
    this.background = background;
    this.dashboardReads = dashboardReads;
    this.admission = admission;
  }

  /**
   * Opens the store, migrates it, and starts listening.
   *
   * @throws TlsFileException when the TLS certificate or key cannot be used
   * @throws InputException when the admission webhook's keys or cluster cannot be used
   */
  public static PortcullisServer start(ServerSettings settings, Clock clock, PrintWriter log)
      throws InputException {
    ServerTls tls =
        settings.tls() == null ? null : ServerTls.load(settings.tls(), System.getenv(), clock);
    if (tls != null) {
      tls.current().warnings().forEach(w -> log.println("portcullis serve: " + w));
    }
    Store store = Store.open(settings.store(), 8);
    ScheduledExecutorService background =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "portcullis-background");
              thread.setDaemon(true);
              return thread;
            });
    // The overview's four reads, side by side; the pool of 8 connections leaves room for the API.
    ExecutorService dashboardReads =
        Executors.newFixedThreadPool(
            DASHBOARD_READS,
            runnable -> {
              Thread thread = new Thread(runnable, "portcullis-dashboard");
              thread.setDaemon(true);
              return thread;
            });
    Jobs jobs = null;
    Admission admission = null;
    try {
      PatchDeadlines deadlines = new PatchDeadlines(settings.policy().slaSettings(), clock);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ApiTokens tokens = new ApiTokens(store, clock);
      Dependencies dependencies = new Dependencies(clock);
      DependencyMetrics dependencyMetrics = new DependencyMetrics(dependencies, metrics);
      byte[] openApi = openApiDocument();
      Kpis kpis = new Kpis(store, clock);
      RecentKpis recentKpis = new RecentKpis(kpis, clock);
      KpiMetrics kpiMetrics = new KpiMetrics(recentKpis, settings.database(), clock, metrics);
      NotificationJobs notifications =
          NotificationJobs.create(
              settings.background().notifications(),
              store,
              kpis,
              deadlines,
              dependencies,
              clock,
              log);
      ScanObserver announce = notifications.observer();
      ScanIntake intake =
          new ScanIntake(
              new ScanRecorder(
                  store,
                  deadlines,
                  (scan, recorded) -> {
                    recentKpis.changed();
                    announce.recorded(scan, recorded);
                  }),
              settings.policy(),
              settings.database(),
              clock);
      List<Task<?>> tasks = new ArrayList<>(notifications.tasks());
      tasks.addAll(
          new ClusterJobs(
                  settings.background().clusters(),
                  new RunningImages(store),
                  dependencies,
                  clock,
                  log)
              .tasks());
      tasks.addAll(
          RescanJobs.of(settings.background().rescans(), store, intake, dependencies, clock, log)
              .tasks());
      FeedSettings feedSettings = settings.background().feeds();
      FeedJobs feeds =
          new FeedJobs(
              feedSettings,
              intake,
              new Inventories(store),
              new KnownTags(store),
              dependencies,
              (recorded, took) -> kpiMetrics.scanned(recorded.failed() ? "fail" : "pass", took),
              clock,
              log);
      tasks.addAll(feeds.tasks());
      jobs = Jobs.start(store, tasks, JOB_THREADS, clock, log);
      notifications.start(jobs);
      registerQueueDepth(jobs, metrics);
      // The policy's signature rules: the webhook enforces them, the dashboard shows them.
      SignatureRequirements signatures =
          SignatureRequirements.load(
              (settings.admission() != null
                      ? settings.admission().settings()
                      : settings.policy().admissionSettings())
                  .signatures(),
              feedSettings::insecure,
              feedSettings.registryTimeouts());
      ScanRoutes scans = new ScanRoutes(intake, kpiMetrics);
      HookRoutes hooks = new HookRoutes(feeds, jobs, feedSettings.secret());
      FindingQueries findingQueries = new FindingQueries(store, clock);
      RepositoryQueries repositoryQueries = new RepositoryQueries(store, clock);
      VulnerabilityExceptions vulnerabilityExceptions = new VulnerabilityExceptions(store, clock);
      AuditLog auditLog = new AuditLog(store);
      QueryRoutes queries = new QueryRoutes(findingQueries, recentKpis, settings.anonymousReads());
      RepositoryRoutes repositories =
          new RepositoryRoutes(repositoryQueries, settings.anonymousReads());
      ExceptionRoutes exceptions =
          new ExceptionRoutes(
              vulnerabilityExceptions, auditLog, recentKpis, settings.anonymousReads());
      WebRoutes dashboard =
          new WebRoutes(
              new WebRoutes.Services(
                  tokens,
                  recentKpis,
                  findingQueries,
                  repositoryQueries,
                  new ImageRanking(store, clock),
                  new OpenHistory(store, clock),
                  new ImageContents(new Inventories(store)),
                  vulnerabilityExceptions,
                  auditLog,
                  signatures),
              settings.database(),
              clock,
              settings.anonymousReads(),
              dashboardReads);
      if (settings.admission() != null) {
        admission =
            Admission.start(
                settings.admission(),
                signatures,
                new DigestStanding(store, clock),
                (reference, digest) ->
                    feeds.scanNow(
                        new PushedImage(
                            reference.registry(),
                            reference.repository(),
                            digest,
                            reference.tag(),
                            null),
                        ScanCause.ADMISSION),
                feedSettings::insecure,
                feedSettings.registryTimeouts(),
                clock,
                log);
      }
      AdmissionRoutes admissionRoutes =
          admission == null
              ? null
              : new AdmissionRoutes(admission, settings.admission().anonymous(), metrics);
      Javalin app =
          Javalin.create(
              config -> {
                configure(config, settings, log);
                config.jetty.addConnector(
                    (server, http) -> {
                      ServerConnector connector =
                          tls == null
                              ? plainConnector(server, http, settings)
                              : tls.connector(server, http, settings.host(), settings.port());
                      connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                      return connector;
                    });
                config.routes.before(ctx -> authenticate(ctx, tokens));
                config.routes.get("/health", ctx -> health(ctx, store, dependencies));
                // Kubernetes' probes: alive while it answers at all (a database outage is no
                // reason to restart it), ready while the store answers.
                config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
                config.routes.get("/health/ready", ctx -> health(ctx, store, dependencies));
                config.routes.get(
                    "/metrics",
                    ctx -> {
                      checkStore(store, dependencies);
                      dependencyMetrics.refresh();
                      kpiMetrics.refresh();
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape());
                    });
                config.routes.get(
                    "/openapi.yaml",
                    ctx -> ctx.contentType("application/yaml; charset=utf-8").result(openApi));
                scans.register(config.routes);
                hooks.register(config.routes);
                queries.register(config.routes);
                repositories.register(config.routes);
                exceptions.register(config.routes);
                dashboard.register(config.routes);
                if (admissionRoutes != null) {
                  admissionRoutes.register(config.routes);
                }
              });
      app.start();
      if (tls != null) {
        background.scheduleWithFixedDelay(
            () -> reloadTls(tls, log),
            TLS_RELOAD_INTERVAL.toSeconds(),
            TLS_RELOAD_INTERVAL.toSeconds(),
            TimeUnit.SECONDS);
      }
      return new PortcullisServer(store, app, tokens, jobs, background, dashboardReads, admission);
    } catch (RuntimeException | InputException e) {
      background.shutdownNow();
      dashboardReads.shutdownNow();
      if (admission != null) {
        admission.close();
      }
      if (jobs != null) {
        jobs.close();
      }
      store.close();
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return app.port();
  }

  public ApiTokens tokens() {
    return tokens;
  }

  /** The server's background jobs. */
  public Jobs jobs() {
    return jobs;
  }

  /** Stops taking requests, then stops the jobs (queued ones stay queued), then the store. */
  @Override
  public void close() {
    background.shutdownNow();
    app.stop();
    dashboardReads.shutdownNow();
    if (admission != null) {
      admission.close();
    }
    jobs.close();
    store.close();
  }

  /** The jobs that are due and not yet picked by any replica. */
  private static void registerQueueDepth(Jobs jobs, PrometheusMeterRegistry metrics) {
    Gauge.builder(
            "portcullis.jobs.queued",
            jobs,
            queue -> {
              try {
                return queue.queueDepth();
              } catch (StoreException e) {
                return Double.NaN;
              }
            })
        .description("Background jobs that are due and not yet started by any replica")
        .register(metrics);
  }

  /** A broken new pair keeps the old certificate in service; the operator is told. */
  private static void reloadTls(ServerTls tls, PrintWriter log) {
    try {
      if (tls.reloadIfChanged()) {
        log.println(
            "portcullis serve: TLS certificate reloaded (serial "
                + tls.current().serialNumber().toString(16)
                + ")");
        tls.current().warnings().forEach(w -> log.println("portcullis serve: " + w));
      }
    } catch (TlsFileException e) {
      log.println("portcullis serve: " + e.getMessage() + "; the old certificate stays in service");
    }
  }

  private static ServerConnector plainConnector(
      Server server, HttpConfiguration http, ServerSettings settings) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    return connector;
  }

  private static void configure(JavalinConfig config, ServerSettings settings, PrintWriter log) {
    config.startup.showJavalinBanner = false;
    config.http.maxRequestSize = settings.maxRequestBytes();
    config.jetty.modifyHttpConfiguration(
        http -> {
          http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
          http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
          http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
          http.setSendServerVersion(false);
        });
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    config.jsonMapper(new JavalinJackson(mapper(), false));
    config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    config.routes.exception(InputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    config.routes.exception(
        IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    config.routes.exception(
        StoreException.class,
        (e, ctx) -> {
          log.println("portcullis serve: " + e.getMessage());
          error(ctx, 503, "the store is unavailable; try again");
        });
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.println("portcullis serve: internal error on " + ctx.method() + " " + ctx.path());
          e.printStackTrace(log);
          error(ctx, 500, "internal error");
        });
    for (int status : new int[] {404, 405, 413}) {
      config.routes.error(
          status,
          "*",
          ctx -> {
            if (ctx.result() == null || !ctx.result().startsWith("{\"error\"")) {
              error(ctx, status, reason(status));
            }
          });
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "method not allowed";
      case 413 -> "the body is too large";
      default -> "error";
    };
  }

  /** The API's description, {@code openapi.yaml} next to this class. */
  private static byte[] openApiDocument() {
    try (InputStream in = PortcullisServer.class.getResourceAsStream("openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  /** Every error is JSON: {"error": {"status": 400, "message": "…"}}. */
  private static void error(Context ctx, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("message", message == null ? "error" : message);
    ctx.status(status).json(Map.of("error", body));
  }

  private static void authenticate(Context ctx, ApiTokens tokens) {
    String header = ctx.header("Authorization");
    if (header == null) {
      return;
    }
    if (ctx.path().startsWith(HookRoutes.PREFIX)) {
      // Harbor sends its webhook secret as the Authorization header: the route judges it.
      String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : "";
      tokens.verify(token.trim()).ifPresent(caller -> Requests.setCaller(ctx, caller));
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(401, "Authorization: a 'Bearer' token is expected");
    }
    Optional<Caller> caller;
    try {
      caller = tokens.verify(header.substring(7).trim());
    } catch (StoreException e) {
      if (ctx.path().equals(AdmissionRoutes.PATH)) {
        // The webhook still answers, by its failure policy: the answer depends on nothing the
        // caller may not know, and the API server gets the reason rather than a 503.
        AdmissionRoutes.tokenUnchecked(ctx);
        return;
      }
      throw e;
    }
    if (caller.isEmpty()) {
      throw new ApiError(401, "the token is unknown or revoked");
    }
    Requests.setCaller(ctx, caller.get());
  }

  /** Asks the store whether it answers, and reports that to the dependencies. */
  private static DependencyName checkStore(Store store, Dependencies dependencies) {
    DependencyName storeName = DependencyName.of(DependencyKind.STORE, "store");
    if (store.reachable()) {
      dependencies.up(storeName);
    } else {
      dependencies.down(storeName, "the store does not answer");
    }
    return storeName;
  }

  /**
   * 200 while the store answers, 503 while it does not; every other dependency that is down makes
   * the status "degraded" (the server still takes scans, and the jobs that need it retry).
   */
  private static void health(Context ctx, Store store, Dependencies dependencies) {
    DependencyName storeName = checkStore(store, dependencies);
    Map<DependencyName, DependencyState> states = dependencies.snapshot();
    boolean storeUp = states.get(storeName).up();
    boolean allUp = states.values().stream().allMatch(DependencyState::up);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", !storeUp ? "unavailable" : allUp ? "ok" : "degraded");
    body.put("store", storeUp ? "up" : "down");
    List<Map<String, Object>> listed = new ArrayList<>();
    states.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              DependencyState state = entry.getValue();
              Map<String, Object> item = new LinkedHashMap<>();
              item.put("kind", entry.getKey().kind().label());
              item.put("target", entry.getKey().target());
              item.put("up", state.up());
              item.put("since", state.since().toString());
              item.put("checkedAt", state.checkedAt().toString());
              if (!state.up()) {
                item.put("failures", state.failures());
                item.put("problem", state.problem());
              }
              listed.add(item);
            });
    body.put("dependencies", listed);
    ctx.status(storeUp ? 200 : 503).json(body);
  }
}
