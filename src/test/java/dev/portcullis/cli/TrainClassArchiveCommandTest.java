package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run bin/portcullis records its class-data-sharing archive from: every command it names runs
 * to its end in one JVM, and it writes only into its work directory.
 */
class TrainClassArchiveCommandTest {

  @TempDir Path dir;

  /** The demo image, built in a directory of its own (with the script's log beside it). */
  private Path demoImage() {
    Path image = dir.resolve("input/demo.tar");
    Scripts.run("build-demo-image.sh", image);
    return image;
  }

  @Test
  void runsTheSbomsAndTheScanOfTheDemoImage() throws Exception {
    Path image = demoImage();
    Path work = Files.createDirectories(dir.resolve("work"));

    Cli.Result result =
        Cli.run(
            "train-class-archive",
            image.toString(),
            "--advisories",
            "demo/osv",
            "--work-dir",
            work.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    for (String report :
        new String[] {"sbom.cyclonedx", "sbom.spdx-json", "sbom.json", "scan.json"}) {
      assertThat(work.resolve(report)).isNotEmptyFile();
    }
    assertThat(Files.readString(work.resolve("scan.json"))).contains("PORTCULLIS-DEMO-0001");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("input", "work");
    }
  }

  @Test
  void aCommandThatFailsEndsTheTrainingWithItsExitCode() {
    Cli.Result result =
        Cli.run(
            "train-class-archive",
            dir.resolve("missing.tar").toString(),
            "--work-dir",
            dir.resolve("work").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("training run 'sbom image docker-archive:");
  }

  @Test
  void helpDoesNotListIt() {
    assertThat(Cli.run("--help").out()).doesNotContain("train-class-archive");
  }
}
