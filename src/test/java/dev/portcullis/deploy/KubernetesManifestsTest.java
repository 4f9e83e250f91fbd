package dev.portcullis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests Portcullis ships in deploy/kubernetes pass Portcullis' own Kubernetes rules, with
 * every optional rule on, and say what the server can actually be told.
 */
class KubernetesManifestsTest {

  private static final Path MANIFESTS = Path.of("deploy/kubernetes");

  @TempDir Path dir;

  @Test
  void theShippedManifestsHaveNoFindingsUnderEveryRule() throws IOException {
    Cli.Result linted = Cli.run("lint", "k8s", "deploy/", "--exit-code", "1", "-f", "json");
    Cli.Result strictest =
        Cli.run(
            "lint",
            "k8s",
            MANIFESTS.toString(),
            "--exit-code",
            "1",
            "--require-high-ids",
            "--require-quotas",
            "--pss-level",
            "restricted");

    assertThat(linted.exitCode()).as(linted.out() + linted.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(linted.out());
    assertThat(report.at("/summary/findings").asInt()).isZero();
    assertThat(report.at("/problems")).isEmpty();
    assertThat(report.at("/podSecurity/0/resource").asText())
        .isEqualTo("Deployment/portcullis/portcullis");
    assertThat(report.at("/podSecurity/0/level").asText()).isEqualTo("restricted");
    assertThat(strictest.exitCode()).as(strictest.out() + strictest.err()).isZero();
    assertThat(strictest.out()).contains("No findings.");
  }

  @Test
  void thePolicyConfigMapHoldsAValidPolicy() throws IOException {
    JsonNode configMap = only("configmap-policy.yaml");
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, configMap.at("/data/policy.yaml").asText());

    Cli.Result checked = Cli.run("policy", "check", policy.toString());

    assertThat(checked.exitCode()).as(checked.out() + checked.err()).isZero();
    assertThat(checked.out()).contains("valid");
  }

  @Test
  void theServerIsToldOnlyWhatServeUnderstandsAndReadsItsSecretsFromFiles() throws IOException {
    JsonNode container = only("deployment.yaml").at("/spec/template/spec/containers/0");
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    String help = Cli.run("serve", "--help").out();

    assertThat(args.get(0)).isEqualTo("serve");
    for (String arg : args) {
      if (arg.startsWith("--")) {
        assertThat(help)
            .as("serve --help names " + arg)
            .containsPattern("\\s" + java.util.regex.Pattern.quote(arg) + "[=\\s,]");
      }
    }
    assertThat(args)
        .containsSubsequence("--db-password-file", "/etc/portcullis/db/password")
        .containsSubsequence("--tls-key", "/etc/portcullis/tls/tls.key")
        .containsSubsequence("--policy", "/etc/portcullis/policy/policy.yaml")
        .containsSubsequence("--data-dir", "/var/lib/portcullis");
    assertThat(container.path("env").isMissingNode() || container.path("env").isEmpty()).isTrue();
    List<String> mounts = new ArrayList<>();
    container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
    assertThat(mounts)
        .contains(
            "/var/lib/portcullis",
            "/tmp",
            "/etc/portcullis/tls",
            "/etc/portcullis/db",
            "/etc/portcullis/policy");
  }

  @Test
  void theWebhookAsksThePortcullisServiceAndLeavesOutTheSystemAndItsOwnNamespace()
      throws IOException {
    JsonNode webhook = only("webhook.yaml").at("/webhooks/0");

    assertThat(webhook.at("/clientConfig/service/namespace").asText()).isEqualTo("portcullis");
    assertThat(webhook.at("/clientConfig/service/name").asText()).isEqualTo("portcullis");
    assertThat(webhook.at("/clientConfig/service/path").asText()).isEqualTo("/admission");
    assertThat(webhook.at("/clientConfig/service/port").asInt()).isEqualTo(8443);
    assertThat(webhook.at("/failurePolicy").asText()).isEqualTo("Fail");
    assertThat(webhook.at("/sideEffects").asText()).isEqualTo("None");
    assertThat(webhook.at("/namespaceSelector/matchExpressions/0/values").toString())
        .contains("kube-system", "portcullis");
  }

  /** The one document of a manifest file. */
  private static JsonNode only(String file) throws IOException {
    List<JsonNode> documents =
        new ObjectMapper(new YAMLFactory())
            .readValues(
                new YAMLFactory().createParser(MANIFESTS.resolve(file).toFile()), JsonNode.class)
            .readAll();
    assertThat(documents).hasSize(1);
    return documents.get(0);
  }
}
