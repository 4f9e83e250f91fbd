package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.TestImages;
import dev.portcullis.testing.TokenServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bearer token flow against a real docker-registry that trusts a token service started by the
 * test.
 */
class RegistryTokenAuthTest {

  private static final String USER = "ci";
  private static final String PASSWORD = "token-pass";

  @TempDir static Path dir;
  private static TokenServer tokens;
  private static LocalRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    tokens = TokenServer.start(dir, USER, PASSWORD);
    registry = LocalRegistry.start(dir.resolve("registry"), tokens.registryAuthConfig(dir));
    registry.push(
        "oci:" + TestImages.ociLayout() + ":distroless",
        "team/distroless:12",
        USER + ":" + PASSWORD);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @Test
  void pullsWithABearerTokenScopedToTheRepository() {
    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            "registry:" + registry.host() + "/team/distroless:12",
            "--insecure-registry",
            "--no-cache",
            "--username",
            USER,
            "--password",
            PASSWORD);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("libssl3", "Total: 6 packages");
    assertThat(tokens.grantedScopes()).contains("repository:team/distroless:pull");
  }

  @Test
  void tokenWithoutAccessEndsInAnAuthenticationError() {
    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            "registry:" + registry.host() + "/team/distroless:12",
            "--insecure-registry",
            "--no-cache",
            "--username",
            USER,
            "--password",
            "not-it");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("authentication failed (401)");
  }
}
