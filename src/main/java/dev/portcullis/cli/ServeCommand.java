package dev.portcullis.cli;

import dev.portcullis.access.ApiTokens;
import dev.portcullis.access.Scope;
import dev.portcullis.admission.AdmissionConfig;
import dev.portcullis.cluster.ClusterSettings;
import dev.portcullis.cluster.ClusterWatch;
import dev.portcullis.feed.FeedSettings;
import dev.portcullis.feed.WatchedRepository;
import dev.portcullis.feed.WebhookSecret;
import dev.portcullis.notify.NotificationSettings;
import dev.portcullis.notify.WebhookFormat;
import dev.portcullis.notify.WebhookSettings;
import dev.portcullis.policy.BaseImagePolicy;
import dev.portcullis.policy.Policy;
import dev.portcullis.rescan.DatabaseSource;
import dev.portcullis.rescan.RescanSettings;
import dev.portcullis.server.BackgroundSettings;
import dev.portcullis.server.PortcullisServer;
import dev.portcullis.server.ServerSettings;
import dev.portcullis.server.tls.TlsFiles;
import dev.portcullis.store.Store;
import dev.portcullis.store.StoreException;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.vulndb.VulnerabilityDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code portcullis serve}: the server that tracks every image and finding (docs/server.md). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Portcullis server: it tracks every image, rescans when advisories change, and holds",
      "each finding to its patch deadline. See docs/server.md.",
      "With no options it stores its data in ./portcullis-data (an embedded H2 database)."
    })
final class ServeCommand implements Callable<Integer> {

  private static final String DEFAULT_SECRET_ENV = "PORTCULLIS_WEBHOOK_SECRET";

  @Spec CommandSpec spec;

