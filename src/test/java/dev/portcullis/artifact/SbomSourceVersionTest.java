package dev.portcullis.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portcullis.inventory.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's advisories are compared with the source package's version, so an SBOM's package keeps
 * the source version the SBOM names, in each tool's convention.
 */
class SbomSourceVersionTest {

  @TempDir Path dir;

  @Test
  void syftsUpstreamQualifierNamesTheSourceAndItsVersion() throws IOException {
    Path sbom = dir.resolve("syft.spdx.json");
    Files.writeString(
        sbom,
        """
        {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"example","packages":[
          {"SPDXID":"SPDXRef-1","name":"bsdutils","versionInfo":"1:2.38.1-5+deb12u3","externalRefs":[
           {"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":
            "pkg:deb/debian/bsdutils@1%3A2.38.1-5%2Bdeb12u3?arch=amd64&upstream=util-linux%402.38.1-5%2Bdeb12u3&distro=debian-12"}]},
          {"SPDXID":"SPDXRef-2","name":"libc6","versionInfo":"2.36-9+deb12u7","externalRefs":[
           {"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12"}]}]}
        """);

    assertThat(SbomFiles.read(sbom).packages())
        .extracting(Package::name, Package::version, Package::sourceName, Package::sourceVersion)
        .containsExactly(
            tuple("bsdutils", "1:2.38.1-5+deb12u3", "util-linux", "2.38.1-5+deb12u3"),
            tuple("libc6", "2.36-9+deb12u7", "glibc", "2.36-9+deb12u7"));
  }
}
