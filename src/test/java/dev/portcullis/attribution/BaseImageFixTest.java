package dev.portcullis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.OciLayoutBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For findings that came with the base image: whether its newest compatible build ({@code base:1.1}
 * for {@code base:1.0}, with libssl3 upgraded) removes them, read once from the registry.
 */
class BaseImageFixTest {

  private static final String NAME = BaseImageAttributor.BASE_NAME;
  private static final String DIGEST = BaseImageAttributor.BASE_DIGEST;

  @TempDir static Path shared;
  private static LocalRegistry registry;
  private static BaseAndApplication images;
  private static Path app;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void pushBaseImages() throws Exception {
    registry = LocalRegistry.start(shared.resolve("registry"), null);
    images = new BaseAndApplication(registry, shared.resolve("images"));
    app =
        images.application(
            "annotated",
            i -> i.annotation(NAME, images.baseName()).annotation(DIGEST, images.baseDigest));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  private String newer() {
    return registry.host() + "/base:1.1@" + images.newerBaseDigest;
  }

  @Test
  void aBaseFindingTheNewerBaseNoLongerHasIsFixedByUpdatingTheBase() throws Exception {
    Cli.Result result = images.scan(app, "-f", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("scanning the newer base image registry:" + newer());
    JsonNode report = json.readTree(result.out());

    Map<String, JsonNode> byId = new HashMap<>();
    report.path("findings").forEach(f -> byId.put(f.path("vulnerabilityId").asText(), f));
    assertThat(byId.get(BaseAndApplication.SSL_ADVISORY).path("fixedByBaseImage").asText())
        .isEqualTo(newer());
    assertThat(byId.get(BaseAndApplication.CURL_ADVISORY).has("fixedByBaseImage")).isFalse();
    JsonNode update = report.path("baseImageUpdate");
    assertThat(update.path("image").asText()).isEqualTo(registry.host() + "/base:1.1");
    assertThat(update.path("tag").asText()).isEqualTo("1.1");
    assertThat(update.path("digest").asText()).isEqualTo(images.newerBaseDigest);
    assertThat(update.path("fixes").asInt()).isEqualTo(1);
  }

  @Test
  void theTableGroupedByOriginCountsWhatTheNewerBaseFixes() {
    Cli.Result result = images.scan(app, "--group-by", "origin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            "base image "
                + images.baseName()
                + "@"
                + images.baseDigest
                + ": 1 (1 fixed by updating to 1.1); application: 1")
        .contains("Newer base image: " + newer() + " fixes 1 of the base image's 1 findings")
        .containsPattern("libssl3 .* base, fixed in 1.1");
    assertThat(result.out().indexOf("libssl3 ")).isLessThan(result.out().indexOf("curl "));
  }

  @Test
  void sarifSaysWhichUpdateFixesIt() throws Exception {
    JsonNode sarif = json.readTree(images.scan(app, "-f", "sarif").out());

    Map<String, JsonNode> results = new HashMap<>();
    sarif.at("/runs/0/results").forEach(r -> results.put(r.path("ruleId").asText(), r));
    assertThat(results.get(BaseAndApplication.SSL_ADVISORY).at("/message/text").asText())
        .contains("Fixed by updating the base image to 1.1@" + images.newerBaseDigest);
    assertThat(
            results
                .get(BaseAndApplication.SSL_ADVISORY)
                .at("/properties/fixedByBaseImage")
                .asText())
        .isEqualTo(newer());
    assertThat(results.get(BaseAndApplication.CURL_ADVISORY).at("/message/text").asText())
        .doesNotContain("Fixed by updating");
  }

  @Test
  void withoutANewerBuildTheReportSaysSo() throws Exception {
    String only =
        images.push(
            new OciLayoutBuilder()
                .rawLayer("ADD rootfs.tar.xz / # buildkit", images.baseLayer)
                .emptyLayerHere("CMD [\"bash\"]"),
            "only",
            "only/base:2.0");
    Path onOnly =
        images.application(
            "on-only",
            i -> i.annotation(NAME, registry.host() + "/only/base:2.0").annotation(DIGEST, only));

    JsonNode report = json.readTree(images.scan(onOnly, "-f", "json").out());

    assertThat(report.path("baseImageUpdate").path("problem").asText())
        .contains("no newer compatible tag of " + registry.host() + "/only/base:2.0");
    report.path("findings").forEach(f -> assertThat(f.has("fixedByBaseImage")).isFalse());
  }

  @Test
  void noBaseImageUpdateAsksNoRegistryForIt() throws Exception {
    Cli.Result result = images.scan(app, "-f", "json", "--no-base-image-update");

    assertThat(result.err()).doesNotContain("newer base image");
    assertThat(json.readTree(result.out()).has("baseImageUpdate")).isFalse();
  }

  @Test
  void groupByTakesOnlyOrigin() {
    Cli.Result result = images.scan(app, "--group-by", "severity");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--group-by takes 'origin'");
  }
}
