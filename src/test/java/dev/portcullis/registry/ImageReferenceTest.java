package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReferenceTest {

  @TempDir Path dir;

  @Test
  void dockerHubDefaultsFillRegistryLibraryAndLatest() {
    ImageReference node = ImageReference.parse("node");

    assertThat(node).isEqualTo(new ImageReference("docker.io", "library/node", "latest", null));
    assertThat(node.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("bitnami/redis:7.2").repository()).isEqualTo("bitnami/redis");
  }

  @Test
  void registryWithPortTagAndDigest() {
    String digest = "sha256:" + "ab".repeat(32);
    ImageReference ref = ImageReference.parse("localhost:5000/team/app:1.2@" + digest);

    assertThat(ref.registry()).isEqualTo("localhost:5000");
    assertThat(ref.repository()).isEqualTo("team/app");
    assertThat(ref.tag()).isEqualTo("1.2");
    assertThat(ref.manifestReference()).isEqualTo(digest);
    assertThat(ImageReference.parse("ghcr.io/org/app@" + digest).tag()).isNull();
  }

  @Test
  void malformedReferencesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> ImageReference.parse("UPPER/case"))
        .hasMessageContaining("not a valid repository name");
    assertThatThrownBy(() -> ImageReference.parse("app:bad tag"))
        .hasMessageContaining("not a valid tag");
    assertThatThrownBy(() -> ImageReference.parse("app@sha256:short"))
        .hasMessageContaining("not a valid digest");
  }

  @Test
  void bearerChallengeParametersAreParsed() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\"");

    assertThat(challenge.isBearer()).isTrue();
    assertThat(challenge.parameters())
        .containsEntry("realm", "https://auth.example/token")
        .containsEntry("service", "registry.example")
        .containsEntry("scope", "repository:a/b:pull");
    assertThat(AuthChallenge.parse("Basic realm=\"x\"").isBasic()).isTrue();
  }

  @Test
  void dockerConfigAuthEntriesAreDecoded() throws IOException {
    String auth = Base64.getEncoder().encodeToString("me:pa:ss".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("config.json"),
        "{\"auths\":{"
            + "\"https://index.docker.io/v1/\":{\"auth\":\""
            + auth
            + "\"},"
            + "\"ghcr.io\":{\"username\":\"u\",\"password\":\"p\"}}}");
    DockerConfig config = DockerConfig.load(dir.resolve("config.json"));

    assertThat(config.credentialsFor("docker.io")).contains(new Credentials("me", "pa:ss"));
    assertThat(config.credentialsFor("ghcr.io")).contains(new Credentials("u", "p"));
    assertThat(config.credentialsFor("quay.io")).isEmpty();
    assertThat(new Credentials("me", "secret").toString()).doesNotContain("secret");
  }

  @Test
  void brokenDockerConfigIsAClearError() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"ghcr.io\":{\"auth\":\"%%%\"}}}");

    assertThatThrownBy(
            () -> DockerConfig.load(dir.resolve("config.json")).credentialsFor("ghcr.io"))
        .hasMessageContaining("not valid base64");
  }

  @Test
  void missingCredentialHelperIsAClearError() throws IOException {
    Files.writeString(
        dir.resolve("config.json"), "{\"credHelpers\":{\"ghcr.io\":\"nonexistent-helper\"}}");

    assertThatThrownBy(
            () -> DockerConfig.load(dir.resolve("config.json")).credentialsFor("ghcr.io"))
        .hasMessageContaining("docker-credential-nonexistent-helper cannot be run");
  }
}
