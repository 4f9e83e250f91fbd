package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scanning SBOMs: Portcullis' own in both formats, and other tools' conventions. */
class ScanSbomTest extends ScanTestBase {

  @Test
  void sbomsInEitherFormatScanLikeTheImageTheyDescribe() throws IOException {
    java.util.Set<String> fromImage = findingPairs(scan("debian", "-f", "json").out());
    for (String format : List.of("cyclonedx", "spdx-json")) {
      Path sbom = dir.resolve("sbom." + format);
      assertThat(
              Cli.run(
                      "sbom",
                      "image",
                      TestImages.dockerArchive("debian").toString(),
                      "--no-cache",
                      "-f",
                      format,
                      "-o",
                      sbom.toString())
                  .exitCode())
          .isZero();

      Cli.Result result =
          Cli.run("scan", "sbom", sbom.toString(), "--db", db.toString(), "-f", "json");

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(findingPairs(result.out())).as(format).isEqualTo(fromImage).hasSize(3);
    }
  }

  @Test
  void sbomsOfOtherToolsAreReadByTheirConventions() throws IOException {
    String tzdata = TestImages.tzdataVersions().get(0);
    Path trivyStyle =
        write(
            "trivy.cdx.json",
            """
        {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
         "metadata":{"component":{"type":"container","name":"example/app:1"}},
         "components":[
           {"type":"operating-system","name":"debian","version":"12.7"},
           {"type":"library","name":"libc6","version":"2.36-9+deb12u7","purl":"pkg:deb/debian/libc6@2.36-9%%2Bdeb12u7?arch=amd64&distro=debian-12.7",
            "properties":[{"name":"aquasecurity:trivy:SrcName","value":"glibc"},{"name":"aquasecurity:trivy:SrcVersion","value":"2.36"},
                          {"name":"aquasecurity:trivy:SrcRelease","value":"9+deb12u7"}]},
           {"type":"library","name":"tzdata","version":"%s","purl":"pkg:deb/debian/tzdata@%s?arch=all&distro=debian-12.7"}]}
        """
                .formatted(tzdata, tzdata.replace("+", "%2B")));
    Path syftStyle =
        write(
            "syft.spdx.json",
            """
        {"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"example/app:1","packages":[
          {"SPDXID":"SPDXRef-1","name":"libc6","versionInfo":"2.36-9+deb12u7","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER",
           "referenceType":"purl","referenceLocator":"pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12"}]}]}
        """);

    Cli.Result trivy = Cli.run("scan", "sbom", trivyStyle.toString(), "--db", db.toString());
    Cli.Result syft = Cli.run("scan", "sbom", syftStyle.toString(), "--db", db.toString());

    assertThat(trivy.exitCode()).as(trivy.err()).isZero();
    assertThat(trivy.out()).contains("example/app:1", "CVE-2099-0001", "DEBIAN-CVE-2099-0002");
    assertThat(syft.out()).contains("example/app:1", "libc6", "DEBIAN-CVE-2099-0002");
  }

  @Test
  void somethingElseIsNotAnSbom() throws IOException {
    Path notSbom = write("package.json", "{\"name\":\"left-pad\"}");

    Cli.Result result = Cli.run("scan", "sbom", notSbom.toString(), "--db", db.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("neither a CycloneDX JSON nor an SPDX 2 JSON document");
  }
}
