package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.inventory.SecretFinding;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.policy.GateResult;
import dev.portcullis.secret.SecretMatch;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.SeverityRating;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * Which copy of a package a finding is about, under which id, and what a scan looked for: what
 * every scan report must say so that findings can be told apart and acted on.
 */
class FindingCopiesReportingTest {

  private static final ToolInfo TOOL =
      new ToolInfo("portcullis", "test", Instant.parse("2026-01-01T00:00:00Z"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOG4J_PURL = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  private static final String IN_WAR = "srv/app.war!/WEB-INF/lib/log4j-core-2.14.1.jar";
  private static final String IN_TOOL = "opt/tool/lib/log4j-core-2.14.1.jar";

  private static Package log4jAt(String foundIn) {
    return Package.library("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", foundIn)
        .withOrigin(null, LOG4J_PURL);
  }

  /** One advisory, a GHSA that names its CVE, matched in two copies of one jar. */
  private static ScanReport twoCopies() {
    Inventory sample = ReportFormatsTest.sample();
    List<Package> packages = new ArrayList<>(sample.packages());
    Package inWar = log4jAt(IN_WAR);
    Package inTool = log4jAt(IN_TOOL);
    packages.add(inWar);
    packages.add(inTool);
    packages.add(
        Package.library("npm", "@babel/traverse", "7.22.0", "app/package-lock.json")
            .withOrigin(null, "pkg:npm/%40babel/traverse@7.22.0"));
    Inventory inventory =
        new Inventory(sample.image(), sample.os(), sample.layers(), packages, List.of());
    List<Finding> findings = List.of(log4shell(inWar), log4shell(inTool));
    return new ScanReport(
        inventory,
        new GateResult(findings, List.of(), List.of(), List.of(), 0, 0),
        null,
        true,
        false);
  }

  private static Finding log4shell(Package pkg) {
    return new Finding(
        "CVE-2021-44228",
        List.of("GHSA-jfh8-c2jp-5v3q"),
        pkg,
        "Maven",
        List.of("2.15.0"),
        FixStatus.FIXED,
        new SeverityRating(Severity.CRITICAL, 10.0, null, "CVSS_V3 vector"),
        "Remote code injection in Log4j",
        null,
        List.of());
  }

  private static String render(ScanReportWriter writer, ScanReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(report, TOOL, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void tableShowsWhichCopyEachRowIsAbout() throws IOException {
    String table = render(new FindingsTableWriter(), twoCopies());

    assertThat(table).contains("FOUND IN", "/" + IN_WAR, "/" + IN_TOOL, "CVE-2021-44228");
    assertThat(table.lines().filter(l -> l.contains("CVE-2021-44228"))).hasSize(2);
  }

  @Test
  void tableOfOsPackagesAloneHasNoFoundInColumn() throws IOException {
    Inventory sample = ReportFormatsTest.sample();
    Finding inLibc = log4shell(sample.packages().get(1));
    ScanReport report =
        new ScanReport(
            sample,
            new GateResult(List.of(inLibc), List.of(), List.of(), List.of(), 0, 0),
            null,
            true,
            false);

    assertThat(render(new FindingsTableWriter(), report)).doesNotContain("FOUND IN");
  }

  @Test
  void jsonNamesTheFileOfEachFinding() throws IOException {
    JsonNode findings = JSON.readTree(render(new FindingsJsonWriter(), twoCopies()));

    assertThat(findings.path("findings").findValuesAsText("foundIn"))
        .containsExactly(IN_WAR, IN_TOOL);
    assertThat(findings.path("scanners").toString()).isEqualTo("[\"vuln\"]");
  }

  @Test
  void sarifMakesEachCopyItsOwnAlertAtItsOutermostFile() throws IOException {
    JsonNode results =
        JSON.readTree(render(new SarifWriter(), twoCopies())).path("runs").path(0).path("results");

    assertThat(results.findValuesAsText("portcullis/v1")).doesNotHaveDuplicates().hasSize(2);
    assertThat(results.findValuesAsText("uri")).containsExactly("srv/app.war", IN_TOOL);
    assertThat(results.path(0).path("message").path("text").asText())
        .contains("Found in: /" + IN_WAR);
  }

  @Test
  void cycloneDxAffectsEveryCopyAndNamesTheCveWithItsAlias() throws IOException {
    String bom = render(new CycloneDxVexWriter(), twoCopies());

    assertThat(
            new JsonParser()
                .validate(bom.getBytes(StandardCharsets.UTF_8), CycloneDxWriter.VERSION))
        .isEmpty();
    JsonNode json = JSON.readTree(bom);
    JsonNode vulnerability = json.path("vulnerabilities").path(0);
    assertThat(vulnerability.path("id").asText()).isEqualTo("CVE-2021-44228");
    assertThat(vulnerability.path("references").findValuesAsText("id"))
        .containsExactly("GHSA-jfh8-c2jp-5v3q");
    List<String> affected = vulnerability.path("affects").findValuesAsText("ref");
    assertThat(affected).hasSize(2).doesNotHaveDuplicates();
    Set<String> foundIn = new HashSet<>();
    for (JsonNode component : json.path("components")) {
      if (affected.contains(component.path("bom-ref").asText())) {
        for (JsonNode property : component.path("properties")) {
          if (property.path("name").asText().equals("portcullis:package:foundIn")) {
            foundIn.add(property.path("value").asText());
          }
        }
      }
    }
    assertThat(foundIn).containsExactlyInAnyOrder("/" + IN_WAR, "/" + IN_TOOL);
  }

  @Test
  void cycloneDxComponentsSplitGroupFromName() throws IOException {
    JsonNode components =
        JSON.readTree(render(new CycloneDxVexWriter(), twoCopies())).path("components");

    JsonNode log4j = null;
    for (JsonNode component : components) {
      if (LOG4J_PURL.equals(component.path("purl").asText())) {
        log4j = component;
      }
      if (component.path("purl").asText().startsWith("pkg:npm/")) {
        assertThat(component.path("group").asText()).isEqualTo("@babel");
        assertThat(component.path("name").asText()).isEqualTo("traverse");
      }
      if (component.path("purl").asText().startsWith("pkg:deb/")) {
        assertThat(component.has("group")).as("an OS package has no group").isFalse();
      }
    }
    assertThat(log4j.path("group").asText()).isEqualTo("org.apache.logging.log4j");
    assertThat(log4j.path("name").asText()).isEqualTo("log4j-core");
  }

  @Test
  void secretsOnlyScanDoesNotReadAsCleanOfVulnerabilities() throws IOException {
    SecretFinding key =
        new SecretFinding(
            new SecretMatch(
                "aws-access-key-id", "AWS", "AWS Access Key ID", Severity.CRITICAL, 3, "****"),
            "/app/.env",
            null,
            SecretFinding.Visibility.LIVE);
    ScanReport report =
        new ScanReport(
            ReportFormatsTest.sample(),
            new GateResult(List.of(), List.of(key), List.of(), List.of(), 0, 0),
            null,
            false,
            true);

    String table = render(new FindingsTableWriter(), report);

    assertThat(table)
        .contains(
            "Vulnerabilities: not scanned",
            "Secrets: 1 (CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, NONE: 0, UNKNOWN: 0)")
        .doesNotContain("Total: 0")
        .doesNotContain("Vulnerabilities: 0");
    assertThat(JSON.readTree(render(new FindingsJsonWriter(), report)).path("scanners").toString())
        .isEqualTo("[\"secret\"]");
  }
}
