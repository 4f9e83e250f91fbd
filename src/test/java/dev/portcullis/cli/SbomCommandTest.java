package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sbom command as users call it. */
class SbomCommandTest {

  @TempDir Path dir;

  /**
   * The demo image: a docker-archive built by scripts/build-demo-image.sh, with a gzip-compressed
   * upper layer.
   */
  private Path demoImage() {
    Path image = dir.resolve("demo.tar");
    Scripts.run("build-demo-image.sh", image);
    return image;
  }

  @Test
  void demoImageWithAGzipLayerInADockerArchive() throws Exception {
    Cli.Result result = Cli.run("sbom", "image", "docker-archive:" + demoImage(), "--no-cache");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Debian GNU/Linux 12 (bookworm)", "Total: 96 packages in 2 layers")
        .doesNotContainPattern("(?m)^less ");
    assertThat(result.out().lines().filter(l -> l.startsWith("tzdata ")).findFirst().orElseThrow())
        .endsWith(" 1");
  }

  @Test
  void filesystemScanReadsAnUnpackedRootFilesystem() throws IOException {
    Path root = dir.resolve("rootfs");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.writeString(root.resolve("etc/alpine-release"), "3.21.0\n");
    Files.writeString(
        root.resolve("lib/apk/db/installed"), "P:busybox\nV:1.37.0-r8\nA:x86_64\no:busybox\n\n");

    Cli.Result result = Cli.run("sbom", "fs", root.toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("\"pkg:apk/alpine/busybox@1.37.0-r8?arch=x86_64&distro=alpine-3.21.0\"");
  }

  @Test
  void aDirectoryNamedThroughASymlinkIsScannedAsTheDirectory() throws IOException {
    Path root = dir.resolve("rootfs");
    Files.createDirectories(root.resolve("lib/apk/db"));
    Files.writeString(
        root.resolve("lib/apk/db/installed"), "P:busybox\nV:1.37.0-r8\nA:x86_64\no:busybox\n\n");
    Path link = Files.createSymbolicLink(dir.resolve("current"), root);

    Cli.Result result = Cli.run("sbom", "fs", link.toString(), "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("\"name\" : \"busybox\"");
  }

  @Test
  void reportGoesToTheRequestedFileAndNothingElseIsWritten() throws Exception {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Path report = out.resolve("sbom.spdx.json");

    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            demoImage().toString(),
            "--no-cache",
            "-f",
            "spdx-json",
            "-o",
            report.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    try (var files = Files.list(out)) {
      assertThat(files.toList()).containsExactly(report);
    }
  }

  @Test
  void cacheDirectoryReceivesOneEntryPerLayer() throws Exception {
    Path cache = dir.resolve("cache");
    Path image = demoImage();

    assertThat(
            Cli.run("sbom", "image", image.toString(), "--cache-dir", cache.toString()).exitCode())
        .isZero();
    Cli.Result again = Cli.run("sbom", "image", image.toString(), "--cache-dir", cache.toString());

    assertThat(again.exitCode()).isZero();
    try (var entries = Files.walk(cache)) {
      assertThat(entries.filter(p -> p.toString().endsWith(".bin")).count()).isEqualTo(2);
    }
  }

  @Test
  void helpListsTheSourcesAndFormats() {
    Cli.Result result = Cli.run("sbom", "image", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "docker-archive:PATH", "oci:DIR", "registry:", "--format", "--platform", "--cache-dir");
    assertThat(List.of(Cli.run("--version").out()))
        .singleElement()
        .asString()
        .startsWith("portcullis ");
  }
}
