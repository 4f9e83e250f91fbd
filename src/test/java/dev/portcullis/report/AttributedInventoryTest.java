package dev.portcullis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.inventory.Attribution;
import dev.portcullis.inventory.Attribution.Method;
import dev.portcullis.inventory.Inventory;
import java.io.IOException;
import java.util.List;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * An attributed inventory keeps its attribution through the JSON the server stores and reads back,
 * and its CycloneDX properties stay valid.
 */
class AttributedInventoryTest {

  private static final String BASE_LAYER = "sha256:" + "a".repeat(64);

  private static Inventory attributed(Attribution attribution) {
    return ReportFormatsTest.sample().withAttribution(attribution);
  }

  @Test
  void aKnownBaseSurvivesTheStoredJson() throws IOException {
    Attribution known =
        Attribution.known(
            Method.ANNOTATION, "debian:12-slim", "sha256:" + "f".repeat(64), List.of(BASE_LAYER));

    byte[] json = ReportFormatsTest.render(ReportFormat.JSON, attributed(known));
    Inventory read = new JsonInventoryReader().read(json, "test");

    assertThat(read.attribution()).isEqualTo(known);
    assertThat(read.packages())
        .extracting(p -> read.originOf(p).label())
        .containsExactly("application", "base");
    JsonNode tree = new ObjectMapper().readTree(json);
    assertThat(tree.at("/layers/0/origin").asText()).isEqualTo("base");
    assertThat(tree.at("/layers/1/origin").asText()).isEqualTo("application");
    assertThat(tree.at("/packages/1/layer/index").asInt())
        .as("the layer object unchanged")
        .isZero();
  }

  @Test
  void anUnknownBaseKeepsItsReasonAndAGuessSaysItIsOne() throws IOException {
    Attribution unknown =
        Attribution.unknown(
            Method.DOCKERFILE, "${BASE}", "the FROM's image comes from build arguments");
    Attribution guess = Attribution.known(Method.HISTORY_GUESS, null, null, List.of(BASE_LAYER));

    for (Attribution attribution : List.of(unknown, guess)) {
      byte[] json = ReportFormatsTest.render(ReportFormat.JSON, attributed(attribution));
      assertThat(new JsonInventoryReader().read(json, "test").attribution()).isEqualTo(attribution);
    }
    JsonNode tree =
        new ObjectMapper().readTree(ReportFormatsTest.render(ReportFormat.JSON, attributed(guess)));
    assertThat(tree.at("/attribution/guess").asBoolean()).isTrue();
  }

  @Test
  void anInventoryWithoutAttributionHasNoOriginsAsBefore() throws IOException {
    JsonNode tree =
        new ObjectMapper()
            .readTree(ReportFormatsTest.render(ReportFormat.JSON, ReportFormatsTest.sample()));

    assertThat(tree.has("attribution")).isFalse();
    assertThat(tree.at("/packages/0").has("origin")).isFalse();
    assertThat(tree.at("/layers/0").has("origin")).isFalse();
  }

  @Test
  void cycloneDxWithOriginsStillValidates() throws IOException {
    Attribution known =
        Attribution.known(
            Method.FLAG, "debian:12-slim", "sha256:" + "f".repeat(64), List.of(BASE_LAYER));

    byte[] bom = ReportFormatsTest.render(ReportFormat.CYCLONEDX, attributed(known));

    assertThat(new JsonParser().validate(bom, CycloneDxWriter.VERSION)).isEmpty();
    assertThat(new String(bom)).contains("portcullis:origin", "portcullis:baseImage:identifiedBy");
  }

  @Test
  void spdxNamesTheOriginInThePackagesComment() throws IOException {
    Attribution known =
        Attribution.known(
            Method.FLAG, "debian:12-slim", "sha256:" + "f".repeat(64), List.of(BASE_LAYER));

    byte[] document = ReportFormatsTest.render(ReportFormat.SPDX_JSON, attributed(known));

    JsonNode tree = new ObjectMapper().readTree(document);
    assertThat(ReportFormatsTest.spdxSchema().validate(tree)).isEmpty();
    assertThat(tree.toString()).contains("origin: base", "origin: application");
  }
}
