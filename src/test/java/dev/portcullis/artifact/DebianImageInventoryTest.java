package dev.portcullis.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.image.ImageSource;
import dev.portcullis.image.Limits;
import dev.portcullis.image.Platform;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.registry.RegistryTimeouts;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory of real Debian images built by mmdebstrap, umoci and skopeo, checked against dpkg
 * itself.
 */
class DebianImageInventoryTest {

  static Inventory inventory(String spec) throws IOException {
    SourceOptions options =
        new SourceOptions(
            Platform.linuxAmd64(),
            Limits.defaults(),
            null,
            false,
            RegistryTimeouts.defaults(),
            false);
    try (ImageSource source = ImageSources.open(spec, options)) {
      return new ImageInventory(
              Analyzers.forImages(ArchiveLimits.defaults()), Limits.defaults(), null)
          .build(source);
    }
  }

  static List<String> asOracleLines(Inventory inventory) {
    return inventory.packages().stream()
        .map(
            p ->
                String.join(
                    " ", p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion()))
        .sorted()
        .toList();
  }

  @Test
  void dockerArchiveListsExactlyWhatDpkgSaysIsInstalled() throws IOException {
    Inventory inventory = inventory("docker-archive:" + TestImages.dockerArchive("debian"));

    assertThat(asOracleLines(inventory)).containsExactlyElementsOf(TestImages.dpkgOracle("debian"));
    assertThat(inventory.os().family()).isEqualTo("debian");
    assertThat(inventory.os().version()).isEqualTo("12");
  }

  @Test
  void whiteoutInUpperLayerHidesPackageFromLowerLayer() throws IOException {
    Inventory base = inventory("docker-archive:" + TestImages.dockerArchive("debian"));
    Inventory next = inventory("docker-archive:" + TestImages.dockerArchive("debian-next"));

    assertThat(base.packages()).extracting(Package::name).contains("less");
    assertThat(next.packages()).extracting(Package::name).doesNotContain("less");
    assertThat(asOracleLines(next)).containsExactlyElementsOf(TestImages.dpkgOracle("debian-next"));
  }

  @Test
  void upgradeInUpperLayerIsAttributedToThatLayer() throws IOException {
    List<String> tzdata = TestImages.tzdataVersions();
    Inventory next = inventory("docker-archive:" + TestImages.dockerArchive("debian-next"));

    Package upgraded = find(next, "tzdata");
    assertThat(upgraded.version()).isEqualTo(tzdata.get(1));
    assertThat(upgraded.layer().index()).isEqualTo(1);
    assertThat(upgraded.layer().createdBy()).contains("dpkg -i tzdata.deb");
    assertThat(find(next, "bash").layer().index()).isZero();
  }

  @Test
  void everyTransportOfTheSameImageGivesTheSameInventory() throws IOException {
    List<String> fromDockerArchive =
        comparable(inventory("docker-archive:" + TestImages.dockerArchive("debian-next")));

    assertThat(comparable(inventory("oci:" + TestImages.ociLayout() + ":debian-next")))
        .isEqualTo(fromDockerArchive);
    assertThat(comparable(inventory("oci-archive:" + TestImages.ociArchive("debian-next"))))
        .isEqualTo(fromDockerArchive);
    assertThat(comparable(inventory(TestImages.dockerArchive("debian-next").toString())))
        .as("transport detected from content")
        .isEqualTo(fromDockerArchive);
  }

  @Test
  void distrolessStatusDirectoryIsReadAndTheImageIsDebian() throws IOException {
    Inventory inventory = inventory("oci-archive:" + TestImages.ociArchive("distroless"));

    assertThat(asOracleLines(inventory))
        .containsExactlyElementsOf(TestImages.dpkgOracle("distroless"));
    assertThat(inventory.os().family()).isEqualTo("debian");
    assertThat(inventory.os().prettyName()).isEqualTo("Distroless");
    assertThat(find(inventory, "libc6").files()).contains("/lib/x86_64-linux-gnu/libc.so.6");
  }

  @Test
  void installedFilesComeFromDpkgListsWithoutDirectories() throws IOException {
    Package bash = find(inventory("docker-archive:" + TestImages.dockerArchive("debian")), "bash");

    assertThat(bash.files())
        .contains("/bin/bash", "/usr/share/doc/bash/copyright")
        .doesNotContain("/usr", "/usr/bin", "/.");
  }

