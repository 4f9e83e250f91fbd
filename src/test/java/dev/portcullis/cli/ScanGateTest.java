package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security gate on the real Debian image (whose base layer has an old tzdata), with advisories
 * written by this test: a fixed HIGH one for tzdata, known also as a Debian id, and an unfixed one
 * of unknown severity for glibc.
 */
class ScanGateTest {

  @TempDir Path dir;
  private Path db;

  @BeforeEach
  void database() throws IOException {
    String fixed = TestImages.tzdataVersions().get(1);
    Path records = dir.resolve("records");
    Files.createDirectories(records);
    Files.writeString(
        records.resolve("a.json"),
        """
        {"id":"DEBIAN-CVE-2099-0001","modified":"2026-01-01T00:00:00Z","aliases":["CVE-2099-0001"],
         "summary":"written by the Portcullis test suite",
         "affected":[{"package":{"ecosystem":"Debian:12","name":"tzdata"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}
        """
            .formatted(fixed));
    Files.writeString(
        records.resolve("b.json"),
        """
        {"id":"CVE-2099-0001","modified":"2026-01-01T00:00:00Z","summary":"written by the Portcullis test suite",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
         "affected":[{"package":{"ecosystem":"Debian:12","name":"tzdata"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"%s"}]}]}]}
        """
            .formatted(fixed));
    Files.writeString(
        records.resolve("c.json"),
        """
        {"id":"DEBIAN-CVE-2099-0002","modified":"2026-01-01T00:00:00Z","summary":"written by the Portcullis test suite",
         "affected":[{"package":{"ecosystem":"Debian:12","name":"glibc"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}
        """);
    db = dir.resolve("v.sqlite");
    assertThat(Cli.run("db", "import", records.toString(), "--db", db.toString()).exitCode())
        .isZero();
  }

  private Cli.Result scan(String image, String... more) {
    return Cli.run(
        Stream.concat(
                Stream.of(
                    "scan",
                    "image",
                    "docker-archive:" + TestImages.dockerArchive(image),
                    "--db",
                    db.toString(),
                    "--no-cache"),
                Stream.of(more))
            .toArray(String[]::new));
  }

  @Test
  void aliasesAreReportedOnceUnderTheCveWithTheSeverityOfItsVector() {
    Cli.Result result = scan("debian");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("Total: 3 (CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0, NONE: 0, UNKNOWN: 2)");
    List<String> tzdata = result.out().lines().filter(l -> l.startsWith("tzdata")).toList();
    assertThat(tzdata).singleElement().asString().contains("CVE-2099-0001", "HIGH 7.5", "fixed");
  }

  @Test
  void gateFailsWithTheChosenExitCodeOnlyForTheChosenSeverities() {
    assertThat(scan("debian", "--severity", "CRITICAL,HIGH", "--exit-code", "1").exitCode())
        .isEqualTo(1);
    assertThat(scan("debian-next", "--severity", "CRITICAL,HIGH", "--exit-code", "1").exitCode())
        .as("the upgrade layer fixed tzdata")
        .isZero();
    assertThat(scan("debian-next", "--exit-code", "1").exitCode())
        .as("glibc, unfixed")
        .isEqualTo(1);
    assertThat(scan("debian-next", "--exit-code", "1", "--ignore-unfixed").exitCode()).isZero();
  }

