package dev.portcullis.analyzer.java;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's story: a "Python-only" image whose PDF library ships a Java renderer with Log4j
 * inside. The Log4j jars are the real ones from Maven Central (fetched by the build into
 * target/test-jars); the renderer and the image around them are made here.
 */
class JavaArchiveTest {

  private static final Path JARS =
      Path.of(System.getProperty("portcullis.testJars", "target/test-jars"));
  private static final String OS_RELEASE =
      "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
  private static final String RENDERER =
      "usr/lib/python3/dist-packages/pdftool/java/pdf-renderer.jar";

  @TempDir Path dir;

  /** A fat jar: a manifest of its own and two real jars inside it. */
  private static byte[] renderer(boolean withManifest) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      if (withManifest) {
        zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
        zip.write(
            "Manifest-Version: 1.0\r\nImplementation-Title: pdf-renderer\r\nImplementation-Version: 3.1\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
      }
      for (String jar : new String[] {"log4j-core-2.14.1.jar", "log4j-api-2.14.1.jar"}) {
        zip.putNextEntry(new ZipEntry("lib/" + jar));
        zip.write(Files.readAllBytes(JARS.resolve(jar)));
      }
    }
    return bytes.toByteArray();
  }

  /** The same real jar with its Maven metadata taken out, as shaded and repackaged jars are. */
  private static byte[] withoutPomProperties(Path jar) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (!entry.getName().startsWith("META-INF/maven/")
            && !entry.getName().equals("META-INF/MANIFEST.MF")) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(out);
        }
      }
    }
    return bytes.toByteArray();
  }

  private Path image(OciLayoutBuilder.Entry... extra) throws IOException {
    Path layout = dir.resolve("layout");
    OciLayoutBuilder builder =
        new OciLayoutBuilder()
            .layer(
                "debian",
                file("etc/os-release", OS_RELEASE),
                file(
                    "var/lib/dpkg/status",
                    "Package: python3\nStatus: install ok installed\nVersion: 3.11.2-1+b1\nArchitecture: amd64\n\n"))
            .layer(
                "pip install pdftool",
                file("usr/lib/python3/dist-packages/pdftool/__init__.py", "# renders PDFs\n"),
                file(RENDERER, renderer(true)));
    if (extra.length > 0) {
      builder.layer("extra", extra);
    }
    builder.writeTo(layout, "v1");
    return layout;
  }

  @Test
  void log4jInsideAPythonPackagesJavaToolIsFound() throws IOException {
    Cli.Result result = Cli.run("sbom", "image", "oci:" + image(), "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "\"name\" : \"org.apache.logging.log4j:log4j-core\"",
            "\"version\" : \"2.14.1\"",
            "\"foundIn\" : \"" + RENDERER + "!/lib/log4j-core-2.14.1.jar\"",
            "\"purl\" : \"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\"",
            "\"name\" : \"pdf-renderer\"",
            "\"evidence\" : \"MANIFEST.MF\"");
  }

  @Test
  void theGateFailsOnLog4ShellInAPythonImage() throws IOException {
    Path records = dir.resolve("records");
    Files.createDirectories(records);
    // Written by this test after GHSA-jfh8-c2jp-5v3q (Log4Shell): its ranges and CVSS vector.
    Files.writeString(
        records.resolve("log4shell.json"),
        """
        {"id":"GHSA-jfh8-c2jp-5v3q","modified":"2026-01-01T00:00:00Z","aliases":["CVE-2021-44228"],
         "summary":"Remote code injection in Log4j (test copy of the advisory's ranges)",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}],
         "affected":[{"package":{"ecosystem":"Maven","name":"org.apache.logging.log4j:log4j-core"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"2.0-beta9"},{"fixed":"2.3.1"},
             {"introduced":"2.4"},{"fixed":"2.12.2"},{"introduced":"2.13.0"},{"fixed":"2.15.0"}]}]}]}
        """);
    Path db = dir.resolve("v.sqlite");
    assertThat(Cli.run("db", "import", records.toString(), "--db", db.toString()).exitCode())
        .isZero();

    Cli.Result result =
        Cli.run(
            "scan",
            "image",
            "oci:" + image(),
            "--no-cache",
            "--db",
            db.toString(),
            "--severity",
            "CRITICAL",
            "--exit-code",
            "1");

    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "CVE-2021-44228",
            "/" + RENDERER + "!/lib/log4j-core-2.14.1.jar",
            "CRITICAL 10.0",
            "org.apache.logging.log4j:log4j-core",
            "2.15.0");
  }

  @Test
  void aJarWithoutMetadataIsNamedByItsFileAndSaysSo() throws IOException {
    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            "oci:"
                + image(
                    file(
                        "opt/app/lib/log4j-core-2.14.1.jar",
                        withoutPomProperties(JARS.resolve("log4j-core-2.14.1.jar")))),
            "--no-cache",
            "-f",
            "json");

    assertThat(result.out()).contains("\"name\" : \"log4j-core\"", "\"evidence\" : \"file name\"");
  }

  @Test
  void archiveLimitsAreSetOnTheCommandLine() throws IOException {
    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            "oci:" + image(),
            "--no-cache",
            "-f",
            "json",
            "--max-archive-depth",
            "0");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .doesNotContain("\"name\" : \"org.apache.logging.log4j:log4j-core\"")
        .contains("archives nested deeper than 0 were not read");
    assertThat(Cli.run("sbom", "image", "oci:" + image(), "--max-archive-entries", "0").exitCode())
        .isEqualTo(2);
  }

  @Test
  void corruptArchiveIsAWarningAndTheScanGoesOn() throws IOException {
    Cli.Result result =
        Cli.run(
            "sbom",
            "image",
            "oci:"
                + image(
                    file(
                        "opt/app/broken.jar",
                        "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.ISO_8859_1))),
            "--no-cache");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("org.apache.logging.log4j:log4j-core", "WARNING: /opt/app/broken.jar");
  }

  @Test
  void nestingBeyondTheLimitIsReportedNotFollowed() throws IOException {
    byte[] jar = Files.readAllBytes(JARS.resolve("log4j-api-2.14.1.jar"));
    for (int level = 0; level < 7; level++) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry("inner-" + level + ".jar"));
        zip.write(jar);
      }
      jar = bytes.toByteArray();
    }
    JavaArchiveAnalyzer analyzer = new JavaArchiveAnalyzer(ArchiveLimits.defaults());
    try (InputStream in = new java.io.ByteArrayInputStream(jar)) {
      var result =
          analyzer.analyze(new dev.portcullis.analyzer.AnalysisInput("deep.jar", jar.length, in));
      assertThat(result.warnings()).anyMatch(w -> w.contains("nested deeper than 5"));
      assertThat(result.packages())
          .extracting(Package::name)
          .doesNotContain("org.apache.logging.log4j:log4j-api");
    }
  }

  @Test
  void zipBombStopsAtTheInflationLimitWithOneWarning() throws IOException {
    // Each nested jar holds 4 MiB of zeros that compress to almost nothing.
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(inner)) {
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      zip.write(new byte[4 * 1024 * 1024]);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < 3; i++) {
        zip.putNextEntry(new ZipEntry("nested-" + i + ".jar"));
        zip.write(inner.toByteArray());
      }
    }
    JavaArchiveAnalyzer analyzer =
        new JavaArchiveAnalyzer(new ArchiveLimits(5, 1000, 1024 * 1024, 10_000));
    byte[] bomb = bytes.toByteArray();

    var result =
        analyzer.analyze(
            new dev.portcullis.analyzer.AnalysisInput(
                "bomb.jar", bomb.length, new java.io.ByteArrayInputStream(bomb)));

    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("inflates beyond 1048576 bytes");
  }

  @Test
  void archiveWithMorePomPropertiesThanTheLimitKeepsTheFirstWithOneWarning() throws IOException {
    byte[] jar = dev.portcullis.testing.HostileLayers.jarOfPomProperties(5);
    JavaArchiveAnalyzer analyzer =
        new JavaArchiveAnalyzer(new ArchiveLimits(5, 1000, 1024 * 1024, 3));

    var result =
        analyzer.analyze(
            new dev.portcullis.analyzer.AnalysisInput(
                "app/fat.jar", jar.length, new java.io.ByteArrayInputStream(jar)));

    assertThat(result.packages())
        .extracting(Package::name)
        .containsExactly("g0:a0", "g1:a1", "g2:a2");
    assertThat(result.warnings())
        .containsExactly(
            "/app/fat.jar: more than 3 pom.properties in one archive and what it nests, the limit"
                + " for one archive; the rest were not read");
  }
}
