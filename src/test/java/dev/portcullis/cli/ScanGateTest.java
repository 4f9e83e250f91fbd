package dev.portcullis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.Cli;
import dev.portcullis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security gate: severities, exit codes, fixes, formats, the database. */
class ScanGateTest extends ScanTestBase {

  @Test
  void aliasesAreReportedOnceUnderTheCveWithTheSeverityOfItsVector() {
    Cli.Result result = scan("debian");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "Vulnerabilities: 3 (CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0, NONE: 0, UNKNOWN: 2)");
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
        .contains("scan reports are written as table, json, sarif or cyclonedx");
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

  @Test
  void withdrawnRecordsAreNotReported() throws IOException {
    Path withdrawn =
        write(
            "withdrawn.json",
            """
        {"id":"DEBIAN-CVE-2099-0003","modified":"2026-02-01T00:00:00Z","withdrawn":"2026-02-01T00:00:00Z",
         "summary":"written by the Portcullis test suite: published in error",
         "affected":[{"package":{"ecosystem":"Debian:12","name":"bash"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}
        """);
    assertThat(Cli.run("db", "import", withdrawn.toString(), "--db", db.toString()).exitCode())
        .isZero();

    assertThat(scan("debian").out()).doesNotContain("DEBIAN-CVE-2099-0003");
  }
}
