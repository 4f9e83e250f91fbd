package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** Exceptions, Trivy ignore files and VEX: what they suppress and how the report shows it. */
class ScanExceptionsTest extends ScanTestBase {

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

  @Test
  void cycloneDxVexOutCarriesFindingsAndTheAnalysisOfSuppressedOnes() throws Exception {
    Path policy =
        write(
            "portcullis.yaml",
            """
        exceptions:
          - id: DEBIAN-CVE-2099-0002
            reason: glibc fix scheduled with the next base image
            owner: platform-team@example.com
            expires: 2999-12-31
            scope: {package: libc6}
        """);

    Cli.Result result = scan("debian", "--policy", policy.toString(), "-f", "cyclonedx");

    assertThat(result.exitCode()).as(result.err()).isZero();
    byte[] bom = result.out().getBytes(StandardCharsets.UTF_8);
    assertThat(new JsonParser().validate(bom, Version.VERSION_16)).isEmpty();
    assertThat(result.out())
        .contains(
            "\"id\" : \"CVE-2099-0001\"",
            "\"method\" : \"CVSSv31\"",
            "\"recommendation\" : \"Upgrade to",
            "\"state\" : \"exploitable\"",
            "\"will_not_fix\"",
            "glibc fix scheduled with the next base image (owner platform-team@example.com, until 2999-12-31)");
  }
}
