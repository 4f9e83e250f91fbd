package dev.portcullis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.registry.ImageReference;
import dev.portcullis.registry.RegistryClient;
import dev.portcullis.registry.RepositoryQueries;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.JavaBaseImage;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.ServeProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI templates in deploy/ci run as written: their {@code run:} and {@code script:} commands,
 * taken from the YAML, run with bash as the runner would, with the CI variables pointing at local
 * stand-ins: an image in a real registry, the jar (downloaded with curl, its SHA-256 checked), an
 * OSV mirror for {@code db update}, a cosign key pair and a Portcullis server. {@code uses:} steps
 * (GitHub's own actions) are not run; their inputs are checked.
 *
 * <p>Time on 2 shared cores: about 40 s for both templates, each a handful of JVM starts and two
 * scans of the 130 MB Java runtime image (built once per run by {@link JavaBaseImage}).
 */
class CiTemplatesTest {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");
  private static final String KEY_PASSWORD = "correct horse battery";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static HttpServer mirror;
  private static ServeProcess server;
  private static String token;
  private static Path jar;
  private static Path privateKey;
  private static Path publicKey;

  @BeforeAll
  static void standIns() throws Exception {
    registry = LocalRegistry.start(dir.resolve("registry"), null);
    for (String repository : List.of("github", "gitlab")) {
      registry.push(
          "oci:" + JavaBaseImage.ociLayout() + ":java17", "team/" + repository + ":1", null);
    }
    jar = launcherJar(dir.resolve("dist/portcullis.jar"));
    mirror = osvMirror(dir.resolve("osv"));
    Cli.Result generated =
        CliProcess.run(
            Map.of("PORTCULLIS_KEY_PASSWORD", KEY_PASSWORD),
            "key",
            "generate",
            "--output-key-prefix",
            dir.resolve("cosign").toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    privateKey = dir.resolve("cosign.key");
    publicKey = dir.resolve("cosign.pub");
    Path data = dir.resolve("server-data");
    Cli.Result created =
        Cli.run(
            "serve",
            "token",
            "create",
            "--data-dir",
            data.toString(),
            "--name",
            "ci",
            "--scope",
            "submit");
    assertThat(created.exitCode()).as(created.err()).isZero();
    token = created.out().strip();
    Files.createDirectories(dir.resolve("server"));
    server =
        ServeProcess.start(
            dir.resolve("server"), List.of("--data-dir", data.toString(), "--anonymous-reads"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (mirror != null) {
      mirror.stop(0);
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void theGithubWorkflowGatesSignsAndReportsTheImage() throws Exception {
    JsonNode workflow = new YAMLMapper().readTree(Path.of("deploy/ci/github-actions.yml").toFile());
    String image = imageByDigest("github");
    Path workspace = Files.createDirectories(dir.resolve("github/workspace"));
    Path runnerTemp = Files.createDirectories(dir.resolve("github/runner-temp"));
    Path githubPath = Files.createFile(dir.resolve("github/path"));
    Map<String, String> expressions = new LinkedHashMap<>();
    expressions.put("inputs.image", image);
    expressions.put("vars.PORTCULLIS_REGISTRY_FLAGS", "--insecure-registry");
    expressions.put("vars.PORTCULLIS_JAR_URL", jar.toUri().toString());
    expressions.put("vars.PORTCULLIS_JAR_SHA256", sha256(jar));
    expressions.put("vars.PORTCULLIS_DB_URL", mirrorUrl());
    expressions.put("vars.PORTCULLIS_SERVER", "http://127.0.0.1:" + server.port());
    expressions.put("secrets.PORTCULLIS_TOKEN", token);
    expressions.put("secrets.COSIGN_PRIVATE_KEY", Files.readString(privateKey));
    expressions.put("secrets.COSIGN_PASSWORD", KEY_PASSWORD);
    expressions.put("vars.COSIGN_PUBLIC_KEY", Files.readString(publicKey));
    Map<String, String> runner = runnerEnvironment(dir.resolve("github"));
    runner.put("RUNNER_TEMP", runnerTemp.toString());
    runner.put("GITHUB_PATH", githubPath.toString());
    runner.put("GITHUB_SERVER_URL", "https://github.com");
    runner.put("GITHUB_REPOSITORY", "org/app");
    runner.put("GITHUB_RUN_ID", "42");
    runner.putAll(substituted(workflow.path("env"), expressions));
    runner.putAll(substituted(workflow.at("/jobs/gate/env"), expressions));
    assertThat(workflow.at("/defaults/run/shell").asText()).isEqualTo("bash");

    List<String> ran = new ArrayList<>();
    for (JsonNode step : workflow.at("/jobs/gate/steps")) {
      String name = step.path("name").asText();
      if (step.has("uses")) {
        if (step.path("uses").asText().startsWith("github/codeql-action/upload-sarif")) {
          Path sarif = workspace.resolve(step.at("/with/sarif_file").asText());
          assertThat(JSON.readTree(sarif.toFile()).path("version").asText()).isEqualTo("2.1.0");
          assertThat(step.path("if").asText())
              .as("SARIF even from a failed gate")
              .isEqualTo("always()");
        }
        continue;
      }
      Map<String, String> environment = new LinkedHashMap<>(runner);
      environment.putAll(substituted(step.path("env"), expressions));
      environment.put(
          "PATH", String.join(":", Files.readAllLines(githubPath)) + ":" + System.getenv("PATH"));
      Run result = bash(workspace, environment, step.path("run").asText(), "-eo", "pipefail");
      assertThat(result.exit()).as(name + ":\n" + result.output()).isZero();
      ran.add(name);
    }

    assertThat(ran)
        .containsSubsequence(
            "Install Portcullis",
            "Vulnerability database",
            "Gate (and report to the Portcullis server)",
            "Sign what passed");
    assertSignedAndReported(image, "team/github");
  }

  @Test
  void theGitlabJobGatesSignsAndReportsTheImage() throws Exception {
    JsonNode job =
        new YAMLMapper().readTree(Path.of("deploy/ci/gitlab-ci.yml").toFile()).path("portcullis");
    String image = imageByDigest("gitlab");
    Path project = Files.createDirectories(dir.resolve("gitlab/project"));
    // What the project's CI/CD settings give the job; they take precedence over its variables:.
    Map<String, String> settings = runnerEnvironment(dir.resolve("gitlab"));
    settings.put("CI_PROJECT_DIR", project.toString());
    settings.put("CI_REGISTRY_IMAGE", "registry.gitlab.example/org/app");
    settings.put("CI_COMMIT_SHA", "0123abcd");
    settings.put("CI_JOB_URL", "https://gitlab.example/org/app/-/jobs/42");
    settings.put("IMAGE", image);
    settings.put("PORTCULLIS_REGISTRY_FLAGS", "--insecure-registry");
    settings.put("PORTCULLIS_JAR_URL", jar.toUri().toString());
    settings.put("PORTCULLIS_JAR_SHA256", sha256(jar));
    settings.put("PORTCULLIS_DB_URL", mirrorUrl());
    settings.put("PORTCULLIS_SERVER", "http://127.0.0.1:" + server.port());
    settings.put("PORTCULLIS_TOKEN", token);
    settings.put("COSIGN_PRIVATE_KEY", privateKey.toString()); // a variable of type File
    settings.put("COSIGN_PUBLIC_KEY", publicKey.toString());
    settings.put("COSIGN_PASSWORD", KEY_PASSWORD);
    Map<String, String> environment = new LinkedHashMap<>();
    job.path("variables")
        .fields()
        .forEachRemaining(
            v -> environment.put(v.getKey(), expand(v.getValue().asText(), settings)));
    environment.putAll(settings);
    StringBuilder script = new StringBuilder();
    for (String section : List.of("before_script", "script")) {
      job.path(section).forEach(line -> script.append(line.asText()).append('\n'));
    }

    Run result = bash(project, environment, script.toString(), "-eo", "pipefail");

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(job.at("/artifacts/when").asText()).isEqualTo("always");
    List<String> artifacts = new ArrayList<>();
    job.at("/artifacts/paths").forEach(p -> artifacts.add(p.asText()));
    assertThat(artifacts).containsExactly("portcullis.sarif");
    assertThat(JSON.readTree(project.resolve("portcullis.sarif").toFile()).path("version").asText())
        .isEqualTo("2.1.0");
    assertSignedAndReported(image, "team/gitlab");
  }

  private static void assertSignedAndReported(String image, String repository) throws Exception {
    Cli.Result verified =
        Cli.run(
            "verify", "--key", publicKey.toString(), "registry:" + image, "--insecure-registry");
    assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
    HttpResponse<String> repositories =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/repositories"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(repositories.statusCode()).isEqualTo(200);
    assertThat(repositories.body()).contains(registry.host() + "/" + repository);
  }

  /** The environment every runner starts a job with, its caches kept in the test's directory. */
  private static Map<String, String> runnerEnvironment(Path home) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("HOME", home.toString());
    environment.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    environment.put("PATH", System.getenv("PATH"));
    // GitHub's runners and the eclipse-temurin image both set a UTF-8 locale. Without one, Java 17
    // reads tar entry names as ASCII, and the scan stops at the base image's first non-ASCII file
    // name (a CA certificate's): TarLayerWalker opens its tar streams in the default charset.
    environment.put("LANG", "C.UTF-8");
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    return environment;
  }

  /** A mapping's values with their {@code ${{ … }}} expressions replaced; an unknown one fails. */
  private static Map<String, String> substituted(JsonNode mapping, Map<String, String> values) {
    Map<String, String> result = new LinkedHashMap<>();
    mapping
        .fields()
        .forEachRemaining(
            e -> {
              Matcher matcher = EXPRESSION.matcher(e.getValue().asText());
              StringBuilder text = new StringBuilder();
              while (matcher.find()) {
                String value = values.get(matcher.group(1));
                assertThat(value).as("a value for ${{ " + matcher.group(1) + " }}").isNotNull();
                matcher.appendReplacement(text, Matcher.quoteReplacement(value));
              }
              matcher.appendTail(text);
              result.put(e.getKey(), text.toString());
            });
    return result;
  }

  /** GitLab's expansion of {@code $NAME} and {@code ${NAME}} in a job's variables. */
  private static String expand(String value, Map<String, String> variables) {
    Matcher matcher = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(value);
    StringBuilder text = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          text, Matcher.quoteReplacement(variables.getOrDefault(matcher.group(1), "")));
    }
    return matcher.appendTail(text).toString();
  }

  private record Run(int exit, String output) {}

  private static Run bash(
      Path directory, Map<String, String> environment, String script, String... options)
      throws Exception {
    Path file = Files.createTempFile(dir, "step", ".sh");
    Files.writeString(file, script);
    List<String> command = new ArrayList<>(List.of("bash", "--noprofile", "--norc"));
    command.addAll(List.of(options));
    command.add(file.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Path output = Files.createTempFile(dir, "step", ".log");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      return new Run(-1, "timed out after 5 minutes\n" + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output));
  }

  private static String imageByDigest(String repository) throws IOException {
    String name = registry.host() + "/team/" + repository;
    String digest =
        new RepositoryQueries(new RegistryClient(ImageReference.parse(name + ":1"), true, null))
            .manifestDigest("1")
            .toString();
    return name + "@" + digest;
  }

  /**
   * A jar that runs this build's Portcullis as the published one does ({@code java -jar}): its
   * manifest names the main class and, as its class path, the test run's (the shaded jar is made
   * only after the tests, in the package phase).
   */
  private static Path launcherJar(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, "dev.portcullis.cli.Main");
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(Path.of(entry).toAbsolutePath().toUri().toString());
    }
    attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      // the manifest is all it holds
    }
    return file;
  }

  /** An OSV mirror ({@code URL/Debian/all.zip}) serving {@link JreAdvisories}; others are 404. */
  private static HttpServer osvMirror(Path records) throws IOException {
    JreAdvisories.write(records, "17.0.1+12-1");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> files = Files.list(records.resolve("records"))) {
      for (Path record : files.sorted().toList()) {
        zip.putNextEntry(new ZipEntry(record.getFileName().toString()));
        zip.write(Files.readAllBytes(record));
      }
    }
    byte[] debian = bytes.toByteArray();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        (HttpExchange exchange) -> {
          if (exchange.getRequestURI().getPath().equals("/osv/Debian/all.zip")) {
            exchange.sendResponseHeaders(200, debian.length);
            exchange.getResponseBody().write(debian);
          } else {
            exchange.sendResponseHeaders(404, -1);
          }
          exchange.close();
        });
    http.start();
    return http;
  }

  private static String mirrorUrl() {
    return "http://127.0.0.1:" + mirror.getAddress().getPort() + "/osv/";
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
