package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.WrittenRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan sbom} of one package of a distribution, against the hand-written records: what the
 * reports say of Red Hat fixes, of fixes that will not come, and of distributions without
 * advisories.
 */
class ScanDistributionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void database() {
    db = WrittenRecords.database(dir);
  }

  private static Path sbom(String name, String os, String osVersion, String purl)
      throws IOException {
    Path file = dir.resolve(name + ".cdx.json");
    Files.writeString(
        file,
        """
        {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,
         "components":[
           {"type":"operating-system","name":"%s","version":"%s"},
           {"type":"library","name":"x","purl":"%s"}]}
        """
            .formatted(os, osVersion, purl));
    return file;
  }

  private static Cli.Result scan(Path sbom, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "scan";
    args[1] = "sbom";
    args[2] = sbom.toString();
    args[3] = "--db";
    args[4] = db.toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return Cli.run(args);
  }

  @Test
  void redHatEcosystemNamesSplitAtTheFirstColon() throws IOException {
    Cli.Result status = Cli.run("db", "status", "--db", db.toString(), "-f", "json");
    Cli.Result compare =
        Cli.run("version", "compare", "--ecosystem", "Red Hat", "1.2-3.el9", "0:1.2-3.el9");
    Cli.Result compareQualified =
        Cli.run(
            "version",
            "compare",
            "--ecosystem",
            "Red Hat:enterprise_linux:9::baseos",
            "1:3.0.7-24.el9",
            "1:3.0.7-27.el9");

    JsonNode perEcosystem = JSON.readTree(status.out()).path("perEcosystem");
    assertThat(perEcosystem.path("Red Hat").asInt()).isEqualTo(1);
    assertThat(perEcosystem.path("Rocky Linux").asInt()).isEqualTo(1);
    assertThat(perEcosystem.path("AlmaLinux").asInt()).isEqualTo(1);
    assertThat(compare.out().strip()).isEqualTo("=");
    assertThat(compareQualified.out().strip()).isEqualTo("<");
  }

  @Test
  void rhelPackageIsMatchedByItsBinaryNameWithTheEnterpriseLinuxFix() throws IOException {
    Path sbom =
        sbom(
            "ubi9",
            "rhel",
            "9.4",
            "pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&distro=rhel-9.4");

    Cli.Result result = scan(sbom, "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode finding = JSON.readTree(result.out()).path("findings").get(0);
    assertThat(finding.path("vulnerabilityId").asText()).isEqualTo("RHSA-2099:3001");
    assertThat(finding.path("installedVersion").asText()).isEqualTo("1:3.0.7-24.el9");
    assertThat(finding.path("ecosystem").asText()).isEqualTo("Red Hat:enterprise_linux:9");
    assertThat(finding.path("status").asText()).isEqualTo("FIXED");
    assertThat(finding.path("fixedVersions").toString()).isEqualTo("[\"1:3.0.7-27.el9\"]");
  }

  @Test
  void trivysNamesForRedHatAndAlmaLinuxAreUnderstood() throws IOException {
    // Trivy writes the operating system as "redhat" and "alma", and purls to match.
    Path rhel =
        sbom(
            "trivy-ubi9",
            "redhat",
            "9.4",
            "pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&distro=redhat-9.4");
    Path alma =
        sbom(
            "trivy-alma9",
            "alma",
            "9.3",
            "pkg:rpm/alma/openssl-libs@3.0.7-24.el9?arch=x86_64&epoch=1&distro=alma-9.3");

    Map<Path, String> expected = Map.of(rhel, "RHSA-2099:3001", alma, "ALSA-2099:5001");
    for (Map.Entry<Path, String> sbom : expected.entrySet()) {
      Cli.Result result = scan(sbom.getKey(), "-f", "json");

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(JSON.readTree(result.out()).path("findings"))
          .as(result.out())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.path("vulnerabilityId").asText()).isEqualTo(sbom.getValue());
                assertThat(f.path("status").asText()).isEqualTo("FIXED");
              });
    }
  }

  @Test
  void aFixThatWillNotComeIsReportedAsSuchAndLeftOutByIgnoreUnfixed() throws IOException {
    Path sbom =
        sbom(
            "bookworm",
            "debian",
            "12",
            "pkg:deb/debian/coreutils@9.1-1?arch=amd64&distro=debian-12");

    Cli.Result json = scan(sbom, "-f", "json");
    Cli.Result table = scan(sbom);
    Cli.Result sarif = scan(sbom, "-f", "sarif");
    Cli.Result ignoringUnfixed = scan(sbom, "-f", "json", "--ignore-unfixed");

    JsonNode finding = JSON.readTree(json.out()).path("findings").get(0);
    assertThat(finding.path("status").asText()).isEqualTo("WILL_NOT_FIX");
    assertThat(finding.path("note").asText())
        .isEqualTo("Debian rates it \"unimportant\": no fix is planned for this release");
    assertThat(table.out()).contains("DEBIAN-CVE-2099-1001", "will not fix");
    assertThat(sarif.out()).contains("Fixed in: no fix planned (Debian rates it");
    JsonNode filtered = JSON.readTree(ignoringUnfixed.out());
    assertThat(filtered.path("findings")).isEmpty();
    assertThat(filtered.path("gate").path("filteredOut").asInt()).isEqualTo(1);
  }

  @Test
  void aDistributionWithoutOsvAdvisoriesIsNotPassedOffAsClean() throws IOException {
    Path sbom =
        sbom(
            "centos7",
            "centos",
            "7",
            "pkg:rpm/centos/bash@4.2.46-35.el7_9?arch=x86_64&distro=centos-7");

    Cli.Result result = scan(sbom, "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String warning =
        "1 OS package was not checked for vulnerabilities: OSV publishes no advisories for CentOS"
            + " 7";
    assertThat(result.err()).contains("portcullis: warning: " + warning);
    assertThat(result.err().lines().filter(l -> l.contains("not checked"))).hasSize(1);
    JsonNode report = JSON.readTree(result.out());
    assertThat(report.path("findings")).isEmpty();
    assertThat(report.path("warnings").toString()).contains(warning);
  }

  @Test
  void aReleaseTheDatabaseHoldsNothingForIsNotPassedOffAsClean() throws IOException {
    // The written records have no Alpine advisories at all.
    Path sbom =
        sbom(
            "alpine320",
            "alpine",
            "3.20.3",
            "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=3.20.3");

    Cli.Result json = scan(sbom, "-f", "json");
    Cli.Result table = scan(sbom);

    String warning =
        "1 OS package was not checked for vulnerabilities: the database holds no advisories for"
            + " Alpine:v3.20";
    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.err()).contains("portcullis: warning: " + warning);
    assertThat(JSON.readTree(json.out()).path("warnings").toString()).contains(warning);
    // The table on the terminal shows it in its warnings section, and stderr does not repeat it.
    assertThat(table.out()).contains(warning);
    assertThat(table.err()).doesNotContain("not checked");
  }
}
