package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.inventory.ImageInfo;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.LayerInfo;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every report format, checked against its schema or golden file. */
class ReportFormatsTest {

  private static final ToolInfo TOOL =
      new ToolInfo("portcullis", "test", Instant.parse("2026-01-01T00:00:00Z"));
  private static final Path GOLDEN = Path.of("src/test/resources/golden/inventory.json");

  @TempDir Path dir;

  static Inventory sample() {
    LayerInfo base =
        new LayerInfo(
            0, "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "mmdebstrap bookworm");
    LayerInfo upgrade =
        new LayerInfo(
            1, "sha256:" + "c".repeat(64), "sha256:" + "d".repeat(64), "RUN apt-get upgrade");
    Package libc =
        new Package(
            "deb",
            "libc6",
            "2.36-9+deb12u7",
            "amd64",
            "glibc",
            "2.36-9+deb12u7",
            "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
            null,
            "var/lib/dpkg/status",
            base,
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12",
            List.of("/lib/x86_64-linux-gnu/libc.so.6"),
            null,
            false,
            null,
            null);
    Package bsdutils =
        new Package(
            "deb",
            "bsdutils",
            "1:2.38.1-5+deb12u3",
            "amd64",
            "util-linux",
            "2.38.1-5+deb12u3",
            null,
            null,
            "var/lib/dpkg/status",
            upgrade,
            "pkg:deb/debian/bsdutils@1%3A2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12",
            List.of(),
            null,
            false,
            null,
            null);
    return new Inventory(
        new ImageInfo(
            "docker-archive:app.tar",
            null,
            "sha256:" + "e".repeat(64),
            List.of("example/app:1"),
            "linux",
            "amd64"),
        new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)", "usr/lib/os-release"),
        List.of(base, upgrade),
        List.of(bsdutils, libc),
        List.of());
  }

  static byte[] render(ReportFormat format, Inventory inventory) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryWriter.forFormat(format).write(inventory, TOOL, out);
    return out.toByteArray();
  }

  @Test
  void cycloneDxValidatesAgainstTheSchema() throws IOException {
    byte[] bom = render(ReportFormat.CYCLONEDX, sample());

    assertThat(new JsonParser().validate(bom, CycloneDxWriter.VERSION)).isEmpty();
    JsonNode json = new ObjectMapper().readTree(bom);
    assertThat(json.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(json.path("components").findValuesAsText("purl"))
        .contains(sample().packages().get(1).purl());
  }

  @Test
  void spdxValidatesAgainstTheSpdx23Schema() throws IOException {
    byte[] document = render(ReportFormat.SPDX_JSON, sample());

    assertThat(spdxSchema().validate(new ObjectMapper().readTree(document))).isEmpty();
  }

  @Test
  void realImageReportsValidateToo() throws IOException {
    String image = "docker-archive:" + TestImages.dockerArchive("debian-next");
    Path cdx = dir.resolve("sbom.cdx.json");
    Path spdx = dir.resolve("sbom.spdx.json");

    assertThat(
            Cli.run("sbom", "image", image, "--no-cache", "-f", "cyclonedx", "-o", cdx.toString())
                .exitCode())
        .isZero();
    assertThat(
            Cli.run("sbom", "image", image, "--no-cache", "-f", "spdx-json", "-o", spdx.toString())
                .exitCode())
        .isZero();

    assertThat(new JsonParser().validate(Files.readAllBytes(cdx), CycloneDxWriter.VERSION))
        .isEmpty();
    assertThat(spdxSchema().validate(new ObjectMapper().readTree(spdx.toFile()))).isEmpty();
  }

  @Test
  void jsonMatchesTheGoldenFile() throws IOException {
    String json = new String(render(ReportFormat.JSON, sample()), StandardCharsets.UTF_8);

    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, json);
    }
    assertThat(json).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void tableShowsLayersPackagesAndTotals() throws IOException {
    String table = new String(render(ReportFormat.TABLE, sample()), StandardCharsets.UTF_8);

    assertThat(table)
        .contains(
            "Debian GNU/Linux 12 (bookworm)",
            "RUN apt-get upgrade",
            "Total: 2 packages in 2 layers");
    assertThat(table.lines().filter(l -> l.startsWith("bsdutils")).findFirst().orElseThrow())
        .contains("1:2.38.1-5+deb12u3", "util-linux", "1");
  }

  static Schema spdxSchema() throws IOException {
    try (InputStream in =
        ReportFormatsTest.class.getResourceAsStream("/resources/spdx-schema-v2.3.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
    }
  }
}
