package dev.portcullis.attribution;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base guessed from the history, as the classic builder writes it too; no registry asked. */
class HistoryGuessTest {

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode sbom(String source) throws Exception {
    Cli.Result result = Cli.run("sbom", "image", source, "--no-cache", "--offline", "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    return json.readTree(result.out());
  }

  @Test
  void theClassicBuildersNopCmdEndsTheBase() throws Exception {
    Path layout = dir.resolve("classic");
    new OciLayoutBuilder()
        .layer(
            "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4 in / ",
            file("etc/hostname", "a\n"))
        .layer("/bin/sh -c apt-get update", file("var/lib/apt/lists/x", "b\n"))
        .emptyLayerHere("/bin/sh -c #(nop)  CMD [\"bash\"]")
        .layer("/bin/sh -c apt-get install -y curl", file("usr/bin/curl", "c\n"))
        .emptyLayerHere("/bin/sh -c #(nop)  ENTRYPOINT [\"/usr/bin/curl\"]")
        .emptyLayerHere("/bin/sh -c #(nop)  CMD [\"--help\"]")
        .writeTo(layout, "app");

    JsonNode report = sbom("oci:" + layout + ":app");

    assertThat(report.at("/attribution/method").asText()).isEqualTo("history-guess");
    assertThat(report.at("/attribution/baseLayers")).hasSize(2);
    assertThat(report.at("/layers/1/origin").asText()).isEqualTo("base");
    assertThat(report.at("/layers/2/origin").asText()).isEqualTo("application");
  }

  @Test
  void aRootFilesystemHasNoLayersToAttribute() throws Exception {
    Path rootfs = Files.createDirectories(dir.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("os-release"), "ID=debian\nVERSION_ID=\"12\"\n");

    JsonNode report = sbom("rootfs:" + dir.resolve("rootfs"));

    assertThat(report.has("attribution")).isFalse();
  }
}
