package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.image.Digest;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TokenServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing to a real registry (docker-registry behind a Bearer token service that grants push): a
 * blob, once, then a manifest naming it, read back as a pull would.
 */
class RepositoryPushesTest {

  private static final String USER = "signer";
  private static final String PASSWORD = "push-pass";

  @TempDir static Path dir;
  private static TokenServer tokens;
  private static LocalRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    tokens = TokenServer.start(dir, USER, PASSWORD);
    registry = LocalRegistry.start(dir.resolve("registry"), tokens.registryAuthConfig(dir));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    registry.close();
    tokens.close();
  }

  private static RegistryClient client(String password) {
    return new RegistryClient(
        ImageReference.parse(registry.host() + "/team/app:1"),
        true,
        new Credentials(USER, password));
  }

  @Test
  void pushesBlobsOnceAndAManifestThatReadsBack() throws IOException {
    RegistryClient client = client(PASSWORD);
    RepositoryPushes pushes = new RepositoryPushes(client);
    byte[] payload = "{\"hello\":\"registry\"}".getBytes(StandardCharsets.UTF_8);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Digest payloadDigest = pushes.blob(payload);
    assertThat(pushes.blob(payload)).isEqualTo(payloadDigest);
    Digest configDigest = pushes.blob(config);
    String manifest =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,"digest":"%s"},
         "layers":[{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","size":%d,"digest":"%s"}]}
        """
            .formatted(configDigest, payload.length, payloadDigest);
    pushes.manifest(
        "sha256-abc.sig",
        manifest.getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");

    RepositoryQueries queries = new RepositoryQueries(client);
    RepositoryQueries.Manifest read = queries.manifestIfPresent("sha256-abc.sig").orElseThrow();
    assertThat(new String(read.bytes(), StandardCharsets.UTF_8)).isEqualTo(manifest);
    assertThat(queries.blob(payloadDigest, 1024)).isEqualTo(payload);
    assertThat(queries.manifestIfPresent("sha256-none.sig")).isEmpty();
    assertThat(tokens.grantedScopes()).anyMatch(s -> s.contains("push"));
  }

  @Test
  void aBlobLargerThanAskedIsRefused() throws IOException {
    RegistryClient client = client(PASSWORD);
    Digest digest = new RepositoryPushes(client).blob(new byte[2048]);
    assertThatThrownBy(() -> new RepositoryQueries(client).blob(digest, 1024))
        .hasMessageContaining("larger than 1024 bytes");
  }

  @Test
  void aPushWithoutTheRightPasswordIsAnAuthenticationError() {
    assertThatThrownBy(() -> new RepositoryPushes(client("wrong")).blob(new byte[] {1}))
        .hasMessageContaining("blob");
  }
}
