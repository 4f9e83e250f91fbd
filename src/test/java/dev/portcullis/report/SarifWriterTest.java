package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.inventory.Package;
import dev.portcullis.match.Finding;
import dev.portcullis.match.FixStatus;
import dev.portcullis.policy.GateResult;
import dev.portcullis.vulndb.Severity;
import dev.portcullis.vulndb.SeverityRating;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF output against the SARIF 2.1.0 schema, with what GitHub code scanning needs. */
class SarifWriterTest {

  private static final ToolInfo TOOL =
      new ToolInfo("portcullis", "test", Instant.parse("2026-01-01T00:00:00Z"));

  static Finding finding(
      String id, Package pkg, Severity severity, double score, List<String> fixed) {
    return new Finding(
        id,
        List.of("GHSA-xxxx-yyyy-zzzz"),
        pkg,
        "Debian:12",
        fixed,
        fixed.isEmpty() ? FixStatus.AFFECTED : FixStatus.FIXED,
        new SeverityRating(
            severity,
            score,
            null,
            Double.isNaN(score) ? "database_specific.severity" : "CVSS_V3 vector"),
        "A title",
        null,
        List.of());
  }

  private static JsonNode render() throws IOException {
    var inventory = ReportFormatsTest.sample();
    Package libc = inventory.packages().get(1);
    Package bsdutils = inventory.packages().get(0);
    GateResult gate =
        new GateResult(
            List.of(
                finding("CVE-2024-0001", libc, Severity.CRITICAL, 9.8, List.of("2.36-9+deb12u8")),
                finding("CVE-2024-0001", bsdutils, Severity.CRITICAL, 9.8, List.of()),
                finding("CVE-2024-0002", libc, Severity.MEDIUM, Double.NaN, List.of())),
            List.of(),
            List.of(),
            List.of(),
            0,
            1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SarifWriter().write(new ScanReport(inventory, gate, null, true, false), TOOL, out);
    return new ObjectMapper().readTree(out.toByteArray());
  }

  @Test
  void validatesAgainstTheSarif210Schema() throws IOException {
    Schema schema;
    try (InputStream in =
        SarifWriterTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }

    assertThat(schema.validate(render())).isEmpty();
  }

  @Test
  void oneRulePerVulnerabilityWithGitHubsSecuritySeverity() throws IOException {
    JsonNode run = render().path("runs").path(0);

    assertThat(run.path("tool").path("driver").path("rules")).hasSize(2);
    JsonNode critical = run.path("tool").path("driver").path("rules").path(0);
    assertThat(critical.path("properties").path("security-severity").asText()).isEqualTo("9.8");
    assertThat(critical.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
    assertThat(
            run.path("tool")
                .path("driver")
                .path("rules")
                .path(1)
                .path("properties")
                .path("security-severity")
                .asText())
        .as("a word without a vector gets its band's score")
        .isEqualTo("4.0");
    assertThat(run.path("results")).hasSize(3);
    assertThat(run.path("results").path(2).path("ruleIndex").asInt()).isEqualTo(1);
    assertThat(
            run.path("results")
                .path(0)
                .path("locations")
                .path(0)
                .path("physicalLocation")
                .path("artifactLocation")
                .path("uri")
                .asText())
        .isEqualTo("var/lib/dpkg/status");
  }
}
