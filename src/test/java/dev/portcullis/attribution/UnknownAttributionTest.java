package dev.portcullis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.OciLayoutBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base that cannot be followed makes the attribution unknown, with the reason, in the report and
 * its warnings; the scan itself goes on and its exit code is what the findings make it. A final
 * stage built FROM scratch has no base: every layer is the application's.
 */
class UnknownAttributionTest {

  private static final String NAME = BaseImageAttributor.BASE_NAME;
  private static final String DIGEST = BaseImageAttributor.BASE_DIGEST;

  @TempDir static Path shared;
  private static LocalRegistry registry;
  private static BaseAndApplication images;

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void pushBaseImages() throws Exception {
    registry = LocalRegistry.start(shared.resolve("registry"), null);
    images = new BaseAndApplication(registry, shared.resolve("images"));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  /** {@code scan image -f json}: exit code 0 (no gate threshold), the report parsed. */
  private JsonNode scanJson(Path layout, String... more) throws Exception {
    Cli.Result result = images.scan(layout, BaseAndApplication.asJson(more));
    assertThat(result.exitCode()).as(result.err()).isZero();
    return json.readTree(result.out());
  }

  private static void assertUnknownBecause(JsonNode report, String method, String... reason) {
    JsonNode attribution = report.path("attribution");
    assertThat(attribution.path("status").asText()).isEqualTo("unknown");
    assertThat(attribution.path("method").asText()).isEqualTo(method);
    assertThat(attribution.path("reason").asText()).contains(reason);
    assertThat(report.path("warnings").toString()).contains("base image unknown");
    assertThat(report.path("findings")).isNotEmpty();
    report
        .path("findings")
        .forEach(f -> assertThat(f.path("origin").asText()).isEqualTo("unknown"));
  }

  @Test
  void anAnnotationNamingAnUnreachableRegistryLeavesTheOriginUnknown() throws Exception {
    int closed = LocalRegistry.freePort();
    Path app =
        images.application(
            "unreachable",
            i ->
                i.annotation(NAME, "127.0.0.1:" + closed + "/base:1.0")
                    .annotation(DIGEST, images.baseDigest));

    JsonNode report = scanJson(app);

    assertUnknownBecause(
        report, "annotation", "could not be read from its registry", "127.0.0.1:" + closed);
  }

  @Test
  void aBaseDigestWhoseLayersAreNotTheImagesIsNotItsBase() throws Exception {
    Path app =
        images.application(
            "mismatch",
            i -> i.annotation(NAME, images.baseName()).annotation(DIGEST, images.newerBaseDigest));

    JsonNode report = scanJson(app);

    assertUnknownBecause(
        report, "annotation", "lowest layers are not the 1 layers of the base image");
  }

  @Test
  void aBaseNoLongerInTheRegistryLeavesTheOriginUnknown() throws Exception {
    String digest =
        images.push(
            new OciLayoutBuilder()
                .rawLayer("ADD rootfs.tar.xz / # buildkit", images.baseLayer)
                .emptyLayerHere("CMD [\"bash\"]"),
            "deleted",
            "gone/base:1.0");
    HttpResponse<Void> deleted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://" + registry.host() + "/v2/gone/base/manifests/" + digest))
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(deleted.statusCode()).isEqualTo(202);
    Path app =
        images.application(
            "gone",
            i -> i.annotation(NAME, registry.host() + "/gone/base:1.0").annotation(DIGEST, digest));

    JsonNode report = scanJson(app);

    assertUnknownBecause(report, "annotation", "gone/base", "not found");
  }

  @Test
  void aDockerfileWhoseFromCannotBeResolvedLeavesTheOriginUnknown() throws Exception {
    Path app = images.application("unresolved", i -> i);
    Path unset = dir.resolve("Dockerfile.unset");
    Files.writeString(unset, "ARG BASE\nFROM ${BASE}\nRUN apt-get install -y curl\n");
    Path missing = dir.resolve("Dockerfile.missing");
    Files.writeString(missing, "FROM " + registry.host() + "/never-pushed:1.0\nCOPY app /app\n");

    assertUnknownBecause(
        scanJson(app, "--dockerfile", unset.toString()),
        "dockerfile",
        "build arguments without a value");
    assertUnknownBecause(
        scanJson(app, "--dockerfile", missing.toString()),
        "dockerfile",
        "never-pushed",
        "could not be read from its registry");
    assertUnknownBecause(
        scanJson(app, "--dockerfile", dir.resolve("no-such-Dockerfile").toString()),
        "dockerfile",
        "could not be read");
  }

  @Test
  void aMalformedBaseNameLeavesTheOriginUnknown() throws Exception {
    Path app = images.application("malformed", i -> i.label(NAME, "Not A Reference!"));

    assertUnknownBecause(scanJson(app), "label", "malformed");
  }

  @Test
  void aFinalStageFromScratchMakesEveryLayerTheApplications() throws Exception {
    Path app = images.application("scratch", i -> i);
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(
        dockerfile,
        "FROM "
            + images.baseName()
            + " AS build\nRUN make\n"
            + "FROM scratch\nCOPY --from=build / /\nCMD [\"/app/run\"]\n");

    JsonNode report = scanJson(app, "--dockerfile", dockerfile.toString());

    JsonNode attribution = report.path("attribution");
    assertThat(attribution.path("status").asText()).isEqualTo("known");
    assertThat(attribution.path("method").asText()).isEqualTo("dockerfile");
    assertThat(attribution.path("baseImage").asText()).isEqualTo("scratch");
    assertThat(attribution.path("baseLayers")).isEmpty();
    assertThat(report.path("findings")).isNotEmpty();
    report
        .path("findings")
        .forEach(f -> assertThat(f.path("origin").asText()).isEqualTo("application"));
    assertThat(report.path("warnings").toString()).doesNotContain("base image unknown");
  }

  @Test
  void aHistoryWithoutABaseIsUnknownWithoutAWarning() throws Exception {
    Path app = dir.resolve("squashed");
    new OciLayoutBuilder()
        .rawLayer("COPY / / # buildkit", images.installLayer)
        .emptyLayerHere("CMD [\"/app/run\"]")
        .writeTo(app, "app");

    Cli.Result result = BaseAndApplication.sbom(app, "--format", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode report = json.readTree(result.out());
    assertThat(report.path("attribution").path("status").asText()).isEqualTo("unknown");
    assertThat(report.path("attribution").path("method").asText()).isEqualTo("history-guess");
    assertThat(report.path("attribution").path("reason").asText()).contains("no CMD or ENTRYPOINT");
    assertThat(report.path("warnings").toString()).doesNotContain("base image unknown");
    assertThat(report.path("packages").get(0).path("origin").asText()).isEqualTo("unknown");
  }

  @Test
  void theTableSaysWhyTheBaseIsUnknownInsteadOfAColumnOfUnknowns() throws Exception {
    Path app = images.application("table-unknown", i -> i.label(NAME, "Not A Reference!"));

    Cli.Result result = images.scan(app, "--group-by", "origin");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Base image: unknown (the base image named by the label is malformed")
        .contains("origin unknown: 2 (the base image is unknown, see above)")
        .doesNotContain("ORIGIN");
  }

  @Test
  void aBaseNamedByATagThatNowNamesAnotherBuildIsNotTheImagesBase() throws Exception {
    Path app = images.application("moved", i -> i);

    assertUnknownBecause(
        scanJson(app, "--base-image", registry.host() + "/base:1.1"),
        "flag",
        "lowest layers are not",
        "the tag may have moved since");
  }

  @Test
  void aNameAndADigestThatDisagreeAreNotFollowed() throws Exception {
    Path app =
        images.application(
            "disagree",
            i ->
                i.label(NAME, images.baseName() + "@" + images.newerBaseDigest)
                    .label(DIGEST, images.baseDigest));

    assertUnknownBecause(scanJson(app), "label", "one of them is wrong");
  }
}
