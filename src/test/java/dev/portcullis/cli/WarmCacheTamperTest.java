package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A docker-archive rewritten after a scan filled the layer cache: the layer's analysis is still
 * cached under its diffID, but the archive no longer holds that layer, and the scan says so.
 */
class WarmCacheTamperTest {

  @TempDir Path dir;

  @Test
  void layerRewrittenUnderAWarmCacheIsRefusedWithExitCode2() throws IOException {
    Path image = dir.resolve("debian.tar");
    Files.copy(TestImages.dockerArchive("debian"), image, StandardCopyOption.COPY_ATTRIBUTES);
    String cache = dir.resolve("cache").toString();
    Cli.Result cold = sbom(image, cache);
    assertThat(cold.exitCode()).as(cold.err()).isZero();
    Cli.Result warm = sbom(image, cache);
    assertThat(warm.exitCode()).as(warm.err()).isZero();

    FileTime modified = Files.getLastModifiedTime(image);
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      // The layer is nearly all of the archive: its middle lies inside some file's content.
      long middle = file.length() / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 0x01);
    }
    Files.setLastModifiedTime(image, modified);

    Cli.Result tampered = sbom(image, cache);
    assertThat(tampered.exitCode()).as(tampered.out()).isEqualTo(2);
    assertThat(tampered.err()).contains("layer 0", "sha256:");
  }

  private static Cli.Result sbom(Path image, String cache) {
    return Cli.run(
        "sbom",
        "image",
        "docker-archive:" + image,
        "--cache-dir",
        cache,
        "--offline",
        "-f",
        "json");
  }
}
