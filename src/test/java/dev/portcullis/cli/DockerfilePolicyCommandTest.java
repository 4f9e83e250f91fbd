package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.policy.PolicyLoader;
import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code portcullis policy init} and {@code portcullis policy check}. */
class DockerfilePolicyCommandTest {

  @TempDir Path dir;

  @Test
  void initWritesTheDefaultAndRefusesToOverwrite() throws IOException {
    Path file = dir.resolve("portcullis.yaml");

    Cli.Result first = Cli.run("policy", "init", file.toString());
    Cli.Result second = Cli.run("policy", "init", file.toString());
    Files.writeString(file, "gate: {}\n");
    Cli.Result forced = Cli.run("policy", "init", file.toString(), "--force");

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("wrote " + file);
    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(second.err()).contains("exists", "--force");
    assertThat(forced.exitCode()).isZero();
    assertThat(Files.readString(file)).isEqualTo(PolicyLoader.defaultText());
  }

  @Test
  void checkAcceptsTheDefaultAndSummarisesIt() throws IOException {
    Path file = dir.resolve("portcullis.yaml");
    Cli.run("policy", "init", file.toString());

    Cli.Result result = Cli.run("policy", "check", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "valid",
            "gate: severity CRITICAL,HIGH, exit code 1",
            "preferred 3 images",
            "exceptions: 0");
  }

  @Test
  void checkNamesTheLineOfWhatIsWrongAndExitsOne() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        base-images:
          preferred:
            images: [alpine, "Gcr.io/distroless/*"]
            reason: small
        """);

    Cli.Result result = Cli.run("policy", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("bad.yaml:3:", "image pattern 'Gcr.io/distroless/*'");
    assertThat(result.err().strip().lines()).hasSize(1);
  }

  @Test
  void checkWarnsAboutExpiredExceptions() throws IOException {
    Path file = dir.resolve("portcullis.yaml");
    Files.writeString(
        file,
        """
        exceptions:
          - id: PC-DF-100
            reason: migrating to a non-root user
            owner: team@example.com
            expires: 2020-01-31
        """);

    Cli.Result result = Cli.run("policy", "check", file.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("warning: exception PC-DF-100", "expired 2020-01-31");
  }

  @Test
  void checkOfAMissingFileIsAUsageError() {
    Cli.Result result = Cli.run("policy", "check", dir.resolve("nope.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no such file", "policy init");
  }
}
