package dev.portcullis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.JavaBaseImage;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.WrittenOsv;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Portcullis' own image, built as it ships (the pom's {@code image} profile: Jib, no Docker engine)
 * on a local stand-in for its distroless base (a Debian 12 Java 17 runtime made by mmdebstrap and
 * umoci, pushed to a real registry), then judged by Portcullis itself: the gate, signing, the image
 * config and the Dockerfile rules that apply to it.
 *
 * <p>Time on 2 shared cores: the base image 2 min 40 s the first time (kept under target/), then
 * about 31 s for the class: running the server from the image 11 s, the Jib build about 11 s (an
 * embedded {@code ./mvnw}; 31 s the first time, when Maven fetches Jib's own dependencies from
 * Maven Central), sbom and the gate with signing 6–7 s each on the 130 MB image, the rest under a
 * second.
 */
class PortcullisImageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static String baseName;
  private static String baseDigest;
  private static String image;
  private static Duration jibBuild;

  @BeforeAll
  static void buildTheImage() throws Exception {
    registry = LocalRegistry.start(dir.resolve("registry"), null);
    registry.push("oci:" + JavaBaseImage.ociLayout() + ":java17", "base/java17:17", null);
    baseName = registry.host() + "/base/java17:17";
    baseDigest =
        new RepositoryQueries(new RegistryClient(ImageReference.parse(baseName), true, null))
            .manifestDigest("17")
            .toString();
    Path digestFile = dir.resolve("jib-image.digest");
    long started = System.nanoTime();
    mavenJibBuild(
        "-Dportcullis.image.base.name=" + baseName,
        "-Dportcullis.image.base.digest=" + baseDigest,
        "-Dportcullis.image=" + registry.host() + "/portcullis/portcullis:test",
        "-Djib.allowInsecureRegistries=true",
        "-Djib.disableUpdateChecks=true",
        "-Djib.outputPaths.digest=" + digestFile);
    jibBuild = Duration.ofNanos(System.nanoTime() - started);
    image = registry.host() + "/portcullis/portcullis@" + Files.readString(digestFile).strip();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    registry.close();
  }

  /**
   * {@code ./mvnw -Pimage jib:build} in a JVM of its own, on the classes this run compiled. Maven
   * runs online so that Jib's dependencies can be fetched the first time; after that it finds them
   * all in the local repository.
   */
  private static void mavenJibBuild(String... properties) throws Exception {
    List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-Pimage", "jib:build"));
    command.addAll(List.of(properties));
    Path log = dir.resolve("jib.log");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("jib:build took more than 10 minutes: " + Files.readString(log));
    }
    assertThat(process.exitValue()).as(Files.readString(log)).isZero();
  }

  private static JsonNode imageConfig() throws Exception {
    Process process =
        new ProcessBuilder(
                "skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + image)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    JsonNode config = JSON.readTree(process.getInputStream());
    assertThat(process.waitFor()).isZero();
    return config.path("config");
  }

  @Test
  void theImageRunsTheCliAsANonRootUserWithItsWritablePathsOnVolumes() throws Exception {
    JsonNode config = imageConfig();

    assertThat(jibBuild).isLessThan(Duration.ofMinutes(5));
    assertThat(config.path("User").asText()).isEqualTo("65532:65532");
    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint).startsWith("java").endsWith("dev.portcullis.cli.Main");
    assertThat(fieldNames(config.path("Volumes"))).containsExactly("/tmp", "/var/lib/portcullis");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/var/lib/portcullis");
    assertThat(config.path("Env").toString()).contains("XDG_CACHE_HOME=/var/lib/portcullis/cache");
    JsonNode labels = config.path("Labels");
    assertThat(labels.path("org.opencontainers.image.base.name").asText()).isEqualTo(baseName);
    assertThat(labels.path("org.opencontainers.image.base.digest").asText()).isEqualTo(baseDigest);
    assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("Portcullis");
    assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
  }

  /**
   * The image as the Deployment runs it: root filesystem read-only, the data volume and a tmpfs on
   * /tmp, its own user, entrypoint and environment (scripts/run-image-read-only.sh, on the bundle
   * umoci makes of the pushed image). The server starts, answers its liveness probe and keeps its
   * store in the volume, owned by the image's user.
   */
  @Test
  void theServerRunsFromTheImageOnAReadOnlyRootAsItsUser() throws Exception {
    Path layout = dir.resolve("pulled");
    Path bundle = dir.resolve("bundle");
    Path data = Files.createDirectories(dir.resolve("volume"));
    run(
        "skopeo",
        "--insecure-policy",
        "copy",
        "-q",
        "--src-tls-verify=false",
        "docker://" + image,
        "oci:" + layout + ":img");
    run("umoci", "unpack", "--image", layout + ":img", bundle.toString());
    run("chown", "65532:65532", data.toString());
    int port = LocalRegistry.freePort();
    Path log = dir.resolve("container.log");
    Process container =
        new ProcessBuilder(
                "bash",
                "scripts/run-image-read-only.sh",
                bundle.toString(),
                data.toString(),
                "serve",
                "--listen",
                "127.0.0.1:" + port)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpResponse<String> live = awaitLive(port, container, log);

      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).contains("\"live\"");
      Path store = data.resolve("portcullis-data/portcullis.mv.db");
      assertThat(store).exists();
      assertThat(Files.getAttribute(store, "unix:uid")).isEqualTo(65532);
    } finally {
      // The JVM inside ends on SIGTERM (its shutdown hook closes the store); unshare follows it.
      container.descendants().forEach(ProcessHandle::destroy);
      if (!container.waitFor(30, TimeUnit.SECONDS)) {
        container.descendants().forEach(ProcessHandle::destroyForcibly);
        container.destroyForcibly().waitFor();
      }
      // Its absolute symbolic links (/usr/bin/java) would make JUnit's clean-up warn at length.
      run("rm", "-rf", bundle.toString());
    }
  }

  private static HttpResponse<String> awaitLive(int port, Process container, Path log)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!container.isAlive()) {
        throw new AssertionError("the container ended: " + Files.readString(log));
      }
      try {
        return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live")).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    throw new AssertionError("no answer within 90 s: " + Files.readString(log));
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  @Test
  void theImagePassesItsOwnGateAndIsSignedAndVerified() throws Exception {
    Path db = advisories(dir.resolve("gate"), "17.0.1+12-1");
    Path key = dir.resolve("signer");
    Cli.Result generated =
        Cli.run("key", "generate", "--no-password", "--output-key-prefix", key.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Path report = dir.resolve("report.json");

    Cli.Result scanned =
        Cli.run(
            "scan",
            "image",
            "registry:" + image,
            "--insecure-registry",
            "--db",
            db.toString(),
            "--cache-dir",
            dir.resolve("cache").toString(),
            "--scanners",
            "vuln,secret",
            "--severity",
            "CRITICAL,HIGH",
            "--ignore-unfixed",
            "--exit-code",
            "1",
            "--sign-key",
            key + ".key",
            "-f",
            "json",
            "-o",
            report.toString());
    Cli.Result verified =
        Cli.run("verify", "--key", key + ".pub", "registry:" + image, "--insecure-registry");

    assertThat(scanned.exitCode()).as(scanned.err()).isZero();
    JsonNode json = JSON.readTree(report.toFile());
    assertThat(json.path("findings")).isEmpty();
    assertThat(json.at("/gate/filteredOut").asInt()).isPositive();
    assertThat(json.path("secrets")).isEmpty();
    assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
  }

  @Test
  void theScannerSeesTheJreAndTheJarsJibLaidOut() throws Exception {
    Cli.Result sbom =
        Cli.run(
            "sbom",
            "image",
            "registry:" + image,
            "--insecure-registry",
            "--cache-dir",
            dir.resolve("cache").toString(),
            "-f",
            "json");

    assertThat(sbom.exitCode()).as(sbom.err()).isZero();
    List<String> packages = new ArrayList<>();
    JSON.readTree(sbom.out())
        .path("packages")
        .forEach(p -> packages.add(p.path("type").asText() + ":" + p.path("name").asText()));
    assertThat(packages)
        .contains(
            "deb:openjdk-17-jre-headless",
            "deb:libc6",
            "maven:com.fasterxml.jackson.core:jackson-databind");
  }

  @Test
  void theGateFailsTheSameImageWhenItsJreHasAFixItLacks() throws Exception {
    Path db = advisories(dir.resolve("failing"), "99:17");

    Cli.Result scanned =
        Cli.run(
            "scan",
            "image",
            "registry:" + image,
            "--insecure-registry",
            "--db",
            db.toString(),
            "--cache-dir",
            dir.resolve("cache").toString(),
            "--severity",
            "CRITICAL,HIGH",
            "--ignore-unfixed",
            "--exit-code",
            "1");

    assertThat(scanned.exitCode()).as(scanned.err()).isEqualTo(1);
    assertThat(scanned.out()).contains("PORTCULLIS-TEST-JRE");
  }

  /**
   * The rules of {@code lint dockerfile} over the Dockerfile that the image config amounts to (FROM
   * the pom's default base, LABEL, ENV, WORKDIR, VOLUME, EXPOSE, USER, ENTRYPOINT): Jib writes no
   * Dockerfile, but its config is what those rules judge.
   */
  @Test
  void theDockerfileRulesFindNothingInTheImageConfigButTheMissingHealthcheck() throws Exception {
    JsonNode config = imageConfig();
    Path dockerfile = dir.resolve("equivalent/Dockerfile");
    Files.createDirectories(dockerfile.getParent());
    Files.writeString(dockerfile, equivalentDockerfile(config, pomBase()));

    Cli.Result linted = Cli.run("lint", "dockerfile", dockerfile.toString(), "-f", "json");

    assertThat(linted.exitCode()).as(linted.err()).isZero();
    List<String> rules = new ArrayList<>();
    JSON.readTree(linted.out()).path("findings").forEach(f -> rules.add(f.path("ruleId").asText()));
    // Jib's Maven plugin cannot write a HEALTHCHECK; Kubernetes ignores one and probes
    // /health/live and /health/ready instead (deploy/kubernetes/deployment.yaml).
    assertThat(rules).as(linted.out()).containsExactly("PC-DF-110");
  }

  private static String equivalentDockerfile(JsonNode config, String base) throws IOException {
    StringBuilder text = new StringBuilder("FROM " + base + "\n");
    config
        .path("Labels")
        .fields()
        .forEachRemaining(
            l ->
                text.append("LABEL ")
                    .append(l.getKey())
                    .append('=')
                    .append(l.getValue())
                    .append('\n'));
    config.path("Env").forEach(e -> text.append("ENV ").append(e.asText()).append('\n'));
    text.append("WORKDIR ").append(config.path("WorkingDir").asText()).append('\n');
    text.append("VOLUME ")
        .append(JSON.writeValueAsString(fieldNames(config.path("Volumes"))))
        .append('\n');
    fieldNames(config.path("ExposedPorts"))
        .forEach(p -> text.append("EXPOSE ").append(p).append('\n'));
    text.append("USER ").append(config.path("User").asText()).append('\n');
    text.append("ENTRYPOINT ").append(config.path("Entrypoint")).append('\n');
    return text.toString();
  }

  /** The base image the pom names by default: {@code portcullis.image.base.name@…digest}. */
  private static String pomBase() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    return property(pom, "portcullis.image.base.name")
        + "@"
        + property(pom, "portcullis.image.base.digest");
  }

  private static String property(String pom, String name) {
    Matcher matcher =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
            .matcher(pom);
    assertThat(matcher.find()).as(name + " in pom.xml").isTrue();
    return matcher.group(1);
  }

  /** The database of {@link JreAdvisories}, the JRE's advisory fixed in {@code jreFixedIn}. */
  private static Path advisories(Path at, String jreFixedIn) throws IOException {
    JreAdvisories.write(at, jreFixedIn);
    return WrittenOsv.database(at);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
      names.add(i.next());
    }
    return names.stream().sorted().toList();
  }
}
