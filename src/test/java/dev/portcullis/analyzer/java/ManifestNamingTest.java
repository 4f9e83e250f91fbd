package dev.portcullis.analyzer.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.inventory.Package;
import dev.portcullis.testing.AnalyzerRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Jars known by their manifest alone. The real log4j-core jar from Maven Central, with its
 * pom.properties taken out as repackaging does, keeps a manifest whose Implementation-Title is
 * "Apache Log4j Core": human text that no advisory names.
 */
class ManifestNamingTest {

  private static final Path JARS =
      Path.of(System.getProperty("portcullis.testJars", "target/test-jars"));

  /** The real jar without its Maven metadata; its manifest is kept. */
  private static byte[] log4jCoreWithManifestOnly() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in =
            new ZipInputStream(Files.newInputStream(JARS.resolve("log4j-core-2.14.1.jar")));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (!entry.getName().startsWith("META-INF/maven/")) {
          out.putNextEntry(new ZipEntry(entry.getName()));
          in.transferTo(out);
        }
      }
    }
    return bytes.toByteArray();
  }

  private static Package only(String path, byte[] jar) throws IOException {
    List<Package> packages =
        AnalyzerRuns.analyze(new JavaArchiveAnalyzer(ArchiveLimits.defaults()), path, jar)
            .packages();
    assertThat(packages).hasSize(1);
    return packages.get(0);
  }

  private static byte[] jar(String manifest) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write(("Manifest-Version: 1.0\r\n" + manifest + "\r\n").getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("x/Y.class"));
      zip.write(new byte[] {(byte) 0xca, (byte) 0xfe});
    }
    return bytes.toByteArray();
  }

  @Test
  void versionedFileNameAndVendorIdGiveMavenCoordinatesNotTheTitle() throws IOException {
    Package pkg = only("opt/app/lib/log4j-core-2.14.1.jar", log4jCoreWithManifestOnly());

    assertThat(pkg.name()).isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(pkg.version()).isEqualTo("2.14.1");
    assertThat(pkg.evidence()).isEqualTo("MANIFEST.MF, file name");
  }

  @Test
  void debianStyleFileNameWithoutVersionIsTheArtifactWhenTheBundleNameAgrees() throws IOException {
    Package pkg = only("usr/share/java/log4j-core.jar", log4jCoreWithManifestOnly());

    assertThat(pkg.name()).isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(pkg.version()).isEqualTo("2.14.1");
  }

  @Test
  void renamedJarIsNamedByItsBundleNeverByItsTitle() throws IOException {
    Package pkg = only("opt/app/lib/logging.jar", log4jCoreWithManifestOnly());

    assertThat(pkg.name()).isEqualTo("org.apache.logging.log4j.core").doesNotContain(" ");
    assertThat(pkg.version()).isEqualTo("2.14.1");
    assertThat(pkg.evidence()).isEqualTo("MANIFEST.MF");
  }

  @Test
  void aModuleNameNamesAJarWithoutBundleHeaders() throws IOException {
    Package pkg =
        only(
            "opt/app/lib/helpers.jar",
            jar(
                "Implementation-Title: Example Utilities\r\nImplementation-Version: 1.4\r\n"
                    + "Automatic-Module-Name: com.example.util\r\n"));

    assertThat(pkg.name()).isEqualTo("com.example.util");
    assertThat(pkg.version()).isEqualTo("1.4");
  }

  @Test
  void aTitleThatIsAnIdentifierStillNamesTheArtifact() throws IOException {
    Package pkg =
        only(
            "opt/app/lib/renderer.jar",
            jar(
                "Implementation-Title: pdf-renderer\r\nImplementation-Version: 3.1\r\n"
                    + "Implementation-Vendor-Id: com.example\r\n"));

    assertThat(pkg.name()).isEqualTo("com.example:pdf-renderer");
  }

  @Test
  void aHumanTitleAloneNamesNothingAndTheFileNameIsTheLastResort() throws IOException {
    Package pkg =
        only(
            "opt/app/lib/commons-lang-2.6.jar",
            jar("Implementation-Title: Apache Commons Lang\r\nImplementation-Version: 2.6\r\n"));

    assertThat(pkg.name()).isEqualTo("commons-lang");
    assertThat(pkg.version()).isEqualTo("2.6");
  }

  @Test
  void theJarsSha1IsRecordedSoItsCoordinatesCanBeChecked() throws IOException {
    byte[] jar = log4jCoreWithManifestOnly();

    assertThat(only("opt/app/lib/logging.jar", jar).sha1()).isEqualTo(sha1(jar));
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
