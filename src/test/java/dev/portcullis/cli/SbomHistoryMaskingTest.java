package dev.portcullis.cli;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SBOM looks for no secrets, yet prints each layer's Dockerfile instruction, where a build
 * argument such as a token is recorded in clear: it is masked there as in scan reports.
 */
class SbomHistoryMaskingTest {

  @TempDir Path dir;

  @Test
  void aTokenPassedAsBuildArgumentIsMaskedInEverySbomFormatThatPrintsTheHistory()
      throws IOException {
    Path image = dir.resolve("image");
    new OciLayoutBuilder()
        .layer(
            "RUN |1 NPM_TOKEN=" + SecretScanTest.NPM + " /bin/sh -c npm ci --omit=dev",
            file("app/package.json", "{\"name\":\"shop\"}\n"))
        .writeTo(image, "app");
    for (String format : List.of("json", "table")) {
      Cli.Result result =
          Cli.run("sbom", "image", "oci:" + image + ":app", "--no-cache", "--format", format);
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out())
          .as(format)
          .contains("NPM_TOKEN=npm_")
          .doesNotContain(SecretScanTest.NPM.substring(4, 12));
    }
  }
}
