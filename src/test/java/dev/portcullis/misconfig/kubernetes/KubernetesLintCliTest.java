package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis lint k8s} end to end, in-process: formats, the gate, exceptions, errors. */
class KubernetesLintCliTest {

  private static final String PRIVILEGED_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: app
              image: nginx:1.27
              securityContext:
                privileged: true
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void privilegedContainerIsDeniedWithPsasReasonAndItsFieldPath() throws IOException {
    Path file = write("deploy.yaml", PRIVILEGED_DEPLOYMENT);

    Cli.Result result = Cli.run("lint", "k8s", "--format", "json", file.toString());

    assertThat(result.exitCode()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    JsonNode verdict = report.path("podSecurity").path(0);
    assertThat(verdict.path("allowed").asBoolean()).isFalse();
    assertThat(verdict.path("message").asText())
        .startsWith(
            "violates PodSecurity \"restricted:v1.37\": privileged (container \"app\" must not set securityContext.privileged=true)");
    JsonNode privileged = findingOf(report, "PC-K8S-102");
    assertThat(privileged.path("field").asText())
        .isEqualTo("spec.template.spec.containers[0].securityContext.privileged");
    assertThat(privileged.path("line").asInt()).isEqualTo(15);
    assertThat(privileged.path("kind").asText()).isEqualTo("Deployment");
    assertThat(privileged.path("namespace").asText()).isEqualTo("shop");
    assertThat(privileged.path("name").asText()).isEqualTo("web");
    assertThat(privileged.path("severity").asText()).isEqualTo("HIGH");
    assertThat(privileged.path("aliases").toString()).contains("KSV017");
  }

  @Test
  void findingsAtOrAboveTheSeverityFailTheGateWithTheChosenExitCode() throws IOException {
    Path file = write("deploy.yaml", PRIVILEGED_DEPLOYMENT);

    assertThat(
            Cli.run(
                    "lint",
                    "k8s",
                    "--exit-code",
                    "1",
                    "--severity",
                    "HIGH,CRITICAL",
                    file.toString())
                .exitCode())
        .isEqualTo(1);
    assertThat(
            Cli.run("lint", "k8s", "--exit-code", "1", "--severity", "CRITICAL", file.toString())
                .exitCode())
        .isZero();
  }

  @Test
  void aCleanWorkloadPassesTheGate() throws IOException {
    Path seed =
        Path.of("src/test/resources/dev/portcullis/misconfig/kubernetes/seed002/secure-pod.yaml");

    Cli.Result result =
        Cli.run(
            "lint",
            "k8s",
            "--exit-code",
            "1",
            "--no-require-digest",
            "--no-require-egress-deny",
            seed.toString());

    assertThat(result.out()).contains("allowed").contains("No findings.");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void baselineLevelAndOlderVersionsChangeTheVerdict() throws IOException {
    Path file =
        write(
            "pod.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                image: busybox:1.36
                livenessProbe:
                  httpGet: {host: example.com, port: 80}
            """);

    JsonNode latest =
        json(Cli.run("lint", "k8s", "-f", "json", "--pss-level", "baseline", file.toString()));
    JsonNode old =
        json(
            Cli.run(
                "lint",
                "k8s",
                "-f",
                "json",
                "--pss-level",
                "baseline",
                "--k8s-version",
                "1.33",
                file.toString()));

    assertThat(latest.path("podSecurity").path(0).path("message").asText())
        .contains(
            "probe or lifecycle host (container \"c\" uses probe or lifecycle host \"example.com\")");
    assertThat(old.path("podSecurity").path(0).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void namespaceLabelsSetTheLevelOfThePodsInThem() throws IOException {
    Path file =
        write(
            "ns.yaml",
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: legacy
              labels:
                pod-security.kubernetes.io/enforce: baseline
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: legacy}
            spec:
              containers:
              - {name: c, image: "busybox:1.36"}
            """);

    JsonNode report = json(Cli.run("lint", "k8s", "-f", "json", file.toString()));

    JsonNode verdict = report.path("podSecurity").path(0);
    assertThat(verdict.path("level").asText()).isEqualTo("baseline");
    assertThat(verdict.path("allowed").asBoolean()).isTrue();
    assertThat(verdict.path("levelSource").asText()).contains("pod-security.kubernetes.io/enforce");
    assertThat(verdict.path("levels").path("baseline").path("allowed").asBoolean()).isTrue();
    assertThat(verdict.path("levels").path("restricted").path("message").asText())
        .startsWith("violates PodSecurity \"restricted:v1.37\": allowPrivilegeEscalation != false");
    assertThat(findingOf(report, "PC-K8S-123").path("message").asText())
        .startsWith("seed checklist");
  }

  @Test
  void sarifValidatesAgainstTheSchemaAndPointsAtTheLine() throws IOException {
    Path file = write("deploy.yaml", PRIVILEGED_DEPLOYMENT);

    Cli.Result result = Cli.run("lint", "k8s", "-f", "sarif", file.toString());

    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    JsonNode sarif = json(result);
    assertThat(schema.validate(sarif)).isEmpty();
    JsonNode results = sarif.path("runs").path(0).path("results");
    JsonNode privileged = null;
    for (JsonNode each : results) {
      if (each.path("ruleId").asText().equals("PC-K8S-102")) {
        privileged = each;
      }
    }
    assertThat(privileged).isNotNull();
    assertThat(
            privileged
                .path("locations")
                .path(0)
                .path("physicalLocation")
                .path("region")
                .path("startLine")
                .asInt())
        .isEqualTo(15);
  }

  @Test
  void anExceptionForAResourceSuppressesItsFindingAndAnExpiredOneNoLonger() throws IOException {
    Path file = write("deploy.yaml", PRIVILEGED_DEPLOYMENT);
    Path policy =
        write(
            "portcullis.yaml",
            """
            exceptions:
            - id: KSV017
              reason: the CNI agent needs it
              owner: platform@example.com
              expires: %s
              scope:
                resource: Deployment/shop/*
            - id: PC-K8S-007
              reason: old
              owner: platform@example.com
              expires: 2020-01-01
            """
                .formatted(LocalDate.now().plusDays(30)));

    JsonNode report =
        json(Cli.run("lint", "k8s", "-f", "json", "--policy", policy.toString(), file.toString()));

    assertThat(report.path("findings").toString()).doesNotContain("PC-K8S-102");
    assertThat(report.path("suppressed").path(0).path("finding").path("id").asText())
        .isEqualTo("PC-K8S-102");
    assertThat(report.path("suppressed").path(0).path("exception").path("owner").asText())
        .isEqualTo("platform@example.com");
    assertThat(report.path("expiredExceptions").path(0).path("finding").path("id").asText())
        .isEqualTo("PC-K8S-007");
    assertThat(report.path("findings").toString()).contains("PC-K8S-007");
  }

  @Test
  void malformedFilesAreFindingsWithTheirLineAndTheRestIsChecked() throws IOException {
    write("a-broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: indent\n");
    write("b-deploy.yaml", PRIVILEGED_DEPLOYMENT);

    Cli.Result result = Cli.run("lint", "k8s", "-f", "json", "--exit-code", "1", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("a-broken.yaml:5: not valid YAML");
    JsonNode report = json(result);
    assertThat(findingOf(report, "PC-K8S-000").path("line").asInt()).isEqualTo(5);
    assertThat(findingOf(report, "PC-K8S-102").isMissingNode()).isFalse();
  }

  @Test
  void aBillionLaughsFileIsAFindingNotACrash() throws IOException {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      yaml.append(c)
          .append(": &")
          .append(c)
          .append(" [*")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append(", *")
          .append(p)
          .append("]\n");
    }
    Path file = write("lol.yaml", yaml.toString());

    Cli.Result result = Cli.run("lint", "k8s", "-f", "json", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(findingOf(json(result), "PC-K8S-000").path("message").asText()).contains("alias");
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    Path file = write("deploy.yaml", PRIVILEGED_DEPLOYMENT);

    assertThat(Cli.run("lint", "k8s", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
    assertThat(Cli.run("lint", "k8s", "--pss-level", "strict", file.toString()).exitCode())
        .isEqualTo(2);
    assertThat(Cli.run("lint", "k8s", "--k8s-version", "banana", file.toString()).exitCode())
        .isEqualTo(2);
    assertThat(Cli.run("lint", "k8s", "-f", "cyclonedx", file.toString()).exitCode()).isEqualTo(2);
    assertThat(Cli.run("lint", "k8s", "--exit-code", "2", file.toString()).exitCode()).isEqualTo(2);
    assertThat(
            Cli.run("lint", "k8s", write("empty/readme.txt", "x").getParent().toString())
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void helmChartTemplatesAreSkippedWithANoteNotReportedAsBrokenYaml() throws IOException {
    write("chart/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\n");
    write(
        "chart/templates/deploy.yaml", "{{- if .Values.enabled }}\nkind: Deployment\n{{- end }}\n");
    write("chart/values.yaml", "enabled: true\n");

    Cli.Result result = Cli.run("lint", "k8s", "-f", "json", dir.resolve("chart").toString());

    assertThat(result.err()).contains("Helm chart templates are not manifests until rendered");
    assertThat(json(result).path("findings").toString()).doesNotContain("PC-K8S-000");
  }

  @Test
  void outputFileIsWrittenWhole() throws IOException {
    Path file = write("deploy.yaml", PRIVILEGED_DEPLOYMENT);
    Path report = dir.resolve("report.json");

    Cli.Result result =
        Cli.run("lint", "k8s", "-f", "json", "-o", report.toString(), file.toString());

    assertThat(result.out()).isEmpty();
    assertThat(new ObjectMapper().readTree(report.toFile()).path("findings").size()).isPositive();
  }

  private static JsonNode json(Cli.Result result) throws IOException {
    return new ObjectMapper().readTree(result.out());
  }

  private static JsonNode findingOf(JsonNode report, String id) {
    for (JsonNode finding : report.path("findings")) {
      if (finding.path("id").asText().equals(id)) {
        return finding;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