  @Test
  void jsonCarriesTheGateDecisionAndTheSeveritySource() {
    Cli.Result result = scan("debian", "-f", "json", "--severity", "high", "--exit-code", "5");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.out())
        .contains(
            "\"failed\" : true",
            "\"filteredOut\" : 2",
            "\"severitySource\" : \"CVSS_V3 vector\"",
            "\"aliases\" : [ \"DEBIAN-CVE-2099-0001\" ]",
            "\"fixedVersions\" : [ \"" + fixedVersion() + "\" ]");
  }

  @Test
  void badGateOptionsAreUsageErrors() {
    assertThat(scan("debian", "--severity", "SEVERE").err()).contains("unknown severity 'SEVERE'");
    assertThat(scan("debian", "--exit-code", "2").exitCode()).isEqualTo(2);
    assertThat(scan("debian", "-f", "spdx-json").err())
        .contains("scan reports are written as table, json or sarif");
  }

  @Test
  void missingDatabaseSaysHowToGetOne() {
    Cli.Result result =
        Cli.run(
            "scan",
            "image",
            TestImages.dockerArchive("debian").toString(),
            "--db",
            dir.resolve("none.sqlite").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no vulnerability database", "db update", "db import");
  }

  @Test
  void oldDatabaseIsWarnedAbout() {
    Cli.Result result = scan("debian", "--db-max-age", "PT0S");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("warning: the vulnerability database is 0 minutes old");
  }

  private static String fixedVersion() {
    try {
      return TestImages.tzdataVersions().get(1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void activeExceptionSuppressesAndIsListedWithOwnerAndReason() throws IOException {
    Path policy =
        write(
            "portcullis.yaml",
            """
        exceptions:
          - id: DEBIAN-CVE-2099-0001
            reason: tzdata data only, no code path
            owner: platform-team@example.com
            expires: 2999-12-31
        """);

    Cli.Result result =
        scan("debian", "--policy", policy.toString(), "--severity", "HIGH", "--exit-code", "1");

    assertThat(result.exitCode()).as("suppressed via its alias").isZero();
    assertThat(result.out())
        .contains(
            "Suppressed by exceptions: 1",
            "CVE-2099-0001 in tzdata: tzdata data only, no code path (owner platform-team@example.com, until 2999-12-31");
  }

  @Test
  void expiredExceptionStopsSuppressingAndSaysSo() throws IOException {
    Path policy =
        write(
            "portcullis.yaml",
            """
        exceptions:
          - id: CVE-2099-0001
            reason: waiting for the point release
            owner: platform-team@example.com
            expires: 2020-01-31
        """);

    Cli.Result result =
        scan(
            "debian",
            "--policy",
            policy.toString(),
            "--severity",
            "HIGH",
            "--exit-code",
            "1",
            "-f",
            "json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "\"expiredExceptions\"",
            "\"expires\" : \"2020-01-31\"",
            "waiting for the point release");
  }

  @Test
  void scopedExceptionOnlyCoversWhatItNames() throws IOException {
    Path otherPackage =
        write(
            "other.yaml",
            """
        exceptions:
          - id: CVE-2099-0001
            reason: r
            owner: o
            expires: 2999-01-01
            scope:
              package: openssl
        """);
    Path thisImage =
        write(
            "image.yaml",
            """
        exceptions:
          - id: CVE-2099-0001
            reason: r
            owner: o
            expires: 2999-01-01
            scope:
              image: "*/portcullis-test/debian:*"
              purl: pkg:deb/debian/tzdata
        """);

    assertThat(
            scan(
                    "debian",
                    "--policy",
                    otherPackage.toString(),
                    "--severity",
                    "HIGH",
                    "--exit-code",
                    "1")
                .exitCode())
        .isEqualTo(1);
    assertThat(
            scan(
                    "debian",
                    "--policy",
                    thisImage.toString(),
                    "--severity",
                    "HIGH",
                    "--exit-code",
                    "1")
                .exitCode())
        .isZero();
  }

  @Test
  void exceptionWithoutOwnerOrWithAnUnknownKeyIsALineNumberedError() throws IOException {
    Path noOwner =
        write(
            "no-owner.yaml",
            """
        exceptions:
          - id: CVE-2099-0001
            reason: r
            expires: 2999-01-01
        """);
    Path typo =
        write(
            "typo.yaml",
            """
        gate:
          exit-code: 1
        exeptions: []
        """);

    Cli.Result missing = scan("debian", "--policy", noOwner.toString());
    Cli.Result unknown = scan("debian", "--policy", typo.toString());

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no-owner.yaml", "owner");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("typo.yaml:3:", "unknown key 'exeptions'");
  }

  @Test
  void policyGateSettingsApplyUnlessTheCommandLineOverrides() throws IOException {
    Path policy =
        write(
            "gate.yaml",
            """
        gate:
          severity: [CRITICAL, HIGH]
          exit-code: 7
        """);

    assertThat(scan("debian", "--policy", policy.toString()).exitCode()).isEqualTo(7);
    assertThat(scan("debian-next", "--policy", policy.toString()).exitCode())
        .as("only UNKNOWN left")
        .isZero();
    assertThat(
            scan("debian-next", "--policy", policy.toString(), "--severity", "UNKNOWN").exitCode())
        .isEqualTo(7);
  }

  @Test
  void trivyIgnoreFilesAreHonoured() throws IOException {
    Path plain =
        write(".trivyignore", "# accepted\nCVE-2099-0001 exp:2999-01-01\nDEBIAN-CVE-2099-0002\n");
    Path yaml =
        write(
            ".trivyignore.yaml",
            """
        vulnerabilities:
          - id: CVE-2099-0001
            statement: Accept the risk
            expired_at: 2020-01-01
        """);

    Cli.Result ignored = scan("debian", "--ignorefile", plain.toString(), "--exit-code", "1");
    Cli.Result expired =
        scan("debian", "--ignorefile", yaml.toString(), "--severity", "HIGH", "--exit-code", "1");

    assertThat(ignored.exitCode()).isZero();
    assertThat(ignored.out()).contains("Suppressed by exceptions: 3");
    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.out())
        .contains("Expired exceptions, no longer suppressing: 1", "Accept the risk");
  }

  @Test
  void sarifForCodeScanning() {
    Cli.Result result = scan("debian", "-f", "sarif", "--severity", "HIGH");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "\"version\" : \"2.1.0\"",
            "\"ruleId\" : \"CVE-2099-0001\"",
            "\"security-severity\" : \"7.5\"");
  }

  private static java.util.Set<String> findingPairs(String json) throws IOException {
    java.util.Set<String> pairs = new java.util.TreeSet<>();
    for (var finding :
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("findings")) {
      pairs.add(
          finding.path("packageName").asText() + " " + finding.path("vulnerabilityId").asText());
    }
    return pairs;
  }

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

  @Test
  void vexNotAffectedStatementsSuppressWithTheStatementShown() throws IOException {
    String tzdata = TestImages.tzdataVersions().get(0).replace("+", "%2B");
    Path openVex =
        write(
            "vex.openvex.json",
            """
        {"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://example.com/vex/1","author":"Security Team",
         "timestamp":"2026-01-01T00:00:00Z","version":1,"statements":[
          {"vulnerability":{"name":"CVE-2099-0001"},
           "products":[{"@id":"pkg:oci/debian","subcomponents":[{"@id":"pkg:deb/debian/tzdata@%s?arch=all"}]}],
           "status":"not_affected","justification":"vulnerable_code_not_in_execute_path","impact_statement":"only zone data"},
          {"vulnerability":{"name":"DEBIAN-CVE-2099-0002"},"products":[{"@id":"pkg:oci/debian"}],"status":"under_investigation"}]}
        """
                .formatted(tzdata));
    Path cycloneDx =
        write(
            "vex.cdx.json",
            """
        {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"vulnerabilities":[
          {"id":"DEBIAN-CVE-2099-0002","analysis":{"state":"not_affected","justification":"code_not_reachable"},
           "affects":[{"ref":"pkg:deb/debian/libc6"},{"ref":"pkg:deb/debian/libc-bin"}]}]}
        """);

    Cli.Result result =
        scan(
            "debian",
            "--vex",
            openVex.toString(),
            "--vex",
            cycloneDx.toString(),
            "--exit-code",
            "1");

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(result.out())
        .contains(
            "Suppressed by exceptions: 3",
            "VEX not_affected: vulnerable_code_not_in_execute_path — only zone data (owner Security Team",
            "VEX not_affected: code_not_reachable");
  }
}