  @Test
  void packagesCarryDebianPurlsWithArchAndDistro() throws IOException {
    Package libc = find(inventory("docker-archive:" + TestImages.dockerArchive("debian")), "libc6");

    assertThat(libc.purl())
        .isEqualTo(
            "pkg:deb/debian/libc6@"
                + libc.version().replace("+", "%2B")
                + "?arch=amd64&distro=debian-12");
    assertThat(libc.sourceName()).isEqualTo("glibc");
  }

  @Test
  void compressedRootFilesystemTarIsReadAsOneLayer() throws IOException {
    // The base layer's blob in the OCI layout is a gzip-compressed root filesystem tar.
    Inventory image = inventory("oci:" + TestImages.ociLayout() + ":debian");
    String blobDigest = image.layers().get(0).digest();
    Path blob =
        TestImages.ociLayout()
            .resolve("blobs/sha256")
            .resolve(blobDigest.substring("sha256:".length()));

    Inventory rootfs = inventory("rootfs-tar:" + blob);

    assertThat(asOracleLines(rootfs)).containsExactlyElementsOf(TestImages.dpkgOracle("debian"));
    assertThat(rootfs.layers()).hasSize(1);
  }

  /** What must not depend on the transport (a docker-archive stores no compressed blob digests). */
  private static List<String> comparable(Inventory inventory) {
    return inventory.packages().stream()
        .map(
            p ->
                p.purl()
                    + " "
                    + p.layer().index()
                    + " "
                    + p.layer().diffId()
                    + " "
                    + p.files().size())
        .toList();
  }

  /** The version of one "name version" line of an oracle. */
  private static String versionOf(List<String> nameVersions, String name) {
    return nameVersions.stream()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> line.substring(name.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the oracle lists no " + name));
  }

  static Package find(Inventory inventory, String name) {
    return inventory.packages().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void pythonDistributionsComeFromEggInfoAndDistInfoMetadata() throws IOException {
    Inventory inventory = inventory("docker-archive:" + TestImages.dockerArchive("python"));

    List<String> python =
        inventory.packages().stream()
            .filter(p -> p.type().equals("pypi"))
            .map(p -> p.name() + " " + p.version())
            .sorted()
            .toList();
    assertThat(python).containsExactlyElementsOf(TestImages.pythonDistributions());
    // Versions as the oracle read them: Debian's archive moves.
    String pip = versionOf(TestImages.pythonDistributions(), "pip");
    String six = versionOf(TestImages.pythonDistributions(), "six");
    assertThat(find(inventory, "pip").purl()).isEqualTo("pkg:pypi/pip@" + pip);
    assertThat(find(inventory, "pip").foundIn()).endsWith("pip-" + pip + ".dist-info/METADATA");
    assertThat(find(inventory, "six").foundIn()).endsWith("six-" + six + ".egg-info/PKG-INFO");
    assertThat(find(inventory, "six").layer().index()).isEqualTo(1);
  }

  @Test
  void ownershipSurvivesACycloneDxRoundTrip(@TempDir Path dir) throws IOException {
    Path bom = dir.resolve("python.cdx.json");
    Cli.Result written =
        Cli.run(
            "sbom",
            "image",
            "docker-archive:" + TestImages.dockerArchive("python"),
            "--no-cache",
            "-f",
            "cyclonedx",
            "-o",
            bom.toString());
    assertThat(written.exitCode()).as(written.err()).isZero();

    List<Package> python =
        SbomFiles.read(bom).packages().stream().filter(p -> p.type().equals("pypi")).toList();

    assertThat(python).isNotEmpty().allSatisfy(p -> assertThat(p.ownedBy()).startsWith("python3-"));
  }

  @Test
  void pythonDistributionsNameTheDebThatInstalledTheirMetadata() throws IOException {
    Inventory inventory = inventory("docker-archive:" + TestImages.dockerArchive("python"));

    List<Package> python =
        inventory.packages().stream().filter(p -> p.type().equals("pypi")).toList();
    assertThat(python).hasSameSizeAs(TestImages.pythonDistributions());
    for (Package distribution : python) {
      // The oracle: the status.d/*.md5sums the image ships, read as the dpkg file lists.
      List<String> owners =
          inventory.packages().stream()
              .filter(p -> p.files().contains("/" + distribution.foundIn()))
              .map(Package::name)
              .toList();
      assertThat(owners).as(distribution.foundIn()).singleElement();
      assertThat(distribution.ownedBy()).isEqualTo(owners.get(0)).startsWith("python3-");
    }
    assertThat(inventory.packages())
        .filteredOn(Package::managedByOs)
        .extracting(Package::ownedBy)
        .containsOnlyNulls();
  }
}
