package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.CliProcess;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a real registry (docker-registry with htpasswd Basic auth), images pushed by skopeo.
 */
class RegistryPullTest {

  private static final String USER = "scanner";
  private static final String PASSWORD = "s3cret-pass";

  @TempDir static Path dir;
  private static LocalRegistry registry;

  @BeforeAll
  static void startRegistryAndPush() throws Exception {
    registry =
        LocalRegistry.start(
            dir.resolve("registry"), LocalRegistry.htpasswdAuth(dir, USER, PASSWORD));
    String layout = "oci:" + TestImages.ociLayout();
    registry.push(layout + ":debian-next", "test/debian:12", USER + ":" + PASSWORD);
    registry.push(layout + ":distroless", "test/distroless:12", USER + ":" + PASSWORD);
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private static Cli.Result sbom(String reference, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sbom",
                "image",
                "registry:" + registry.host() + "/" + reference,
                "--insecure-registry",
                "--no-cache",
                "-f",
                "json"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static List<String> oracleLines(String json) throws IOException {
    List<String> lines = new ArrayList<>();
    for (JsonNode p : new ObjectMapper().readTree(json).path("packages")) {
      lines.add(
          String.join(
              " ",
              p.path("name").asText(),
              p.path("version").asText(),
              p.path("arch").asText(),
              p.path("sourceName").asText(),
              p.path("sourceVersion").asText()));
    }
    return lines.stream().sorted().toList();
  }

  @Test
  void pullsWithBasicAuthGivenOnTheCommandLine() throws IOException {
    Cli.Result result = sbom("test/debian:12", "--username", USER, "--password", PASSWORD);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(oracleLines(result.out()))
        .containsExactlyElementsOf(TestImages.dpkgOracle("debian-next"));
  }

  @Test
  void pullsWithCredentialsFromDockerConfig() throws Exception {
    Path dockerConfig = dir.resolve("docker");
    Files.createDirectories(dockerConfig);
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dockerConfig.resolve("config.json"),
        "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");

    Cli.Result result =
        CliProcess.run(
            Map.of("DOCKER_CONFIG", dockerConfig.toString()),
            "sbom",
            "image",
            "registry:" + registry.host() + "/test/distroless:12",
            "--insecure-registry",
            "--no-cache",
            "-f",
            "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(oracleLines(result.out()))
        .containsExactlyElementsOf(TestImages.dpkgOracle("distroless"));
  }

  @Test
  void pullsByDigestAndChecksIt() throws IOException {
    Cli.Result byTag = sbom("test/debian:12", "--username", USER, "--password", PASSWORD);
    String digest =
        new ObjectMapper().readTree(byTag.out()).path("image").path("manifestDigest").asText();

    Cli.Result byDigest = sbom("test/debian@" + digest, "--username", USER, "--password", PASSWORD);

    assertThat(byDigest.exitCode()).as(byDigest.err()).isZero();
    assertThat(oracleLines(byDigest.out())).isEqualTo(oracleLines(byTag.out()));
  }

  @Test
  void anonymousPullFromAProtectedRegistrySaysToLogIn() throws Exception {
    // An empty DOCKER_CONFIG keeps the developer's own Docker credentials out of this test.
    Cli.Result result =
        CliProcess.run(
            Map.of("DOCKER_CONFIG", dir.resolve("no-docker-config").toString()),
            "sbom",
            "image",
            "registry:" + registry.host() + "/test/debian:12",
            "--insecure-registry",
            "--no-cache");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("requires a login").doesNotContain("\tat ");
  }

  @Test
  void wrongPasswordIsAnAuthenticationError() {
    Cli.Result result = sbom("test/debian:12", "--username", USER, "--password", "wrong");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("authentication failed (401)")
        .doesNotContain(PASSWORD)
        .doesNotContain("wrong");
  }

  @Test
  void unknownTagIsNotFound() {
    Cli.Result result = sbom("test/debian:13", "--username", USER, "--password", PASSWORD);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("pull manifest 13 of " + registry.host() + "/test/debian", "not found (404)");
  }
}
