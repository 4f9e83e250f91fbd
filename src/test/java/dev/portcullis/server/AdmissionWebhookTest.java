package dev.portcullis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.portcullis.access.Scope;
import dev.portcullis.admission.AdmissionConfig;
import dev.portcullis.cluster.ClusterSettings;
import dev.portcullis.cluster.PagingCrudServer;
import dev.portcullis.feed.FeedSettings;
import dev.portcullis.policy.Policy;
import dev.portcullis.policy.PolicyLoader;
import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.store.StoreLocation;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.SharedPsaFixtures;
import dev.portcullis.testing.StallingRegistry;
import dev.portcullis.testing.StoreBackend;
import dev.portcullis.testing.TestImages;
import dev.portcullis.testing.WrittenOsv;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validating admission webhook end to end: AdmissionReview JSON as the API server sends it
 * (fixtures under src/test/resources/admission), a real registry (Debian's docker-registry) holding
 * the Debian test image, the server's own scan of an image it has never seen, a mock cluster's
 * namespaces for their Pod Security labels; each response checked field by field.
 */
class AdmissionWebhookTest {

  private static final String ADVISORY = "DEBIAN-CVE-2099-7101";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path database;
  private static LocalRegistry registry;
  private static String image;
  private static String other;

  @TempDir Path directory;
  private final StringWriter log = new StringWriter();

  /** A CRITICAL advisory for the test image's less, and the image in a registry twice. */
  @BeforeAll
  static void setUp() throws Exception {
    ObjectNode record = WrittenOsv.debian12(ADVISORY, "less");
    WrittenOsv.rangeFrom(record, "0");
    record
        .putArray("severity")
        .addObject()
        .put("type", "CVSS_V3")
        .put("score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    WrittenOsv.write(shared, record);
    database = WrittenOsv.database(shared);
    registry = LocalRegistry.start(shared.resolve("registry"), null);
    String layout = "oci:" + TestImages.ociLayout() + ":debian";
    registry.push(layout, "team/app:1.0", null);
    // The same image as a Docker v2 manifest: another digest, which the store has never seen.
    registry.push(layout, "team/other:1.0", null, "--format=v2s2");
    image = registry.host() + "/team/app:1.0";
    other = registry.host() + "/team/other:1.0";
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  // --- the store's verdict, exceptions, dry runs

  @Test
  void anImageWithAnOpenCriticalIsDeniedUntilAnExceptionCoversIt() throws Exception {
    try (PortcullisServer server = start(StoreBackend.H2, "", null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      String admin = server.tokens().create("security-lead", Set.of(Scope.ADMIN));

      // never seen: scanned within the budget, then judged
      JsonNode denied = review(server, hook, "pod-create.json", image, r -> {});

      JsonNode response = denied.path("response");
      assertThat(denied.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
      assertThat(denied.path("kind").asText()).isEqualTo("AdmissionReview");
      assertThat(response.path("uid").asText()).isEqualTo("3c2f6d8e-1b7a-4f0e-9d2c-5a6b7c8d9e0f");
      assertThat(response.path("allowed").asBoolean()).isFalse();
      assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(response.path("status").path("message").asText())
          .contains("image " + image + " (container web)")
          .contains("@sha256:")
          .contains("has 1 CRITICAL open finding with no exception")
          .contains(ADVISORY + " (less ");
      assertThat(log.toString()).contains(": pulled").contains("admission: denied Pod team/web");

      // the Deployment and the CronJob: the stored scan decides; nothing is pulled again
      for (String fixture : List.of("deployment-create.json", "cronjob-create.json")) {
        JsonNode again = review(server, hook, fixture, image, r -> {});
        assertThat(again.path("response").path("allowed").asBoolean()).as(fixture).isFalse();
        assertThat(again.path("response").path("status").path("message").asText())
            .contains(ADVISORY);
      }
      assertThat(log.toString().split(": pulled", -1)).hasSize(2);
      String reader = server.tokens().create("reader", Set.of(Scope.READ));
      String imagePage = imagePage(server, reader, "/ui/images/" + pulled("team/app:1.0"));
      assertThat(imagePage)
          .contains("class=\"sig-not-required\"")
          .contains("<dt>base image</dt><dd id=\"image-base\">")
          .contains("data-sort=\"7\">origin</button>")
          // mmdebstrap's image has no history to tell its base by
          .contains("<dd id=\"image-base\">unknown: the history shows no base image")
          .contains("class=\"origin origin-unknown\"");
      assertThat(TestServers.scrape(server))
          .contains("portcullis_admission_reviews_total{result=\"denied\",unjudged=\"false\"} 3.0")
          .contains("portcullis_admission_review_seconds_count 3");

      HttpResponse<String> excepted =
          TestServers.send(
              server,
              "POST",
              "/api/v1/exceptions",
              admin,
              ("{\"vulnerabilityId\": \""
                      + ADVISORY
                      + "\", \"owner\": \"platform\","
                      + " \"reason\": \"less is not run\", \"expires\": \""
                      + LocalDate.now(ZoneOffset.UTC).plusDays(90)
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8),
              "Content-Type",
              "application/json");
      assertThat(excepted.statusCode()).as(excepted.body()).isEqualTo(201);

      JsonNode allowed = review(server, hook, "deployment-create.json", image, r -> {});
      assertThat(allowed.path("response").path("allowed").asBoolean()).isTrue();
      assertThat(allowed.path("response").has("status")).isFalse();
      assertThat(allowed.path("response").path("uid").asText())
          .isEqualTo("9a1d3e5f-7b2c-4d6e-8f0a-1b2c3d4e5f60");
    }
  }

  @Test
  void anUpdateThatLeavesThePodSpecAloneIsAllowedAndTheDocsScaleExampleToo() throws Exception {
    try (PortcullisServer server = start(StoreBackend.H2, "", null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      review(server, hook, "pod-create.json", image, r -> {});

      JsonNode scaled =
          review(
              server,
              hook,
              "deployment-create.json",
              image,
              r -> {
                ObjectNode request = (ObjectNode) r.path("request");
                request.put("operation", "UPDATE");
                ObjectNode old = request.path("object").deepCopy();
                ((ObjectNode) old.path("spec")).put("replicas", 1);
                request.set("oldObject", old);
              });
      assertThat(scaled.path("response").path("allowed").asBoolean()).isTrue();

      JsonNode docs = post(server, hook, resource("docs-scale-update.json"));
      assertThat(docs.path("response").path("uid").asText())
          .isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
      assertThat(docs.path("response").path("allowed").asBoolean()).isTrue();
    }
  }

  @Test
  void aDryRunIsAnsweredAndLeavesNoState() throws Exception {
    try (PortcullisServer server = start(StoreBackend.H2, "", null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      String reader = server.tokens().create("reader", Set.of(Scope.READ));

      JsonNode dry =
          review(
              server,
              hook,
              "pod-create.json",
              other,
              r -> ((ObjectNode) r.path("request")).put("dryRun", true));

      assertThat(dry.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(dry.path("response").path("status").path("message").asText())
          .contains("was never scanned, and a dry run does not scan")
          .contains("failure-policy Fail");
      assertThat(
              JSON.readTree(
                      TestServers.send(server, "GET", "/api/v1/repositories", reader, null).body())
                  .path("repositories"))
          .isEmpty();
      assertThat(log.toString()).doesNotContain(": pulled");

      JsonNode real = review(server, hook, "pod-create.json", other, r -> {});
      assertThat(real.path("response").path("status").path("message").asText()).contains(ADVISORY);
      assertThat(log.toString()).contains(": pulled");
    }
  }

  @Test
  void everyKindWithAPodTemplateIsJudged() throws Exception {
    try (PortcullisServer server =
        start(StoreBackend.H2, "admission:\n  deny-severities: []\n", null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      for (String kind :
          List.of("StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController")) {
        JsonNode answer =
            review(
                server,
                hook,
                "deployment-create.json",
                image,
                r -> {
                  ObjectNode request = (ObjectNode) r.path("request");
                  ((ObjectNode) request.path("kind")).put("kind", kind);
                  ObjectNode object = (ObjectNode) request.path("object");
                  object.put("kind", kind);
                  ((ObjectNode)
                          object
                              .path("spec")
                              .path("template")
                              .path("spec")
                              .path("containers")
                              .get(0)
                              .path("securityContext"))
                      .put("privileged", true);
                });
        assertThat(answer.path("response").path("allowed").asBoolean()).as(kind).isFalse();
        assertThat(answer.path("response").path("status").path("message").asText())
            .as(kind)
            .startsWith("violates PodSecurity \"baseline:")
            .contains(
                "privileged (container \"api\" must not set securityContext.privileged=true)");
      }
    }
  }

  @Test
  void anUnknownImageIsAllowedOrDeniedWithoutAScanWhereThePolicySaysSo() throws Exception {
    String rules =
        """
        admission:
          unknown-images: deny
          namespaces:
            lenient:
              unknown-images: allow
        """;
    try (PortcullisServer server = start(StoreBackend.H2, rules, null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));

      JsonNode denied = review(server, hook, "deployment-create.json", other, r -> {});
      JsonNode allowed =
          review(server, hook, "deployment-create.json", other, inNamespace("lenient"));

      assertThat(denied.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(denied.path("response").path("status").path("message").asText())
          .contains("was never scanned, and unknown images are denied");
      assertThat(allowed.path("response").path("allowed").asBoolean()).isTrue();
      assertThat(allowed.path("response").path("warnings").get(0).asText())
          .contains("was never scanned; allowed by policy");
      assertThat(log.toString()).doesNotContain(": pulled");
    }
  }

  // --- every reason, and warnings

  @Test
  void everyReasonIsNamedAndAuditOnlyRulesAreWarnings() throws Exception {
    String tiers =
        """
        base-images:
          restricted:
            images: ["127.0.0.1:*/team/app"]
            reason: "the team's own base, to be replaced"
          forbidden:
            images: ["127.0.0.1:*/team/other"]
            reason: "end of life"
        """;
    try (PortcullisServer server = start(StoreBackend.H2, tiers, null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      JsonNode both =
          review(
              server,
              hook,
              "pod-create.json",
              image,
              r -> {
                ObjectNode container =
                    (ObjectNode)
                        r.path("request").path("object").path("spec").path("containers").get(0);
                container.putObject("securityContext").put("privileged", true);
                ObjectNode second = container.deepCopy();
                second.put("name", "sidecar").put("image", other);
                ((com.fasterxml.jackson.databind.node.ArrayNode)
                        r.path("request").path("object").path("spec").path("containers"))
                    .add(second);
              });

      String message = both.path("response").path("status").path("message").asText();
      assertThat(both.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(message)
          .contains("violates PodSecurity \"baseline:")
          .contains(
              "privileged (containers \"web\", \"sidecar\" must not set securityContext.privileged=true)")
          .contains(
              "image " + other + " (container sidecar) is a forbidden base image: end of life")
          .contains("image " + image + " (container web)")
          .contains(ADVISORY);
      assertThat(both.path("response").path("warnings").toString())
          .contains("is a restricted base image: the team's own base, to be replaced");
    }
  }

  // --- signatures

  @Test
  void aSignedImageIsNeededWhereTheRulesSaySo() throws Exception {
    Path prefix = directory.resolve("signer");
    Cli.Result generated =
        Cli.run("key", "generate", "--no-password", "--output-key-prefix", prefix.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Path publicKey = directory.resolve("signer.pub");
    String rules =
        """
        admission:
          signatures:
            - images: ["127.0.0.1:*/team/**"]
              keys: ["%s"]
          namespaces:
            team:
              deny-severities: []
        """
            .formatted(publicKey);
    try (PortcullisServer server = start(StoreBackend.H2, rules, null)) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      String signedRepository = registry.host() + "/team/signed:1.0";
      registry.push("oci:" + TestImages.ociLayout() + ":debian", "team/signed:1.0", null);

      JsonNode unsigned = review(server, hook, "deployment-create.json", signedRepository, r -> {});
      assertThat(unsigned.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(unsigned.path("response").path("status").path("message").asText())
          .contains("must be signed by " + publicKey + ": no cosign signature");

      String reader = server.tokens().create("reader", Set.of(Scope.READ));
      String page = "/ui/images/" + pulled("team/signed:1.0");
      assertThat(imagePage(server, reader, page))
          .contains("class=\"sig-unsigned\"")
          .contains(
              "NOT signed as the policy requires (by " + publicKey + "): no cosign signature");

      Cli.Result signed =
          Cli.run(
              "sign",
              "--key",
              directory.resolve("signer.key").toString(),
              "registry:" + signedRepository,
              "--insecure-registry");
      assertThat(signed.exitCode()).as(signed.err()).isZero();

      JsonNode allowed = review(server, hook, "deployment-create.json", signedRepository, r -> {});
      assertThat(allowed.path("response").path("allowed").asBoolean())
          .as(allowed.toString())
          .isTrue();
      assertThat(imagePage(server, reader, page))
          .contains("class=\"sig-signed\"")
          .contains("signed: a valid cosign signature by " + publicKey);
    }
  }

  // --- namespaces' Pod Security labels

  @Test
  void theNamespacesPodSecurityLabelsSetTheLevelAndTheirWarnLevelWarns() throws Exception {
    KubernetesMockServer cluster = new PagingCrudServer().start();
    try {
      try (KubernetesClient client = cluster.createClient()) {
        namespace(client, "locked", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
        namespace(
            client,
            "watched",
            Map.of(
                "pod-security.kubernetes.io/enforce", "baseline",
                "pod-security.kubernetes.io/warn", "restricted"));
      }
      String rules =
          """
          admission:
            deny-severities: []
          """;
      try (PortcullisServer server =
          start(StoreBackend.H2, rules, clusterSettings(cluster, "test"))) {
        String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
        JsonNode locked = review(server, hook, "pod-create.json", image, inNamespace("locked"));
        assertThat(locked.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(locked.path("response").path("status").path("message").asText())
            .startsWith("violates PodSecurity \"restricted:v1.")
            .contains("runAsNonRoot != true");

        JsonNode watched = review(server, hook, "pod-create.json", image, inNamespace("watched"));
        assertThat(watched.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(watched.path("response").path("warnings").get(0).asText())
            .startsWith("warn: violates PodSecurity \"restricted:v1.");

        // a restricted pod passes the restricted namespace
        JsonNode hardened =
            review(server, hook, "deployment-create.json", image, inNamespace("locked"));
        assertThat(hardened.path("response").path("allowed").asBoolean())
            .as(hardened.toString())
            .isTrue();
      }
    } finally {
      cluster.destroy();
    }
  }

  /**
   * Kubernetes' own Pod Security Admission fixtures of the newest version, each in a namespace
   * labelled with its level and version: every pass fixture is allowed, every fail fixture denied.
   */
  @Test
  void kubernetesPodSecurityFixturesAreJudgedAsPodSecurityAdmissionJudgesThem() throws Exception {
    assumeTrue(Files.isDirectory(SharedPsaFixtures.DIRECTORY), "no ../shared/testdata");
    List<SharedPsaFixtures.Fixture> fixtures = SharedPsaFixtures.all();
    String newest =
        fixtures.stream()
            .map(SharedPsaFixtures.Fixture::version)
            .max(Comparator.comparingInt(v -> Integer.parseInt(v.substring(3))))
            .orElseThrow();
    KubernetesMockServer cluster = new PagingCrudServer().start();
    try {
      try (KubernetesClient client = cluster.createClient()) {
        for (String level : List.of("baseline", "restricted")) {
          namespace(
              client,
              "psa-" + level,
              Map.of(
                  "pod-security.kubernetes.io/enforce", level,
                  "pod-security.kubernetes.io/enforce-version", newest));
        }
      }
      String rules =
          """
          admission:
            deny-severities: []
          """;
      YAMLMapper yaml = new YAMLMapper();
      int judged = 0;
      try (PortcullisServer server =
          start(StoreBackend.H2, rules, clusterSettings(cluster, "test"))) {
        String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
        for (SharedPsaFixtures.Fixture fixture : fixtures) {
          if (!fixture.version().equals(newest)) {
            continue;
          }
          String pod =
              Files.readString(fixture.file())
                  .replace("registry.k8s.io/pause", image)
                  .replace("image: test", "image: " + image);
          JsonNode object = yaml.readTree(pod);
          JsonNode answer =
              review(
                  server,
                  hook,
                  "pod-create.json",
                  image,
                  r -> {
                    ObjectNode request = (ObjectNode) r.path("request");
                    request.put("namespace", "psa-" + fixture.level());
                    request.set("object", object);
                  });
          assertThat(answer.path("response").path("allowed").asBoolean())
              .as(fixture + ": " + answer)
              .isEqualTo(fixture.pass());
          if (!fixture.pass()) {
            assertThat(answer.path("response").path("status").path("message").asText())
                .startsWith("violates PodSecurity \"" + fixture.level() + ":" + newest + "\"");
          }
          judged++;
        }
      }
      assertThat(judged).isGreaterThan(50);
    } finally {
      cluster.destroy();
    }
  }

  // --- what cannot be judged

  @Test
  void malformedReviewsAndUnknownKindsFollowTheFailurePolicyAndSayWhy() throws Exception {
    for (String policy : List.of("Fail", "Ignore")) {
      String rules = "admission:\n  failure-policy: " + policy + "\n";
      try (PortcullisServer server = start(StoreBackend.H2, rules, null)) {
        String hook = server.tokens().create("kube-apiserver-" + policy, Set.of(Scope.SUBMIT));
        boolean allowed = policy.equals("Ignore");
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("not json {", "the body is not JSON");
        bodies.put(
            "{\"apiVersion\": \"admission.k8s.io/v1beta1\", \"kind\": \"AdmissionReview\","
                + " \"request\": {\"uid\": \"u-1\"}}",
            "apiVersion 'admission.k8s.io/v1beta1' is not admission.k8s.io/v1");
        bodies.put(
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\","
                + " \"request\": {\"operation\": \"CREATE\"}}",
            "request.uid is missing");
        bodies.put(
            "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\","
                + " \"request\": {\"uid\": \"u-2\", \"kind\": {\"kind\": \"Pod\"},"
                + " \"operation\": \"CREATE\", \"object\": [1, 2]}}",
            "request.object is not an object");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
          JsonNode answer = post(server, hook, body.getValue().isEmpty() ? null : body.getKey());
          assertThat(answer.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
          JsonNode response = answer.path("response");
          assertThat(response.path("allowed").asBoolean()).as(body.getKey()).isEqualTo(allowed);
          String said =
              allowed
                  ? response.path("warnings").get(0).asText()
                  : response.path("status").path("message").asText();
          assertThat(said).contains("malformed review: " + body.getValue());
        }
        JsonNode uidKept =
            post(
                server,
                hook,
                "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\","
                    + " \"request\": {\"uid\": \"u-2\", \"kind\": {\"kind\": \"Pod\"},"
                    + " \"operation\": \"CREATE\", \"object\": [1, 2]}}");
        assertThat(uidKept.path("response").path("uid").asText()).isEqualTo("u-2");

        JsonNode configMap =
            review(
                server,
                hook,
                "pod-create.json",
                image,
                r -> {
                  ObjectNode request = (ObjectNode) r.path("request");
                  ((ObjectNode) request.path("kind")).put("kind", "ConfigMap");
                  request.set(
                      "object",
                      JSON.createObjectNode().put("kind", "ConfigMap").put("apiVersion", "v1"));
                });
        assertThat(configMap.path("response").path("allowed").asBoolean()).isEqualTo(allowed);
        assertThat(configMap.toString())
            .contains("ConfigMap is not a kind Portcullis judges")
            .contains("check the webhook's rules");
      }
    }
  }

  @Test
  void aRegistryThatIsDownFollowsTheFailurePolicyOfTheNamespace() throws Exception {
    String closed = "127.0.0.1:" + LocalRegistry.freePort();
    String rules =
        """
        admission:
          namespaces:
            lenient:
              failure-policy: Ignore
        """;
    try (PortcullisServer server =
        start(
            StoreBackend.H2, rules, null, Set.of(registry.host(), closed), Duration.ofSeconds(1))) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      String gone = closed + "/team/app:1.0";

      JsonNode strict = review(server, hook, "deployment-create.json", gone, r -> {});
      assertThat(strict.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(strict.path("response").path("status").path("message").asText())
          .contains("not judged (failure-policy Fail): image " + gone)
          .contains("registry " + closed + " unreachable");

      JsonNode lenient =
          review(server, hook, "deployment-create.json", gone, inNamespace("lenient"));
      assertThat(lenient.path("response").path("allowed").asBoolean()).isTrue();
      assertThat(lenient.path("response").path("warnings").get(0).asText())
          .contains("allowed unjudged (failure-policy Ignore): image " + gone);
    }
  }

  @Test
  void theAnswerComesWithinTheBudgetWhenARegistryDoesNotAnswer() throws Exception {
    String rules =
        """
        admission:
          timeout: 3s
          scan-budget: 1s
        """;
    try (StallingRegistry stalling = StallingRegistry.start()) {
      stalling.route("/v2/team/app/manifests/1", StallingRegistry.silent());
      try (PortcullisServer server =
          start(StoreBackend.H2, rules, null, Set.of(stalling.host()), Duration.ofSeconds(30))) {
        String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
        long started = System.nanoTime();
        JsonNode answer =
            review(
                server, hook, "deployment-create.json", stalling.host() + "/team/app:1", r -> {});
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(answer.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(answer.path("response").path("status").path("message").asText())
            .contains("not judged within 2000 ms (the webhook's timeout less 1 s)");
      }
    }
  }

  @Test
  void aStoreThatIsDownFollowsTheFailurePolicy() throws Exception {
    Path data = directory.resolve("postgres");
    int port = LocalRegistry.freePort();
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(true)
            .setPort(port)
            .start();
    StoreLocation location =
        new StoreLocation(postgres.getJdbcUrl("postgres", "postgres"), null, null);
    try (PortcullisServer server =
        start(location, "", null, Set.of(registry.host()), Duration.ofSeconds(5))) {
      String hook = server.tokens().create("kube-apiserver", Set.of(Scope.SUBMIT));
      assertThat(review(server, hook, "pod-create.json", image, r -> {}).toString())
          .contains(ADVISORY);

      postgres.close();

      JsonNode answer = review(server, hook, "deployment-create.json", image, r -> {});
      assertThat(answer.path("response").path("allowed").asBoolean()).isFalse();
      assertThat(answer.path("response").path("status").path("message").asText())
          .startsWith("not judged (failure-policy Fail): ")
          .contains("the store does not answer");
    } finally {
      postgres.close();
    }
  }

  @Test
  void aReviewWithoutATokenIsRefusedUnlessTheServerJudgesAnonymousOnes() throws Exception {
    try (PortcullisServer server = start(StoreBackend.H2, "", null)) {
      HttpResponse<String> refused =
          TestServers.send(
              server,
              "POST",
              "/admission",
              null,
              fixture("pod-create.json", image).toString().getBytes(StandardCharsets.UTF_8));
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(refused.body()).path("error").path("message").asText())
          .contains("'submit' scope");
    }
  }

  // --- helpers

  private PortcullisServer start(StoreBackend backend, String policy, ClusterSettings cluster)
      throws Exception {
    return start(
        backend.location(directory),
        policy,
        cluster,
        Set.of(registry.host()),
        Duration.ofSeconds(5));
  }

  private PortcullisServer start(
      StoreBackend backend,
      String policy,
      ClusterSettings cluster,
      Set<String> insecure,
      Duration registryTimeout)
      throws Exception {
    return start(backend.location(directory), policy, cluster, insecure, registryTimeout);
  }

  private PortcullisServer start(
      StoreLocation store,
      String policy,
      ClusterSettings cluster,
      Set<String> insecure,
      Duration registryTimeout)
      throws Exception {
    Path file =
        Files.writeString(directory.resolve("policy.yaml"), policy.isEmpty() ? "{}" : policy);
    PolicyLoader loader = new PolicyLoader();
    Policy written = loader.load(file);
    AdmissionConfig admission =
        new AdmissionConfig(
            written.admissionSettings(),
            written.baseImages() != null ? written.baseImages() : loader.loadDefault().baseImages(),
            false,
            cluster);
    FeedSettings feeds =
        FeedSettings.defaults()
            .withRegistries(insecure, directory.resolve("layer-cache"))
            .withRegistryTimeouts(
                new RegistryTimeouts(
                    registryTimeout,
                    registryTimeout,
                    RegistryTimeouts.DEFAULT_OPERATION,
                    RegistryTimeouts.DEFAULT_MIN_BYTES_PER_SECOND));
    return TestServers.startWithAdmission(
        store, database, feeds, admission, Clock.systemUTC(), log);
  }

  /** The digest the server's log says it pulled for a repository and tag. */
  private String pulled(String repositoryAndTag) {
    java.util.regex.Matcher pulled =
        java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(repositoryAndTag) + "@(sha256:[0-9a-f]{64}): pulled")
            .matcher(log.toString());
    assertThat(pulled.find()).as(log.toString()).isTrue();
    return pulled.group(1);
  }

  private static String imagePage(PortcullisServer server, String reader, String path)
      throws Exception {
    HttpResponse<String> page =
        TestServers.send(server, "GET", path, null, null, "Cookie", "portcullis_session=" + reader);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return page.body();
  }

  private static ClusterSettings clusterSettings(KubernetesMockServer cluster, String name)
      throws IOException {
    return PagingCrudServer.settings(
        cluster, name, Files.createTempFile(shared, name, ".kubeconfig"));
  }

  private static void namespace(KubernetesClient client, String name, Map<String, String> labels) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  private static Consumer<ObjectNode> inNamespace(String namespace) {
    return review -> {
      ObjectNode request = (ObjectNode) review.path("request");
      request.put("namespace", namespace);
      ((ObjectNode) request.path("object").path("metadata")).put("namespace", namespace);
    };
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AdmissionWebhookTest.class.getResourceAsStream("/admission/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ObjectNode fixture(String name, String image) throws IOException {
    return (ObjectNode) JSON.readTree(resource(name).replace("${IMAGE}", image));
  }

  private static JsonNode review(
      PortcullisServer server,
      String token,
      String fixture,
      String image,
      Consumer<ObjectNode> edit)
      throws Exception {
    ObjectNode review = fixture(fixture, image);
    edit.accept(review);
    return post(server, token, review.toString());
  }

  private static JsonNode post(PortcullisServer server, String token, String body)
      throws Exception {
    HttpResponse<String> response =
        TestServers.send(
            server,
            "POST",
            "/admission",
            token,
            body.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
