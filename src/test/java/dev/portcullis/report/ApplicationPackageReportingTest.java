package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portcullis.inventory.Inventory;
import dev.portcullis.inventory.Package;
import dev.portcullis.policy.GateResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * What application packages add to every report: development-only dependencies, archive SHA-1s, and
 * the warnings that say what the scan skipped, which no format may drop.
 */
class ApplicationPackageReportingTest {

  private static final ToolInfo TOOL =
      new ToolInfo("portcullis", "test", Instant.parse("2026-01-01T00:00:00Z"));
  private static final String SKIPPED =
      "/app/package-lock.json: not valid JSON (line 3); it was skipped";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Inventory inventory() {
    Inventory sample = ReportFormatsTest.sample();
    List<Package> packages = new ArrayList<>(sample.packages());
    packages.add(
        Package.library("maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "app/app.jar")
            .withSha1("9141212b8507ab50a45525b545b39d224614528b")
            .withOrigin(null, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"));
    packages.add(
        Package.library("npm", "lodash", "4.17.20", "app/package-lock.json")
            .asDevelopmentOnly()
            .withOrigin(null, "pkg:npm/lodash@4.17.20"));
    return new Inventory(sample.image(), sample.os(), sample.layers(), packages, List.of(SKIPPED));
  }

  private static String inventoryIn(ReportFormat format) throws IOException {
    return new String(ReportFormatsTest.render(format, inventory()), StandardCharsets.UTF_8);
  }

  private static String scanReportIn(ScanReportWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GateResult nothingFound = new GateResult(List.of(), List.of(), List.of(), List.of(), 0, 0);
    writer.write(new ScanReport(inventory(), nothingFound, null, true, true), TOOL, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void cycloneDxCarriesHashScopeAndWarningsAndStaysValid() throws IOException {
    String bom = inventoryIn(ReportFormat.CYCLONEDX);

    assertThat(
            new JsonParser()
                .validate(bom.getBytes(StandardCharsets.UTF_8), CycloneDxWriter.VERSION))
        .isEmpty();
    JsonNode json = JSON.readTree(bom);
    JsonNode log4j = component(json, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(log4j.path("hashes").path(0).path("alg").asText()).isEqualTo("SHA-1");
    assertThat(log4j.path("hashes").path(0).path("content").asText())
        .isEqualTo("9141212b8507ab50a45525b545b39d224614528b");
    assertThat(component(json, "pkg:npm/lodash@4.17.20").path("scope").asText())
        .isEqualTo("optional");
    assertThat(json.path("metadata").path("properties").findValuesAsText("value"))
        .containsExactly(SKIPPED);
  }

  @Test
  void spdxCarriesChecksumDevRelationshipAndWarningsAndStaysValid() throws IOException {
    JsonNode document = JSON.readTree(inventoryIn(ReportFormat.SPDX_JSON));

    assertThat(ReportFormatsTest.spdxSchema().validate(document)).isEmpty();
    assertThat(document.findValuesAsText("checksumValue"))
        .containsExactly("9141212b8507ab50a45525b545b39d224614528b");
    assertThat(document.path("relationships").findValuesAsText("relationshipType"))
        .contains("DEV_DEPENDENCY_OF");
    assertThat(document.path("creationInfo").path("comment").asText()).contains(SKIPPED);
  }

  @Test
  void jsonMarksOnlyDevelopmentDependencies() throws IOException {
    JsonNode packages = JSON.readTree(inventoryIn(ReportFormat.JSON)).path("packages");

    assertThat(packages.findValues("dev")).hasSize(1);
    assertThat(packages.findValuesAsText("sha1"))
        .containsExactly("9141212b8507ab50a45525b545b39d224614528b");
  }

  @Test
  void everyScanReportSaysWhatWasSkipped() throws IOException {
    assertThat(scanReportIn(new FindingsTableWriter())).contains("WARNING: " + SKIPPED);
    assertThat(
            JSON.readTree(scanReportIn(new FindingsJsonWriter())).path("warnings").path(0).asText())
        .isEqualTo(SKIPPED);
    JsonNode sarif = JSON.readTree(scanReportIn(new SarifWriter()));
    assertThat(sarifSchema().validate(sarif)).isEmpty();
    assertThat(
            sarif
                .path("runs")
                .path(0)
                .path("invocations")
                .path(0)
                .path("toolExecutionNotifications")
                .path(0)
                .path("message")
                .path("text")
                .asText())
        .isEqualTo(SKIPPED);
    assertThat(inventoryIn(ReportFormat.TABLE)).contains("WARNING: " + SKIPPED);
  }

  private static JsonNode component(JsonNode bom, String purl) {
    for (JsonNode component : bom.path("components")) {
      if (purl.equals(component.path("purl").asText())) {
        return component;
      }
    }
    throw new AssertionError("no component " + purl);
  }

  private static Schema sarifSchema() throws IOException {
    try (InputStream in =
        ApplicationPackageReportingTest.class.getResourceAsStream(
            "/schema/sarif-schema-2.1.0.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }
}
