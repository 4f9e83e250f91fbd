package dev.portcullis.cli;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.OciLayoutBuilder.Compression;
import dev.portcullis.testing.OciLayoutBuilder.WrittenLayer;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken and malicious images: one clear line, exit code 2, no stack trace, no file written. */
class HostileInputTest {

  private static final String STATUS =
      "Package: demo\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n\n";

  @TempDir Path dir;

  private Path layout(Compression compression, OciLayoutBuilder.Entry... entries)
      throws IOException {
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .compression(compression)
        .layer("RUN make", entries)
        .writeTo(layout, "v1");
    return layout;
  }

  private static void assertInputError(Cli.Result result, String... fragments) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith("portcullis: ").contains(fragments).doesNotContain("\tat ");
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.out()).isEmpty();
  }

  private Cli.Result sbom(String source, String... more) {
    String[] args =
        Stream.concat(Stream.of("sbom", "image", source, "--no-cache"), Stream.of(more))
            .toArray(String[]::new);
    return Cli.run(args);
  }

  @Test
  void truncatedDockerArchiveIsAnInputError() throws IOException {
    Path truncated = dir.resolve("truncated.tar");
    try (InputStream in = Files.newInputStream(TestImages.dockerArchive("distroless"));
        OutputStream out = Files.newOutputStream(truncated)) {
      out.write(in.readNBytes((int) (Files.size(TestImages.dockerArchive("distroless")) / 2)));
    }

    assertInputError(sbom("docker-archive:" + truncated), truncated.toString());
  }

  @Test
  void truncatedGzipLayerIsAnInputError() throws IOException {
    Path layout = layout(Compression.GZIP, file("var/lib/dpkg/status", STATUS.repeat(50)));
    Path blob = onlyLayer(layout).blob();
    byte[] bytes = Files.readAllBytes(blob);
    Files.write(blob, Arrays.copyOf(bytes, bytes.length / 2));

    // In a layout the blob digest catches it; as a bare root filesystem tar, the gzip stream does.
    assertInputError(sbom("oci:" + layout), "layer 0", "digest mismatch");
    assertInputError(sbom("rootfs-tar:" + blob), "corrupt or truncated");
  }

  @Test
  void dockerArchiveWithATamperedLayerIsRejected() throws IOException {
    Path archive = dir.resolve("tampered.tar");
    Files.copy(TestImages.dockerArchive("distroless"), archive);
    long layerStart;
    try (TarFile tar = new TarFile(archive)) {
      layerStart =
          tar.getEntries().stream()
              .filter(e -> e.isFile() && e.getName().endsWith(".tar"))
              .mapToLong(TarArchiveEntry::getDataOffset)
              .findFirst()
              .orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
      // The first header's name: the layer stays a readable tar, with one path changed.
      file.seek(layerStart);
      file.write('x');
    }

    assertInputError(sbom("docker-archive:" + archive), "layer 0", "digest mismatch");
  }

  @Test
  void truncatedUncompressedLayerIsAnInputError() throws IOException {
    Path layout = layout(Compression.NONE, file("var/lib/dpkg/status", STATUS.repeat(50)));
    Path blob = onlyLayer(layout).blob();
    byte[] bytes = Files.readAllBytes(blob);
    Files.write(blob, Arrays.copyOf(bytes, 700));

    // Read at random, not streamed: the digest catches it in a layout, the tar reader without one.
    assertInputError(sbom("oci:" + layout), "layer 0", "digest mismatch");
    assertInputError(sbom("rootfs-tar:" + blob), "corrupt or truncated");
  }

  @Test
  void uncompressedLayerWhoseContentDoesNotMatchItsDigestIsRejected() throws IOException {
    Path layout = layout(Compression.NONE, file("etc/motd", "hello"));
    Path blob = onlyLayer(layout).blob();
    byte[] bytes = Files.readAllBytes(blob);
    int content = 512; // the first file's content follows its header
    bytes[content] = (byte) 'j';
    Files.write(blob, bytes);

    assertInputError(sbom("oci:" + layout), "digest mismatch", onlyLayer(layout).blobDigest());
  }

  @Test
  void uncompressedLayerLargerThanTheLimitIsRejected() throws IOException {
    Path layout = layout(Compression.NONE, file("zeros", "\0".repeat(2 * 1024 * 1024)));

    assertInputError(
        sbom("oci:" + layout, "--max-layer-size", "1048576"), "layer 0", "more than the limit");
  }

  @Test
  void corruptZstdLayerIsAnInputError() throws IOException {
    Path layout = layout(Compression.ZSTD, file("var/lib/dpkg/status", STATUS.repeat(50)));
    Path blob = onlyLayer(layout).blob();
    byte[] bytes = Files.readAllBytes(blob);
    for (int i = 12; i < bytes.length - 4; i++) {
      bytes[i] ^= (byte) 0x5a;
    }
    Files.write(blob, bytes);

    assertInputError(sbom("oci:" + layout), "layer 0");
  }

  @Test
  void layerWhoseContentDoesNotMatchItsDigestIsRejected() throws IOException {
    Path layout = layout(Compression.GZIP, file("etc/motd", "hello"));
    Path other = dir.resolve("other");
    List<WrittenLayer> otherLayers =
        new OciLayoutBuilder().layer("RUN x", file("etc/motd", "tampered")).writeTo(other, "v1");
    Files.copy(
        otherLayers.get(0).blob(), onlyLayer(layout).blob(), StandardCopyOption.REPLACE_EXISTING);

    assertInputError(sbom("oci:" + layout), "digest mismatch", onlyLayer(layout).blobDigest());
  }

  @Test
  void manifestPointingAtMissingBlobIsAnInputError() throws IOException {
    Path layout = layout(Compression.GZIP, file("etc/motd", "hello"));
    Files.delete(onlyLayer(layout).blob());

    assertInputError(sbom("oci:" + layout), "missing", onlyLayer(layout).blobDigest());
  }

  /** Container runtimes hold a {@code ..} at the image root: so does the scan, and it says so. */
  @Test
  void entryClimbingOutWithDotDotIsReadAtTheRootAndWarnedAbout() throws IOException {
    Path layout =
        layout(
            Compression.GZIP,
            file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
            file("../../var/lib/dpkg/status", STATUS));

    Cli.Result result = sbom("oci:" + layout, "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.get("packages").toString()).contains("\"name\":\"demo\"");
    assertThat(report.get("warnings").toString())
        .contains("'../../var/lib/dpkg/status' climbs above the image root")
        .contains("read as /var/lib/dpkg/status");
  }

  @Test
  void entryWithAbsolutePathIsReadRelativeToTheImageRoot() throws IOException {
    Path layout =
        layout(
            Compression.NONE,
            file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
            file("/var/lib/dpkg/status", STATUS));

    Cli.Result result = sbom("oci:" + layout, "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(result.out());
    assertThat(report.get("packages").toString()).contains("\"name\":\"demo\"");
    assertThat(report.get("warnings").toString()).isEqualTo("[]");
  }

  @Test
  void symlinkLoopIsReportedNotFollowedForever() throws IOException {
    Path layout =
        layout(
            Compression.GZIP,
            symlink("etc/os-release", "os-release.d"),
            symlink("etc/os-release.d", "/etc/os-release"));

    assertInputError(sbom("oci:" + layout), "symlink loop", "etc/os-release");
  }

  @Test
  void decompressionBombStopsAtTheLayerLimit() throws IOException {
    Path layout = layout(Compression.GZIP, file("zeros", "\0".repeat(4 * 1024 * 1024)));

    assertInputError(sbom("oci:" + layout, "--max-layer-size", "1048576"), "decompression bomb");
  }

  @Test
  void malformedIndexIsAnInputError() throws IOException {
    Path layout = layout(Compression.GZIP, file("etc/motd", "hello"));
    Files.writeString(layout.resolve("index.json"), "{\"manifests\": [");

    assertInputError(sbom("oci:" + layout), "index.json", "not valid JSON");
  }

  @Test
  void failedScanWritesNoOutputFile() throws IOException {
    Path layout =
        layout(
            Compression.GZIP,
            symlink("etc/os-release", "os-release.d"),
            symlink("etc/os-release.d", "/etc/os-release"));
    Path report = dir.resolve("reports").resolve("sbom.json");
    Files.createDirectories(report.getParent());

    Cli.Result result = sbom("oci:" + layout, "--format", "json", "-o", report.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    try (Stream<Path> files = Files.list(report.getParent())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void debugAddsTheStackTrace() throws IOException {
    Path layout =
        layout(
            Compression.GZIP,
            symlink("etc/os-release", "os-release.d"),
            symlink("etc/os-release.d", "/etc/os-release"));

    Cli.Result result = sbom("oci:" + layout, "--debug");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("\tat ");
  }

  @Test
  void unknownFormatIsAUsageError() {
    Cli.Result result = Cli.run("sbom", "image", "oci:/nowhere", "--format", "xml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unknown format 'xml'");
  }

  @Test
  void missingArchiveWithoutPrefixIsNotMistakenForARegistryImage() {
    Cli.Result result = Cli.run("sbom", "image", "missing-image.tar", "--no-cache");

    assertInputError(result, "missing-image.tar: no such file or directory");
  }

  @Test
  void missingFileIsAnInputError() {
    assertInputError(
        sbom("docker-archive:" + dir.resolve("absent.tar")), "absent.tar", "no such file");
  }

  private static WrittenLayer onlyLayer(Path layout) throws IOException {
    // The builder wrote one layer; find it again from the manifest to stay independent of its
    // internals.
    ObjectMapper mapper = new ObjectMapper();
    String manifestDigest =
        mapper
            .readTree(layout.resolve("index.json").toFile())
            .path("manifests")
            .path(0)
            .path("digest")
            .asText();
    var manifest = mapper.readTree(OciLayoutBuilder.blobPath(layout, manifestDigest).toFile());
    String blobDigest = manifest.path("layers").path(0).path("digest").asText();
    return new WrittenLayer(blobDigest, null, OciLayoutBuilder.blobPath(layout, blobDigest));
  }

  @Test
  void offlineRefusesRegistryImages() {
    Cli.Result result = Cli.run("sbom", "image", "registry:127.0.0.1:1/app:1", "--offline");

    assertInputError(result, "needs the network, which --offline forbids");
  }
}
