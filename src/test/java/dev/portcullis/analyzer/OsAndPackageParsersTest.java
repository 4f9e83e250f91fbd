package dev.portcullis.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.dpkg.DpkgAnalyzer;
import dev.portcullis.analyzer.os.OsReleaseAnalyzer;
import dev.portcullis.inventory.OsRelease;
import dev.portcullis.inventory.Package;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Parsers for release files and package databases, each rule on the smallest input that shows it.
 */
class OsAndPackageParsersTest {

  private static AnalysisResult analyze(Analyzer analyzer, String path, String content)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    assertThat(analyzer.required(path, bytes.length)).isTrue();
    return analyzer.analyze(new AnalysisInput(path, bytes.length, new ByteArrayInputStream(bytes)));
  }

  @Test
  void redHatFamilyReleaseFiles() throws IOException {
    OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

    assertThat(
            analyze(analyzer, "etc/redhat-release", "Red Hat Enterprise Linux release 9.4 (Plow)\n")
                .os())
        .extracting(OsRelease::family, OsRelease::version)
        .containsExactly("rhel", "9.4");
    assertThat(
            analyze(analyzer, "etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n").os())
        .extracting(OsRelease::family, OsRelease::version)
        .containsExactly("centos", "7.9.2009");
    assertThat(
            analyze(
                    analyzer,
                    "etc/system-release",
                    "Amazon Linux release 2023.5.20240805 (Amazon Linux)\n")
                .os())
        .extracting(OsRelease::family)
        .isEqualTo("amzn");
  }

  @Test
  void osReleaseWithQuotesAndComments() throws IOException {
    OsRelease os =
        analyze(
                new OsReleaseAnalyzer(),
                "etc/os-release",
                "# comment\nNAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nPRETTY_NAME='Ubuntu 22.04.4 LTS'\n")
            .os();

    assertThat(os)
        .isEqualTo(new OsRelease("ubuntu", "22.04", "Ubuntu 22.04.4 LTS", "etc/os-release"));
  }

  @Test
  void dpkgSourceWithAndWithoutVersionAndOnlyInstalledStates() throws IOException {
    String status =
        """
        Package: libssl3
        Status: install ok installed
        Version: 3.0.15-1~deb12u1
        Architecture: amd64
        Source: openssl
        Description: Secure Sockets Layer toolkit
         long description line that continues

        Package: bsdutils
        Status: install ok installed
        Version: 1:2.38.1-5+b1
        Architecture: amd64
        Source: util-linux (2.38.1-5)

        Package: half
        Status: install reinstreq half-installed
        Version: 1.0
        Architecture: amd64

        Package: removed
        Status: deinstall ok config-files
        Version: 1.0
        Architecture: amd64
        """;
    AnalysisResult result = analyze(new DpkgAnalyzer(), "var/lib/dpkg/status", status);

    assertThat(result.packages()).extracting(Package::name).containsExactly("libssl3", "bsdutils");
    assertThat(result.packages().get(0))
        .extracting(Package::sourceName, Package::sourceVersion)
        .containsExactly("openssl", "3.0.15-1~deb12u1");
    assertThat(result.packages().get(1))
        .extracting(Package::version, Package::sourceName, Package::sourceVersion)
        .containsExactly("1:2.38.1-5+b1", "util-linux", "2.38.1-5");
  }

  @Test
  void dpkgAnalyzerClaimsOnlyItsFiles() {
    DpkgAnalyzer dpkg = new DpkgAnalyzer();

    assertThat(dpkg.required("var/lib/dpkg/status-old", 1)).isFalse();
    assertThat(dpkg.required("var/lib/dpkg/info/bash.list", 1)).isTrue();
    assertThat(dpkg.required("var/lib/dpkg/info/bash.postinst", 1)).isFalse();
    assertThat(dpkg.required("var/lib/dpkg/status.d/sub/dir", 1)).isFalse();
  }
}
