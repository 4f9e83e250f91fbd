package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis lint dockerfile}: discovery, formats, the gate and bad input. */
class DockerfileLintCommandTest {

  @TempDir Path dir;
  private Path unsicher;
  private Path sicher;
  private Path policy;

  @BeforeEach
  void seedFiles() throws IOException, URISyntaxException {
    Path seed =
        Path.of(
            DockerfileLintCommandTest.class
                .getResource("/dev/portcullis/misconfig/dockerfile/seed002")
                .toURI());
    unsicher = copy(seed.resolve("unsicher"), dir.resolve("unsicher"));
    sicher = copy(seed.resolve("sicher"), dir.resolve("sicher"));
    policy = dir.resolve("portcullis.yaml");
    assertThat(Cli.run("policy", "init", policy.toString()).exitCode()).isZero();
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }

  private Cli.Result lint(String... arguments) {
    List<String> args = new ArrayList<>(List.of("lint", "dockerfile"));
    args.addAll(List.of(arguments));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void theDefaultPolicysGateFailsUnsicherAndPassesSicher() {
    Cli.Result bad = lint(unsicher.toString(), "--policy", policy.toString());
    Cli.Result good = lint(sicher.toString(), "--policy", policy.toString());

    assertThat(bad.exitCode()).as(bad.err()).isEqualTo(1);
    assertThat(bad.out())
        .contains(
            "unsicher/Dockerfile:2",
            "PC-DF-002",
            "DL3007",
            "unsicher/Dockerfile:6",
            "PC-DF-100",
            "How to fix:",
            "more findings left out by --severity");
    assertThat(good.exitCode()).as(good.out()).isZero();
    assertThat(good.out()).contains("Total: 0", "3 more findings left out by --severity");
  }

  @Test
  void withoutAPolicyEverythingIsReportedAndTheExitCodeIsTrivys() {
    Cli.Result result = lint(sicher.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Total: 3", "PC-DF-003", "PC-DF-110");
    assertThat(lint(sicher.toString(), "--exit-code", "5").exitCode()).isEqualTo(5);
    assertThat(lint(sicher.toString(), "--exit-code", "5", "--severity", "HIGH").exitCode())
        .isZero();
  }

  @Test
  void directoriesAreSearchedForEveryKindOfDockerfileName() throws IOException {
    Path repo = dir.resolve("repo");
    for (String name :
        List.of(
            "Dockerfile",
            "api.Dockerfile",
            "Dockerfile.dev",
            "deploy/Containerfile",
            "Dockerfile.dockerignore",
            "node_modules/x/Dockerfile",
            "README.md")) {
      Path file = repo.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "FROM alpine:3.20\nUSER 1\nHEALTHCHECK NONE\n");
    }

    Cli.Result result = lint(repo.toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode files = json(result.out()).path("files");
    List<String> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f.path("path").asText().substring(repo.toString().length() + 1)));
    assertThat(paths)
        .containsExactly("Dockerfile", "Dockerfile.dev", "api.Dockerfile", "deploy/Containerfile");
  }