  @Mixin StoreOptions storeOptions;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8480",
      description = "Where to listen (default: ${DEFAULT-VALUE}); port 0 picks a free one.")
  String listen;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description =
          "The vulnerability database (default: as 'db update' writes it: $XDG_CACHE_HOME/portcullis/db/vulnerabilities.sqlite).")
  Path database;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "The policy every image is judged by: gate, exceptions, sla (default: ./portcullis.yaml if present).")
  Path policy;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description =
          "Serve HTTPS with this certificate chain (server certificate first); reloaded when it changes.")
  Path tlsCertificate;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description =
          "The certificate's private key (PKCS#8, PKCS#1 or SEC1; encrypted: password in PORTCULLIS_TLS_KEY_PASSWORD).")
  Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "PEM",
      description = "Require client certificates issued by these CAs (mutual TLS).")
  Path tlsClientCa;

  @Option(
      names = "--anonymous-reads",
      description = "Let requests without a token read findings and KPIs (writes always need one).")
  boolean anonymousReads;

  @Option(
      names = "--cluster",
      paramLabel = "KUBECONFIG[#CONTEXT]",
      description = {
        "Read the images that run in this cluster (repeatable); named after the context, else after",
        "the file (prod.yaml: prod). See docs/clusters.md."
      })
  List<String> clusters = new ArrayList<>();

  @Option(
      names = "--in-cluster",
      description =
          "Read the images that run in the cluster the server runs in (its service account).")
  boolean inCluster;

  @Option(
      names = "--cluster-namespace",
      paramLabel = "NS",
      description = "Read only this namespace of each cluster (repeatable; default: all).")
  List<String> clusterNamespaces = new ArrayList<>();

  @Option(
      names = "--cluster-interval",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = IntervalConverter.class,
      description = "The time between two reads of the clusters (default: ${DEFAULT-VALUE}).")
  Duration clusterInterval;

  @Option(
      names = "--notify",
      paramLabel = "URL",
      description = {
        "Send notifications to this webhook (repeatable). Each request is signed when",
        "PORTCULLIS_NOTIFY_SECRET is set. See docs/notifications.md."
      })
  List<URI> notify = new ArrayList<>();

  @Option(
      names = "--notify-format",
      paramLabel = "FORMAT",
      defaultValue = "json",
      description = "json or slack (default: ${DEFAULT-VALUE}).")
  String notifyFormat;

  @Option(
      names = "--notify-daily-at",
      paramLabel = "HH:MM",
      defaultValue = "08:00",
      description = "When the daily summary is sent, UTC (default: ${DEFAULT-VALUE}).")
  LocalTime notifyDailyAt;

  @Option(
      names = "--rescan-interval",
      paramLabel = "DURATION",
      converter = IntervalConverter.class,
      description =
          "Rescan every current and running image this often (default: 24h); e.g. 30m, 6h, 1d.")
  Duration rescanInterval;

  @Option(
      names = "--db-update-interval",
      paramLabel = "DURATION",
      converter = IntervalConverter.class,
      description =
          "Update the vulnerability database this often from --db-mirror or --db-import-dir (default: 6h).")
  Duration databaseUpdateInterval;

  @Option(
      names = "--db-mirror",
      paramLabel = "URL",
      description =
          "Update the vulnerability database from OSV's exports or a mirror (ECOSYSTEM/all.zip, as 'db update --db-url'); repeat for fallbacks.")
  List<URI> databaseMirrors = List.of();

  @Option(
      names = "--db-import-dir",
      paramLabel = "DIR",
      description =
          "Update the vulnerability database from the OSV json and zip files that appear here.")
  Path databaseImportDirectory;

  @Option(
      names = "--webhook-secret-env",
      paramLabel = "NAME",
      description = {
        "The environment variable holding the push webhooks' shared secret (default:",
        "PORTCULLIS_WEBHOOK_SECRET, if set). Without a secret a webhook needs a 'submit' token."
      })
  String webhookSecretEnv;

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description =
          "Read the push webhooks' shared secret from this file (one trailing newline dropped),"
              + " such as a mounted Secret, rather than from the environment.")
  Path webhookSecretFile;

  @Option(
      names = "--watch",
      paramLabel = "REGISTRY/REPO[:GLOB,...]",
      description =
          "Poll this repository's tags (those matching a glob, else all) and scan new or moved"
              + " ones (repeatable).")
  List<String> watch = List.of();

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "15m",
      converter = IntervalConverter.class,
      description = "How often watched repositories are polled (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST:PORT",
      description = "Talk plain HTTP to this registry, such as a test registry (repeatable).")
  Set<String> insecureRegistries = Set.of();

  @Mixin RegistryTimeoutOptions registryTimeouts;

  @Option(
      names = "--admission",
      description = {
        "Serve the validating admission webhook on POST /admission (AdmissionReview v1; needs",
        "--tls-cert). Its rules are the policy file's admission: section (docs/admission.md)."
      })
  boolean admission;

  @Option(
      names = "--admission-anonymous",
      description =
          "Judge reviews that carry no token; by default the API server sends a 'submit' token.")
  boolean admissionAnonymous;

  @Option(
      names = "--admission-cluster",
      paramLabel = "NAME",
      description = {
        "The cluster whose namespaces' pod-security labels the webhook reads (default: the",
        "--in-cluster one, else the only --cluster). Without one, the configured level applies."
      })
  String admissionCluster;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new UsageException("--listen: HOST:PORT, e.g. 127.0.0.1:8480 or 0.0.0.0:8480");
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UsageException("--listen: the port is not a number: " + listen);
    }
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new UsageException("--tls-cert and --tls-key go together");
    }
    if (tlsClientCa != null && tlsCertificate == null) {
      throw new UsageException("--tls-client-ca needs --tls-cert and --tls-key");
    }
    TlsFiles tls =
        tlsCertificate == null
            ? null
            : new TlsFiles(tlsCertificate, tlsKey, Optional.ofNullable(tlsClientCa));
    PolicyFiles.Resolved policies = PolicyFiles.resolve(policy);
    Policy resolved = policies.file() != null ? policies.file() : Policy.empty();
    ClusterWatch clusters = clusterWatch();
    ServerSettings settings =
        new ServerSettings(
            listen.substring(0, colon),
            port,
            storeOptions.location(),
            database != null ? database : VulnerabilityDatabase.defaultLocation(),
            resolved,
            anonymousReads,
            ServerSettings.DEFAULT_MAX_REQUEST_BYTES,
            tls,
            BackgroundSettings.defaults()
                .withClusters(clusters)
                .withNotifications(notifications())
                .withRescans(rescanSettings())
                .withFeeds(feeds()),
            admission(resolved, policies.baseImages(), tls, clusters));
    PortcullisServer server;
    try {
      server = PortcullisServer.start(settings, Clock.systemUTC(), err);
    } catch (StoreException e) {
      throw new UsageException(e.getMessage());
    }
    // On SIGTERM or Ctrl-C the JVM runs its hooks and then halts: the server closes (the pool and
    // the store with it) inside the hook, so that nothing is cut off half-way.
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  closed.countDown();
                }));
    out.println(
        "portcullis serve: listening on "
            + (tls == null ? "http" : "https")
            + "://"
            + settings.host()
            + ":"
            + server.port()
            + " (store: "
            + settings.store()
            + ")");
    out.flush();
    closed.await();
    return 0;
  }

  /** The webhook's settings, or null without {@code --admission}. */
  private AdmissionConfig admission(
      Policy resolved, BaseImagePolicy tiers, TlsFiles tls, ClusterWatch clusters) {
    if (!admission) {
      if (admissionAnonymous || admissionCluster != null) {
        throw new UsageException("--admission-anonymous and --admission-cluster need --admission");
      }
      return null;
    }
    if (tls == null) {
      throw new UsageException(
          "--admission needs --tls-cert and --tls-key: the API server calls webhooks over HTTPS"
              + " only");
    }
    ClusterSettings cluster = null;
    if (admissionCluster != null) {
      cluster =
          clusters.clusters().stream()
              .filter(c -> c.name().equals(admissionCluster))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--admission-cluster "
                              + admissionCluster
                              + ": no --cluster or --in-cluster has that name"));
    } else if (clusters.clusters().size() == 1) {
      cluster = clusters.clusters().get(0);
    } else if (clusters.clusters().size() > 1) {
      throw new UsageException(
          "--admission: several clusters are read; name the webhook's with --admission-cluster");
    }
    try {
      return new AdmissionConfig(resolved.admissionSettings(), tiers, admissionAnonymous, cluster);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--policy: " + e.getMessage());
    }
  }

  private ClusterWatch clusterWatch() {
    List<ClusterSettings> settings = new ArrayList<>();
    try {
      if (inCluster) {
        settings.add(ClusterSettings.inCluster("in-cluster", clusterNamespaces));
      }
      for (String cluster : clusters) {
        int hash = cluster.lastIndexOf('#');
        Path kubeconfig = Path.of(hash < 0 ? cluster : cluster.substring(0, hash));
        String context = hash < 0 ? null : cluster.substring(hash + 1);
        String file = String.valueOf(kubeconfig.getFileName());
        int dot = file.indexOf('.');
        String name = context != null ? context : dot > 0 ? file.substring(0, dot) : file;
        settings.add(new ClusterSettings(name, kubeconfig, context, clusterNamespaces));
      }
      if (settings.stream().map(ClusterSettings::name).distinct().count() < settings.size()) {
        throw new UsageException(
            "--cluster: two clusters have the same name; name them by context");
      }
      if (settings.isEmpty() && !clusterNamespaces.isEmpty()) {
        throw new UsageException("--cluster-namespace needs --cluster or --in-cluster");
      }
      return new ClusterWatch(settings, clusterInterval);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cluster: " + e.getMessage());
    }
  }

  private NotificationSettings notifications() {
    try {
      WebhookFormat format = WebhookFormat.parse(notifyFormat);
      String secret = System.getenv("PORTCULLIS_NOTIFY_SECRET");
      List<WebhookSettings> webhooks = new ArrayList<>();
      for (URI url : notify) {
        webhooks.add(
            WebhookSettings.of(url, format, secret == null || secret.isEmpty() ? null : secret));
      }
      return new NotificationSettings(webhooks, notifyDailyAt);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--notify: " + e.getMessage());
    }
  }

  private RescanSettings rescanSettings() {
    RescanSettings defaults = RescanSettings.defaults();
    if (!databaseMirrors.isEmpty() && databaseImportDirectory != null) {
      throw new UsageException("--db-mirror and --db-import-dir: choose one source of updates");
    }
    for (URI mirror : databaseMirrors) {
      if (!"http".equals(mirror.getScheme()) && !"https".equals(mirror.getScheme())) {
        throw new UsageException("--db-mirror: an http or https URL, not '" + mirror + "'");
      }
    }
    if (databaseImportDirectory != null && !Files.isDirectory(databaseImportDirectory)) {
      throw new UsageException("--db-import-dir: no directory at " + databaseImportDirectory);
    }
    DatabaseSource source =
        !databaseMirrors.isEmpty()
            ? new DatabaseSource.Mirrors(databaseMirrors)
            : databaseImportDirectory != null
                ? new DatabaseSource.ImportDirectory(databaseImportDirectory)
                : new DatabaseSource.None();
    if (source instanceof DatabaseSource.None && databaseUpdateInterval != null) {
      throw new UsageException("--db-update-interval needs --db-mirror or --db-import-dir");
    }
    return new RescanSettings(
        rescanInterval != null ? rescanInterval : defaults.interval(),
        databaseUpdateInterval != null ? databaseUpdateInterval : defaults.databaseUpdateInterval(),
        source);
  }

  /** The webhook secret, watched repositories and registries; the layer cache in the data dir. */
  private FeedSettings feeds() {
    String value = webhookSecret();
    try {
      Optional<WebhookSecret> secret =
          value == null || value.isEmpty()
              ? Optional.empty()
              : Optional.of(new WebhookSecret(WebhookSecret.DISTRIBUTION_HEADER, value));
      List<WatchedRepository> watched = new ArrayList<>();
      for (String text : watch) {
        watched.add(WatchedRepository.parse(text));
      }
      return FeedSettings.defaults()
          .withSecret(secret)
          .withPolling(watched, pollInterval)
          .withRegistries(insecureRegistries, storeOptions.dataDirectory.resolve("layer-cache"))
          .withRegistryTimeouts(registryTimeouts.timeouts());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The push webhooks' secret: from --webhook-secret-file, else the environment; or null. */
  private String webhookSecret() {
    String variable = webhookSecretEnv != null ? webhookSecretEnv : DEFAULT_SECRET_ENV;
    String value = System.getenv(variable);
    if (webhookSecretFile != null) {
      if (webhookSecretEnv != null) {
        throw new UsageException(
            "--webhook-secret-file and --webhook-secret-env: give the secret one way");
      }
      if (value != null && !value.isEmpty()) {
        throw new UsageException(
            "--webhook-secret-file and "
                + variable
                + " both give the webhook secret; unset "
                + variable
                + " or leave out --webhook-secret-file");
      }
      return SecretFile.read("--webhook-secret-file", webhookSecretFile);
    }
    if (webhookSecretEnv != null && (value == null || value.isEmpty())) {
      throw new UsageException("--webhook-secret-env: the variable " + variable + " is not set");
    }
    return value;
  }

  /** Where the store is: {@code --db-url}, else {@code --data-dir}. */
  static final class StoreOptions {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        defaultValue = "portcullis-data",
        description =
            "The embedded store's directory, and the layer cache's (default: ./${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(
        names = "--db-url",
        paramLabel = "JDBC-URL",
        description = {
          "A PostgreSQL store instead: jdbc:postgresql://HOST:PORT/DB; several servers may share it.",
          "The password comes from --db-password-file or PORTCULLIS_DB_PASSWORD, the user from",
          "--db-user or the URL."
        })
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "NAME", description = "The store's user.")
    String user;

    @Option(
        names = "--db-password-file",
        paramLabel = "FILE",
        description =
            "Read the store's password from this file (one trailing newline dropped), such as a"
                + " mounted Secret, rather than from PORTCULLIS_DB_PASSWORD.")
    Path passwordFile;

    private static final String PASSWORD_ENV = "PORTCULLIS_DB_PASSWORD";

    StoreLocation location() throws IOException {
      if (jdbcUrl == null) {
        if (passwordFile != null) {
          throw new UsageException("--db-password-file needs --db-url");
        }
        Files.createDirectories(dataDirectory);
        return StoreLocation.embedded(dataDirectory);
      }
      try {
        return new StoreLocation(jdbcUrl, user, password(System.getenv(PASSWORD_ENV)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }

    /** The password from the file or the environment's value, never from both. */
    String password(String fromEnvironment) {
      if (passwordFile == null) {
        return fromEnvironment;
      }
      if (fromEnvironment != null) {
        throw new UsageException(
            "--db-password-file and "
                + PASSWORD_ENV
                + " both give the store's password; unset "
                + PASSWORD_ENV
                + " or leave out --db-password-file");
      }
      return SecretFile.read("--db-password-file", passwordFile);
    }
  }

  /** {@code portcullis serve token create|revoke}. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = "API tokens: create one (shown once; only its hash is stored), or revoke one.")
  static final class Token {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token.")
    static final class Create implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Mixin StoreOptions storeOptions;

      @Option(
          names = "--name",
          required = true,
          paramLabel = "NAME",
          description = "The token's name, e.g. ci-payments.")
      String name;

      @Option(
          names = "--scope",
          required = true,
          split = ",",
          paramLabel = "SCOPE",
          description = "read, submit, admin (comma-separated).")
      Set<String> scopes;

      @Option(
          names = "--expires-in",
          paramLabel = "INTERVAL",
          converter = IntervalConverter.class,
          description =
              "Refuse the token after this long, e.g. 90d or 12h (default: valid until revoked).")
      Duration expiresIn;

      @Override
      public Integer call() throws IOException {
        Set<Scope> parsed = EnumSet.noneOf(Scope.class);
        try {
          scopes.forEach(s -> parsed.add(Scope.parse(s)));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--scope: " + e.getMessage());
        }
        try (Store store = Store.open(storeOptions.location(), 1)) {
          Clock clock = Clock.systemUTC();
          Instant expiresAt = expiresIn == null ? null : clock.instant().plus(expiresIn);
          String token = new ApiTokens(store, clock).create(name, parsed, expiresAt);
          spec.commandLine().getOut().println(token);
        } catch (StoreException | IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
        return 0;
      }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token.")
    static final class Revoke implements Callable<Integer> {
      @Mixin StoreOptions storeOptions;

      @Option(
          names = "--name",
          required = true,
          paramLabel = "NAME",
          description = "The token's name.")
      String name;

      @Override
      public Integer call() throws IOException {
        try (Store store = Store.open(storeOptions.location(), 1)) {
          if (!new ApiTokens(store, Clock.systemUTC()).revoke(name)) {
            throw new UsageException("no active token is named '" + name + "'");
          }
        } catch (StoreException e) {
          throw new UsageException(e.getMessage());
        }
        return 0;
      }
    }
  }
}
