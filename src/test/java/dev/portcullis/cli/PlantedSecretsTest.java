package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.SecretImage;
import dev.portcullis.testing.SecretImage.Planted;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correctness bar of secret detection, on real images: the Debian image with a secret of every
 * rule family planted by scripts/build-secret-image.sh (live, deleted by a later layer,
 * overwritten, in Env, Labels, Cmd and a build ARG in the history) yields every one and nothing
 * else; the clean Debian image yields none, even with the default skipped paths scanned.
 */
class PlantedSecretsTest {

  @TempDir Path dir;

  private static List<Planted> found(Cli.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.get("warnings")).isEmpty();
    List<Planted> found = new ArrayList<>();
    for (JsonNode secret : report.get("secrets")) {
      found.add(
          new Planted(
              secret.get("ruleId").asText(),
              secret.get("target").asText(),
              SecretImage.State.valueOf(secret.get("state").asText().toUpperCase(Locale.ROOT))));
    }
    return found;
  }

  @Test
  void everyPlantedSecretIsFoundInTheDockerArchive() throws IOException {
    Cli.Result result =
        Cli.run(
            "scan",
            "image",
            "docker-archive:" + SecretImage.dockerArchive(),
            "--scanners",
            "secret",
            "--no-cache",
            "--format",
            "json");
    assertThat(found(result)).containsExactlyInAnyOrderElementsOf(SecretImage.expected());
  }

  @Test
  void andInTheOciLayoutThroughTheLayerCache() throws IOException {
    String image = "oci:" + SecretImage.ociLayout() + ":" + SecretImage.TAG;
    String cache = dir.resolve("cache").toString();
    for (int run = 0; run < 2; run++) {
      Cli.Result result =
          Cli.run(
              "scan", "image", image, "--scanners", "secret", "--cache-dir", cache, "-f", "json");
      assertThat(found(result)).containsExactlyInAnyOrderElementsOf(SecretImage.expected());
    }
  }

  @Test
  void theCleanDebianImageHasNoneEvenWhereScansDoNotLookByDefault() throws IOException {
    Path policy = dir.resolve("portcullis.yaml");
    Files.writeString(
        policy,
        """
        secrets:
          disable-allow-rules: [system-dirs, toolchains, vendored, locales, tests-and-examples,
                                markdown, anaconda-log]
        """);
    for (String image : List.of("debian", "debian-next", "distroless", "python")) {
      Cli.Result result =
          Cli.run(
              "scan",
              "image",
              "docker-archive:" + TestImages.dockerArchive(image),
              "--scanners",
              "secret",
              "--no-cache",
              "--policy",
              policy.toString(),
              "--format",
              "json");
      assertThat(found(result)).as(image).isEmpty();
    }
  }
}
