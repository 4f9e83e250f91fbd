package dev.portcullis.cli;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets end to end through {@code scan image} and {@code scan fs}: in live files, in files a
 * later layer deleted or replaced, in the image config and its history; masked in every output and
 * in the layer cache.
 */
class SecretScanTest {

  static final String GITLAB = "glpat-Xy7pQ2rT9vK4mN8wL1zB";
  static final String GITHUB = "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";
  static final String NPM = "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";
  static final String PASSWORD = "Xk9#mQ2vLp8!rT4z";

  @TempDir Path dir;
  private Path image;
  private String keyBody;

  @BeforeEach
  void image() throws IOException, NoSuchAlgorithmException {
    String key = privateKeyPem();
    keyBody = key.lines().skip(1).findFirst().orElseThrow();
    image = dir.resolve("image");
    new OciLayoutBuilder()
        .layer(
            "COPY app/ /app/",
            file("app/.env", "GITLAB_TOKEN=" + GITLAB + "\nDB_PASSWORD=" + PASSWORD + "\n"),
            file("app/deploy/id_key", key),
            file("app/settings.yaml", "title: shop\n"))
        .layer(
            "RUN rm /app/deploy/id_key && render-config",
            file("app/deploy/.wh.id_key", ""),
            file("app/.env", "GITLAB_TOKEN=\n"))
        .env("PATH=/usr/bin", "GITHUB_TOKEN=" + GITHUB)
        .emptyLayer("RUN |1 NPM_TOKEN=" + NPM + " /bin/sh -c npm ci")
        .writeTo(image, "app");
  }

