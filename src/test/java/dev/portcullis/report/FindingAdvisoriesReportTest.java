package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.match.FixingAdvisory;
import dev.portcullis.policy.GateResult;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.SeverityRating;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An advisory that fixes several CVEs at once (a Debian DSA) is folded into its CVEs' findings:
 * every report that shows a finding names it beside the CVE, with the versions it fixes in.
 */
class FindingAdvisoriesReportTest {

  private static final ToolInfo TOOL =
      new ToolInfo("portcullis", "test", Instant.parse("2026-01-01T00:00:00Z"));

  private static ScanReport cveFixedByADsa() {
    Inventory sample = ReportFormatsTest.sample();
    Package libssl = Package.library("deb", "libssl3", "3.0.14-1~deb12u2", "var/lib/dpkg/status");
    List<Package> packages = new ArrayList<>(sample.packages());
    packages.add(libssl);
    Finding finding =
        new Finding(
            "CVE-2099-7001",
            List.of("DEBIAN-CVE-2099-7001"),
            libssl,
            "Debian:12",
            List.of("3.0.15-1~deb12u1"),
            FixStatus.FIXED,
            new SeverityRating(Severity.HIGH, Double.NaN, null, "Debian"),
            "written for the test",
            null,
            List.of(new FixingAdvisory("DSA-2099-7001", List.of("3.0.15-1~deb12u1"))));
    return new ScanReport(
        new Inventory(sample.image(), sample.os(), sample.layers(), packages, List.of()),
        new GateResult(List.of(finding), List.of(), List.of(), List.of(), 0, 0),
        null,
        true,
        false);
  }

  private static JsonNode render(ReportFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScanReportWriter.forFormat(format).write(cveFixedByADsa(), TOOL, out);
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void sarifNamesTheAdvisoryInTheResultsMessage() throws IOException {
    JsonNode result = render(ReportFormat.SARIF).at("/runs/0/results/0");

    assertThat(result.path("ruleId").asText()).isEqualTo("CVE-2099-7001");
    assertThat(result.at("/message/text").asText())
        .contains("\nAdvisory: DSA-2099-7001 (fixed in 3.0.15-1~deb12u1)");
  }

  @Test
  void cycloneDxListsTheAdvisoryAmongTheVulnerabilitysAdvisories() throws IOException {
    JsonNode vulnerability = render(ReportFormat.CYCLONEDX).at("/vulnerabilities/0");

    assertThat(vulnerability.path("id").asText()).isEqualTo("CVE-2099-7001");
    assertThat(vulnerability.at("/advisories/0/title").asText())
        .isEqualTo("DSA-2099-7001: fixed in 3.0.15-1~deb12u1");
    assertThat(vulnerability.at("/advisories/0/url").asText())
        .isEqualTo("https://osv.dev/vulnerability/DSA-2099-7001");
  }
}