  @Test
  void jsonCarriesFindingsWithTheirFixAndTheGate() throws IOException {
    Cli.Result result = lint(unsicher.toString(), "-f", "json", "--exit-code", "1");

    JsonNode report = json(result.out());
    assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.path("gate").path("failed").asBoolean()).isTrue();
    JsonNode root =
        findings(report).stream()
            .filter(f -> f.path("ruleId").asText().equals("PC-DF-100"))
            .findFirst()
            .orElseThrow();
    assertThat(root.path("aliases").get(0).asText()).isEqualTo("DL3002");
    assertThat(root.path("line").asInt()).isEqualTo(6);
    assertThat(root.path("fix").asText()).contains("USER");
  }

  @Test
  void sarifValidatesAgainstTheSchemaAndCarriesSuppressions() throws IOException {
    Path withIgnore = dir.resolve("ignored/Dockerfile");
    Files.createDirectories(withIgnore.getParent());
    Files.writeString(
        withIgnore,
        "FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\nUSER root\n");
    Path out = dir.resolve("report.sarif");

    Cli.Result result =
        lint(withIgnore.toString(), unsicher.toString(), "-f", "sarif", "-o", out.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    JsonNode sarif = new ObjectMapper().readTree(out.toFile());
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    assertThat(schema.validate(sarif)).isEmpty();
    JsonNode run = sarif.path("runs").get(0);
    List<String> suppressed = new ArrayList<>();
    run.path("results")
        .forEach(
            r -> {
              if (r.has("suppressions")) {
                suppressed.add(
                    r.path("ruleId").asText()
                        + " "
                        + r.path("suppressions").get(0).path("kind").asText());
              }
            });
    assertThat(suppressed).containsExactly("PC-DF-201 inSource");
    JsonNode first = run.path("results").get(0);
    assertThat(
            first
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("region")
                .path("startLine")
                .asInt())
        .isPositive();
    assertThat(
            run.path("tool")
                .path("driver")
                .path("rules")
                .get(0)
                .path("properties")
                .has("security-severity"))
        .isTrue();
  }

  @Test
  void policyExceptionsSuppressAndAreListedWithTheirOwner() throws IOException {
    Files.writeString(
        policy,
        Files.readString(policy)
            .replace(
                "exceptions: []",
                """
                exceptions:
                  - id: DL3002
                    reason: the entrypoint drops privileges with gosu
                    owner: platform@example.com
                    expires: 2999-12-31
                    scope:
                      path: "**/unsicher/Dockerfile"
                """));

    Cli.Result result = lint(unsicher.toString(), "--policy", policy.toString());

    assertThat(result.out())
        .doesNotContain("unsicher/Dockerfile:6  PC-DF-100")
        .contains(
            "Suppressed: 1",
            "PC-DF-100: the entrypoint drops privileges with gosu (owner platform@example.com, until"
                + " 2999-12-31");
  }

  @Test
  void binaryFilesAreAnInputErrorWhenNamedAndSkippedInADirectory() throws IOException {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo);
    Files.write(repo.resolve("Dockerfile.tar.gz"), new byte[] {31, -117, 8, 0, 0, 0});
    Files.writeString(repo.resolve("Dockerfile"), "FROM alpine:3.20\nUSER 1\nHEALTHCHECK NONE\n");

    Cli.Result named = lint(repo.resolve("Dockerfile.tar.gz").toString());
    Cli.Result searched = lint(repo.toString());

    assertThat(named.exitCode()).isEqualTo(2);
    assertThat(named.err().strip())
        .startsWith("portcullis: ")
        .contains("Dockerfile.tar.gz:1: binary content")
        .doesNotContain("\tat ");
    assertThat(named.err().strip().lines()).hasSize(1);
    assertThat(searched.exitCode()).isZero();
    assertThat(searched.err()).contains("warning: skipped", "Dockerfile.tar.gz");
  }

  @Test
  void unknownInstructionsAndBrokenHeredocsAreFindingsWithFileAndLine() throws IOException {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(
        file, "FROM alpine:3.20\nRUN apk add --no-cache curl\n  jq\nRUN <<EOF\necho\n");

    Cli.Result result = lint(file.toString(), "--severity", "HIGH", "--exit-code", "1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("Dockerfile:3", "unknown instruction 'jq'", "Dockerfile:4", "never closed");
  }

  @Test
  void usageErrorsAreExitCodeTwoWithOneLine() {
    assertThat(lint(dir.resolve("missing").toString()).err()).contains("no such file or directory");
    assertThat(lint(dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
    assertThat(lint(sicher.toString(), "-f", "cyclonedx").err()).contains("table, json or sarif");
    assertThat(lint(sicher.toString(), "--exit-code", "2").exitCode()).isEqualTo(2);
    assertThat(lint(sicher.toString(), "--severity", "SEVERE").exitCode()).isEqualTo(2);
    Path empty = dir.resolve("empty");
    assertThat(empty.toFile().mkdir()).isTrue();
    assertThat(lint(empty.toString()).err()).contains("no Dockerfile in");
  }

  @Test
  void aPolicyNamingAnUnknownRuleIsRefusedWithItsLine() throws IOException {
    Files.writeString(policy, "dockerfile:\n  rules:\n    PC-DF-999: LOW\n");

    Cli.Result result = lint(sicher.toString(), "--policy", policy.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("portcullis.yaml:3: dockerfile.rules names 'PC-DF-999'");
  }

  @Test
  void trivyIdsAreShownInJsonAndSarifAndSuppressByExceptionAndInlineIgnore() throws IOException {
    Path file = dir.resolve("trivy/Dockerfile");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "FROM alpine:latest\n"
            + "# portcullis ignore=DS025\n"
            + "RUN apk add curl=8.9.0-r0\n"
            + "USER 10001\nHEALTHCHECK NONE\n");
    Files.writeString(
        policy,
        "exceptions:\n"
            + "  - id: AVD-DS-0001\n"
            + "    reason: the tag is set by the release job\n"
            + "    owner: platform@example.com\n"
            + "    expires: 2999-12-31\n");
    Path sarif = dir.resolve("trivy.sarif");

    JsonNode report = json(lint(file.toString(), "-f", "json").out());
    Cli.Result suppressed = lint(file.toString(), "--policy", policy.toString(), "-f", "json");
    lint(file.toString(), "-f", "sarif", "-o", sarif.toString());

    JsonNode latest =
        findings(report).stream()
            .filter(f -> f.path("ruleId").asText().equals("PC-DF-002"))
            .findFirst()
            .orElseThrow();
    assertThat(latest.path("aliases").toString()).isEqualTo("[\"DL3007\",\"DS001\"]");
    List<String> bySuppression = new ArrayList<>();
    json(suppressed.out())
        .path("suppressed")
        .forEach(
            s ->
                bySuppression.add(
                    s.path("finding").path("ruleId").asText() + " " + s.path("id").asText()));
    assertThat(bySuppression).containsExactlyInAnyOrder("PC-DF-200 DS025", "PC-DF-002 AVD-DS-0001");
    JsonNode rules = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/tool/driver/rules");
    List<String> tags = new ArrayList<>();
    rules.forEach(
        r -> {
          if (r.path("id").asText().equals("PC-DF-002")) {
            r.path("properties").path("tags").forEach(t -> tags.add(t.asText()));
            assertThat(r.path("help").path("text").asText())
                .contains("Also known as: DL3006, DL3007, DS001");
          }
        });
    assertThat(tags).contains("DL3006", "DL3007", "DS001");
  }

  @Test
  void anExceptionNamingNoDockerfileRuleIsRefusedByLintAndPolicyCheck() throws IOException {
    Files.writeString(
        policy,
        "exceptions:\n"
            + "  - id: CVE-2024-0001\n"
            + "    reason: not reachable\n"
            + "    owner: platform@example.com\n"
            + "    expires: 2999-12-31\n"
            + "  - id: DS999\n"
            + "    reason: a typo\n"
            + "    owner: platform@example.com\n"
            + "    expires: 2999-12-31\n");

    Cli.Result lint = lint(sicher.toString(), "--policy", policy.toString());
    Cli.Result check = Cli.run("policy", "check", policy.toString());

    assertThat(lint.exitCode()).isEqualTo(2);
    assertThat(lint.err().strip().lines()).hasSize(1);
    assertThat(lint.err()).contains("portcullis.yaml:6", "'DS999'", "no Dockerfile rule");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.err().strip().lines()).hasSize(1);
    assertThat(check.err()).contains("portcullis.yaml:6", "'DS999'");
  }

  @Test
  void anInlineIgnoreNamingNoRuleIsRefusedEvenInADirectorySearch() throws IOException {
    Path repo = dir.resolve("repo");
    Files.createDirectories(repo.resolve("app"));
    Files.writeString(
        repo.resolve("app/Dockerfile"),
        "FROM alpine:3.20\n# portcullis ignore=PC-DF-2O1\nRUN apk add --no-cache curl\n");
    Path hadolint = dir.resolve("hadolint/Dockerfile");
    Files.createDirectories(hadolint.getParent());
    Files.writeString(
        hadolint,
        "FROM alpine:3.20\n# hadolint ignore=DL3049,SC2086,DL3018\nRUN apk add --no-cache curl\n");

    Cli.Result search = lint(repo.toString());
    Cli.Result hadolintOwn = lint(hadolint.toString());

    assertThat(search.exitCode()).isEqualTo(2);
    assertThat(search.err().strip().lines()).hasSize(1);
    assertThat(search.err()).contains("app/Dockerfile:2", "'PC-DF-2O1'");
    assertThat(hadolintOwn.exitCode()).as(hadolintOwn.err()).isNotEqualTo(2);
    assertThat(hadolintOwn.out()).contains("Suppressed: 1");
  }

  private static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text);
  }

  private static List<JsonNode> findings(JsonNode report) {
    List<JsonNode> list = new ArrayList<>();
    report.path("findings").forEach(list::add);
    return list;
  }
}