  private static String privateKeyPem() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes())
            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  private Cli.Result scan(String... more) {
    List<String> args =
        new ArrayList<>(List.of("scan", "image", "oci:" + image + ":app", "--scanners", "secret"));
    args.addAll(List.of(more));
    if (!args.contains("--cache-dir")) {
      args.add("--no-cache");
    }
    return Cli.run(args.toArray(String[]::new));
  }

  private static Cli.Result scanProject(Path project, Path policy) {
    return Cli.run(
        "scan",
        "fs",
        project.toString(),
        "--scanners",
        "secret",
        "--no-cache",
        "--policy",
        policy.toString(),
        "--format",
        "json");
  }

  private static JsonNode json(Cli.Result result) throws IOException {
    return new ObjectMapper().readTree(result.out());
  }

  private static List<String> rows(JsonNode secrets) {
    List<String> rows = new ArrayList<>();
    secrets.forEach(
        s ->
            rows.add(
                s.get("ruleId").asText()
                    + " "
                    + s.get("target").asText()
                    + ":"
                    + s.get("line").asInt()
                    + " "
                    + s.get("state").asText()));
    return rows;
  }

  @Test
  void findsSecretsInLiveDeletedAndOverwrittenFilesAndInTheConfig() throws IOException {
    Cli.Result result = scan("--format", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode secrets = json(result).get("secrets");
    assertThat(rows(secrets))
        .containsExactlyInAnyOrder(
            "gitlab-token /app/.env:1 overwritten",
            "generic-password /app/.env:2 overwritten",
            "private-key /app/deploy/id_key:1 deleted",
            "github-token config:Env:2 live",
            "npm-token history:2:1 live");
    JsonNode deleted =
        secrets.findParents("state").stream()
            .filter(s -> s.get("state").asText().equals("deleted"))
            .findFirst()
            .orElseThrow();
    assertThat(deleted.get("layer").asInt()).isZero();
    assertThat(deleted.get("layerCreatedBy").asText()).isEqualTo("COPY app/ /app/");
    assertThat(json(result).at("/gate/secrets").asInt()).isEqualTo(5);
  }

  @Test
  void noOutputHoldsASecret() {
    for (String format : List.of("json", "table", "sarif")) {
      Cli.Result result = scan("--format", format);
      assertThat(result.exitCode()).isZero();
      assertThat(result.out())
          .as(format)
          .contains("ghp_")
          .doesNotContain(GITHUB.substring(4, 12))
          .doesNotContain(GITLAB.substring(6, 14))
          .doesNotContain(NPM.substring(4, 12))
          .doesNotContain(PASSWORD.substring(3))
          .doesNotContain(keyBody.substring(10, 30));
    }
  }

  @Test
  void theHistoryShownBesideFindingsIsMasked() throws IOException {
    Path leaky = dir.resolve("leaky");
    new OciLayoutBuilder()
        .layer(
            "RUN echo GITLAB_TOKEN=" + GITLAB + " > /app/.env",
            file("app/.env", "GITLAB_TOKEN=" + GITLAB + "\n"))
        .writeTo(leaky, "app");
    for (String format : List.of("json", "sarif", "table")) {
      Cli.Result result =
          Cli.run(
              "scan",
              "image",
              "oci:" + leaky + ":app",
              "--scanners",
              "secret",
              "--no-cache",
              "-f",
              format);
      assertThat(result.out()).as(format).doesNotContain(GITLAB.substring(6));
    }
  }

  @Test
  void cycloneDxSaysItCannotCarryTheSecrets() {
    Cli.Result result = scan("--format", "cyclonedx");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("5 secrets were found, which CycloneDX cannot carry")
        .doesNotContain(GITHUB.substring(4, 12));
  }

  @Test
  void theLayerCacheHoldsOnlyMaskedSecretsAndGivesTheSameAnswer() throws IOException {
    Path cache = dir.resolve("cache");
    Cli.Result first = scan("--format", "json", "--cache-dir", cache.toString());
    Cli.Result second = scan("--format", "json", "--cache-dir", cache.toString());
    assertThat(rows(json(second).get("secrets"))).isEqualTo(rows(json(first).get("secrets")));
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String bytes =
            new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes)
            .as(file.toString())
            .doesNotContain(GITLAB.substring(6))
            .doesNotContain(PASSWORD)
            .doesNotContain(keyBody.substring(10, 30));
      }
    }
  }

  @Test
  void aCachedLayerAtAnotherPositionIsStillLive() throws IOException {
    Path cache = dir.resolve("cache");
    OciLayoutBuilder.Entry env = file("srv/.env", "GITLAB_TOKEN=" + GITLAB + "\n");
    Path first = dir.resolve("first");
    new OciLayoutBuilder().layer("COPY .env /srv/", env).writeTo(first, "a");
    Path second = dir.resolve("second");
    new OciLayoutBuilder()
        .layer("COPY motd /etc/", file("etc/motd", "hello\n"))
        .layer("COPY .env /srv/", env)
        .writeTo(second, "b");
    for (String image : List.of("oci:" + first + ":a", "oci:" + second + ":b")) {
      Cli.Result result =
          Cli.run(
              "scan",
              "image",
              image,
              "--scanners",
              "secret",
              "--cache-dir",
              cache.toString(),
              "-f",
              "json");
      assertThat(rows(json(result).get("secrets")))
          .as(image)
          .containsExactly("gitlab-token /srv/.env:1 live");
    }
  }

  @Test
  void secretsFailTheGateBySeverity() {
    assertThat(scan("--exit-code", "1").exitCode()).isEqualTo(1);
    assertThat(scan("--exit-code", "1", "--severity", "LOW").exitCode()).isZero();
    Cli.Result medium = scan("--exit-code", "1", "--severity", "MEDIUM", "--format", "json");
    assertThat(medium.exitCode()).isEqualTo(1);
    assertThat(medium.out()).contains("generic-password").doesNotContain("gitlab-token");
  }

  @Test
  void sarifLocatesSecretsByFileAndLine() throws IOException {
    JsonNode sarif = json(scan("--format", "sarif"));
    JsonNode results = sarif.at("/runs/0/results");
    assertThat(results.findValuesAsText("ruleId"))
        .contains("private-key", "gitlab-token", "github-token");
    JsonNode password =
        results.findParents("ruleId").stream()
            .filter(r -> r.get("ruleId").asText().equals("generic-password"))
            .findFirst()
            .orElseThrow();
    assertThat(password.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("app/.env");
    assertThat(password.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    assertThat(password.at("/message/text").asText()).contains("overwritten");
  }

  @Test
  void policyAddsRulesAllowsMatchesAndDisablesRules() throws IOException {
    Path project = dir.resolve("project");
    Files.createDirectories(project.resolve("conf"));
    Files.writeString(
        project.resolve("conf/app.ini"), "acme_key = acme_0123456789abcdef0123456789abcdef\n");
    Files.writeString(project.resolve("conf/db.env"), "DB_PASSWORD=" + PASSWORD + "\n");
    Files.writeString(project.resolve("conf/ci.env"), "TOKEN=" + GITLAB + "\n");
    Path policy = dir.resolve("portcullis.yaml");
    Files.writeString(
        policy,
        """
        secrets:
          rules:
            - id: acme-api-key
              category: ACME
              title: ACME internal API key
              severity: critical
              keywords: [acme_]
              regex: '(?P<secret>acme_[0-9a-f]{32})'
              secret-group-name: secret
          allow-rules:
            - id: ci-tokens
              description: CI's own token, rotated hourly
              path: 'conf/ci\\.env$'
          disable-rules: [generic-password]
        """);
    Cli.Result result = scanProject(project, policy);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(rows(json(result).get("secrets")))
        .containsExactly("acme-api-key /conf/app.ini:1 live");
  }

  @Test
  void aBadRuleInThePolicyIsAUsageError() throws IOException {
    Path policy = dir.resolve("portcullis.yaml");
    Files.writeString(policy, "secrets:\n  rules:\n    - id: broken\n      regex: 'a(b'\n");
    Cli.Result result = scan("--policy", policy.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("secret rule broken: regex is not a valid regular expression");
    Files.writeString(policy, "secrets:\n  disable-rules: [no-such-rule]\n");
    assertThat(scan("--policy", policy.toString()).err())
        .contains("no built-in rule 'no-such-rule'");
  }

  @Test
  void binaryFilesAreSkippedAndOversizedFilesSaidSo() throws IOException {
    Path project = dir.resolve("project");
    Files.createDirectories(project);
    byte[] binary = ("\0\0ELF" + "x".repeat(4096) + GITLAB).getBytes();
    Files.write(project.resolve("tool"), binary);
    Files.writeString(project.resolve("big.txt"), "x".repeat(2048) + "\nT=" + GITLAB + "\n");
    Path policy = dir.resolve("portcullis.yaml");
    Files.writeString(policy, "secrets:\n  max-file-size: 1024\n");
    Cli.Result result = scanProject(project, policy);
    JsonNode report = json(result);
    assertThat(report.get("secrets")).isEmpty();
    assertThat(report.get("warnings").toString())
        .contains("/big.txt")
        .contains("secret analyzer")
        .as("a large binary is no text file too large to read")
        .doesNotContain("/tool");
  }

  @Test
  void unknownScannerIsAUsageError() {
    Cli.Result result = scan("--scanners", "vuln,misconfig");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unknown scanner 'misconfig'");
  }
}
