package dev.portcullis.artifact;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.directory;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.executable;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.hardlink;
import static dev.portcullis.testing.OciLayoutBuilder.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.LocalSources;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.CountingSource;
import dev.portcullis.testing.OciLayoutBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The OCI layering rules, each shown on a small image written for it. */
class LayeringRulesTest {

  private static final String OS_RELEASE =
      "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
  private static final String APK_DB =
      """
      C:Q1abc=
      P:musl
      V:1.2.5-r0
      A:x86_64
      L:MIT
      o:musl
      m:Natanael Copa <ncopa@alpinelinux.org>
      F:lib
      R:ld-musl-x86_64.so.1

      C:Q1def=
      P:libcrypto3
      V:3.3.2-r0
      A:x86_64
      L:Apache-2.0
      o:openssl
      F:usr/lib
      R:libcrypto.so.3

      """;

  @TempDir Path dir;

  private static String status(String... packages) {
    StringBuilder text = new StringBuilder();
    for (String p : packages) {
      String[] nameVersion = p.split("=");
      text.append("Package: ")
          .append(nameVersion[0])
          .append("\nStatus: install ok installed\nVersion: ")
          .append(nameVersion[1])
          .append("\nArchitecture: amd64\n\n");
    }
    return text.toString();
  }

  private Inventory inventory(OciLayoutBuilder builder) throws IOException {
    return inventory(builder, null);
  }

  private Inventory inventory(OciLayoutBuilder builder, LayerCache cache) throws IOException {
    Path layout = dir.resolve("layout");
    builder.writeTo(layout, "v1");
    try (ImageSource source =
        LocalSources.ociLayout(layout, null, Platform.linuxAmd64(), Limits.defaults())) {
      return new ImageInventory(
              Analyzers.forImages(ArchiveLimits.defaults()), Limits.defaults(), cache)
          .build(source);
    }
  }

  @Test
  void opaqueDirectoryHidesWhatLowerLayersPutInIt() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file(
                        "var/lib/dpkg/status.d/old",
                        status("old=1.0").replace("Status: install ok installed\n", "")))
                .layer(
                    "reset",
                    directory("var/lib/dpkg/status.d/"),
                    file("var/lib/dpkg/status.d/.wh..wh..opq", ""),
                    file("var/lib/dpkg/status.d/new", status("new=2.0"))));

    assertThat(inventory.packages()).extracting(Package::name).containsExactly("new");
  }

  @Test
  void whiteoutOfADirectoryRemovesEverythingBelowIt() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/lib/dpkg/status", status("bash=5.2")))
                .layer("rm -rf /var/lib/dpkg", file("var/lib/.wh.dpkg", "")));

    assertThat(inventory.packages()).isEmpty();
    assertThat(inventory.os().family()).isEqualTo("debian");
  }

  /** Streamed (gzip) or read in place (stored uncompressed): the second walk finds the target. */
  @ParameterizedTest
  @EnumSource(
      value = OciLayoutBuilder.Compression.class,
      names = {"GZIP", "NONE"})
  void hardLinkToAPackageDatabaseIsRead(OciLayoutBuilder.Compression compression)
      throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .compression(compression)
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/backups/dpkg.status", status("bash=5.2")),
                    hardlink("var/lib/dpkg/status", "var/backups/dpkg.status")));

    assertThat(inventory.packages()).extracting(Package::name).containsExactly("bash");
  }

  /** Streamed (gzip) or read in place (stored uncompressed): the second walk finds the target. */
  @ParameterizedTest
  @EnumSource(
      value = OciLayoutBuilder.Compression.class,
      names = {"GZIP", "NONE"})
  void aHardLinkIsReadByEveryAnalyzerThatWantsItWhateverReadItsTarget(
      OciLayoutBuilder.Compression compression) throws IOException {
    // The target is an executable, so the binary analyzer reads it; the package database analyzer
    // wants the link's name only, and must still be given the content.
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .compression(compression)
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    executable(
                        "usr/local/bin/status-copy",
                        status("bash=5.2").getBytes(StandardCharsets.UTF_8)),
                    hardlink("var/lib/dpkg/status", "usr/local/bin/status-copy")));

    assertThat(inventory.packages()).extracting(Package::name).containsExactly("bash");
  }

  @Test
  void aFileRewrittenInAnUpperLayerTakesItsFindingsAlongEvenIfNothingIsFoundInTheNewOne()
      throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/lib/dpkg/status", status("bash=5.2")))
                .layer("truncate the database", file("var/lib/dpkg/status", "")));

    assertThat(inventory.packages()).isEmpty();
  }

  @Test
  void aHardLinkIntoALowerLayerThatAnAnalyzerWantsIsReported() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/backups/dpkg.status", status("bash=5.2")))
                .layer("ln", hardlink("var/lib/dpkg/status", "var/backups/dpkg.status")));

    assertThat(inventory.warnings())
        .containsExactly(
            "hard link /var/lib/dpkg/status points at /var/backups/dpkg.status of a lower layer;"
                + " it was not analysed");
  }

  @Test
  void aHardLinkToAHardLinkIsFollowedToItsFile() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/backups/dpkg.status", status("bash=5.2")),
                    hardlink("var/backups/dpkg.status.1", "var/backups/dpkg.status"),
                    hardlink("var/lib/dpkg/status", "var/backups/dpkg.status.1")));

    assertThat(inventory.packages()).extracting(Package::name).containsExactly("bash");
    assertThat(inventory.warnings()).isEmpty();
  }

  @Test
  void hardLinksThatPointAtEachOtherAreOneWarningNotAHang() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    hardlink("var/lib/dpkg/status", "app/b.jar"),
                    hardlink("app/b.jar", "app/c.jar"),
                    hardlink("app/c.jar", "var/lib/dpkg/status"),
                    hardlink("app/self.jar", "app/self.jar")));

    assertThat(inventory.warnings())
        .containsExactly(
            "hard link /var/lib/dpkg/status is part of a loop of hard links, or of a chain longer"
                + " than 40; it was not analysed (nor were 3 more like it)");
  }

  @Test
  void aFileTooLargeForItsAnalyzerIsReportedNotPassedOverInSilence() throws IOException {
    byte[] huge = new byte[9 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("app/node_modules/left-pad/package.json", huge)));

    assertThat(inventory.warnings())
        .anyMatch(
            w ->
                w.startsWith("/app/node_modules/left-pad/package.json (9437184 bytes)")
                    && w.contains("analyzer reads; it was not analysed"));
  }

  @Test
  void osReleaseIsReadThroughItsSymlink() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file(
                        "usr/lib/os-release",
                        OS_RELEASE.replace("debian", "ubuntu").replace("12", "24.04")),
                    symlink("etc/os-release", "../usr/lib/os-release"),
                    file("etc/debian_version", "trixie/sid\n")));

    assertThat(inventory.os().family()).isEqualTo("ubuntu");
    assertThat(inventory.os().version()).isEqualTo("24.04");
  }

  @Test
  void symlinkPointingOutOfTheImageStaysInside() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    symlink("etc/os-release", "../../../../usr/lib/os-release"),
                    file("usr/lib/os-release", OS_RELEASE)));

    assertThat(inventory.os().version()).isEqualTo("12");
  }

  @Test
  void alpinePackagesCarryOriginLicenseAndFiles() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/alpine-release", "3.20.3\n"),
                    file("lib/apk/db/installed", APK_DB)));

    Package libcrypto = inventory.packages().get(0);
    assertThat(libcrypto.name()).isEqualTo("libcrypto3");
    assertThat(libcrypto.sourceName()).isEqualTo("openssl");
    assertThat(libcrypto.license()).isEqualTo("Apache-2.0");
    assertThat(libcrypto.files()).containsExactly("/usr/lib/libcrypto.so.3");
    assertThat(libcrypto.purl())
        .isEqualTo("pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=alpine-3.20.3");
  }

  @Test
  void removedButNotPurgedDebianPackagesAreNotListed() throws IOException {
    String removed =
        "Package: gone\nStatus: deinstall ok config-files\nVersion: 1.0\nArchitecture: amd64\n\n";
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/lib/dpkg/status", removed + status("kept=1.0"))));

    assertThat(inventory.packages()).extracting(Package::name).containsExactly("kept");
  }

  @Test
  void berkeleyRpmDatabaseIsReportedAsNotRead() throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .layer(
                    "base",
                    file("etc/redhat-release", "Red Hat Enterprise Linux release 8.10 (Ootpa)\n"),
                    file("var/lib/rpm/Packages", "\0\0\0\0")));

    assertThat(inventory.os().family()).isEqualTo("rhel");
    assertThat(inventory.os().version()).isEqualTo("8.10");
    assertThat(inventory.warnings()).singleElement().asString().contains("Berkeley DB", "not");
  }

  @ParameterizedTest
  @EnumSource(OciLayoutBuilder.Compression.class)
  void layersAreReadWhateverTheirCompression(OciLayoutBuilder.Compression compression)
      throws IOException {
    Inventory inventory =
        inventory(
            new OciLayoutBuilder()
                .compression(compression)
                .layer(
                    "base",
                    file("etc/os-release", OS_RELEASE),
                    file("var/lib/dpkg/status", status("bash=5.2"))));

    assertThat(inventory.packages()).extracting(Package::name).containsExactly("bash");
  }

  @Test
  void secondScanOfTheSameLayersReadsNoLayer() throws IOException {
    OciLayoutBuilder image =
        new OciLayoutBuilder()
            .layer(
                "base",
                file("etc/os-release", OS_RELEASE),
                file("var/lib/dpkg/status", status("bash=5.2")))
            .layer("upgrade", file("var/lib/dpkg/status", status("bash=5.3")));
    Path layout = dir.resolve("cached");
    image.writeTo(layout, "v1");
    LayerCache cache = new LayerCache(dir.resolve("cache"));

    CountedScan first = scanCounting(layout, cache);
    CountedScan second = scanCounting(layout, cache);

    assertThat(first.walks()).isEqualTo(2);
    assertThat(second.walks()).isZero();
    assertThat(second.inventory().packages()).isEqualTo(first.inventory().packages());
    assertThat(second.inventory().packages().get(0).layer().index()).isEqualTo(1);
  }

  private record CountedScan(Inventory inventory, int walks) {}

  private static CountedScan scanCounting(Path layout, LayerCache cache) throws IOException {
    try (ImageSource source =
        LocalSources.ociLayout(layout, null, Platform.linuxAmd64(), Limits.defaults())) {
      CountingSource counting = new CountingSource(source);
      Inventory inventory =
          new ImageInventory(
                  Analyzers.forImages(ArchiveLimits.defaults()), Limits.defaults(), cache)
              .build(counting);
      return new CountedScan(inventory, counting.walks());
    }
  }
}
