package dev.portcullis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.OciLayoutBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of naming an image's base image, followed to its registry: the base's layers, matched
 * by diffID, are the base's; the packages they installed say {@code base}, the others {@code
 * application}.
 */
class BaseImageAttributionTest {

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

  private JsonNode sbomJson(Path layout, String... more) throws Exception {
    Cli.Result result = BaseAndApplication.sbom(layout, BaseAndApplication.asJson(more));
    assertThat(result.exitCode()).as(result.err()).isZero();
    return json.readTree(result.out());
  }

  private static Map<String, String> originByPackage(JsonNode report) {
    Map<String, String> origins = new HashMap<>();
    report
        .path("packages")
        .forEach(p -> origins.put(p.path("name").asText(), p.path("origin").asText()));
    return origins;
  }

  private void assertBaseIsTheFirstLayer(JsonNode report, String method) {
    JsonNode attribution = report.path("attribution");
    assertThat(attribution.path("status").asText()).isEqualTo("known");
    assertThat(attribution.path("method").asText()).isEqualTo(method);
    assertThat(attribution.path("baseLayers")).hasSize(1);
    assertThat(attribution.path("baseLayers").get(0).asText())
        .isEqualTo(report.path("layers").get(0).path("diffId").asText());
    assertThat(report.path("layers").get(0).path("origin").asText()).isEqualTo("base");
    assertThat(report.path("layers").get(1).path("origin").asText()).isEqualTo("application");
    assertThat(report.path("layers").get(2).path("origin").asText()).isEqualTo("application");
    assertThat(originByPackage(report))
        .containsEntry("libssl3", "base")
        .containsEntry("curl", "application")
        .containsEntry("requests", "application");
  }

  @Test
  void manifestAnnotationsNameTheBaseAndItsDigest() throws Exception {
    Path app =
        images.application(
            "annotated",
            i -> i.annotation(NAME, images.baseName()).annotation(DIGEST, images.baseDigest));

    JsonNode report = sbomJson(app);

    assertBaseIsTheFirstLayer(report, "annotation");
    assertThat(report.path("attribution").path("baseImage").asText()).isEqualTo(images.baseName());
    assertThat(report.path("attribution").path("baseDigest").asText()).isEqualTo(images.baseDigest);
    assertThat(report.path("attribution").has("guess")).isFalse();
  }

  @Test
  void configLabelsNameTheBaseWhenTheManifestDoesNot() throws Exception {
    Path app =
        images.application(
            "labelled", i -> i.label(NAME, images.baseName()).label(DIGEST, images.baseDigest));

    JsonNode report = sbomJson(app);

    assertBaseIsTheFirstLayer(report, "label");
    assertThat(report.path("attribution").path("baseDigest").asText()).isEqualTo(images.baseDigest);
  }

  @Test
  void theDockerfilesFinalStageNamesTheBaseThroughTheStagesItBuildsOn() throws Exception {
    Path app = images.application("dockerfile", i -> i);
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(
        dockerfile,
        "ARG BASE="
            + images.baseName()
            + "\n"
            + "FROM golang:1.22 AS build\nRUN go build -o /out/run .\n"
            + "FROM ${BASE} AS runtime\nWORKDIR /app\n"
            + "FROM runtime\nRUN apt-get install -y curl\nCOPY app /app\nCMD [\"/app/run\"]\n");

    JsonNode report = sbomJson(app, "--dockerfile", dockerfile.toString());

    assertBaseIsTheFirstLayer(report, "dockerfile");
    assertThat(report.path("attribution").path("baseImage").asText()).isEqualTo(images.baseName());
    assertThat(report.path("attribution").path("baseDigest").asText()).isEqualTo(images.baseDigest);
  }

  @Test
  void theBaseImageFlagNamesTheBase() throws Exception {
    Path app = images.application("flag", i -> i);

    JsonNode report = sbomJson(app, "--base-image", images.baseName());

    assertBaseIsTheFirstLayer(report, "flag");
    assertThat(report.path("attribution").path("baseDigest").asText()).isEqualTo(images.baseDigest);
  }

  @Test
  void withoutAnyNameTheHistoryGivesAGuessThatSaysItIsOne() throws Exception {
    Path app = images.application("history", i -> i);

    JsonNode report = sbomJson(app);

    assertBaseIsTheFirstLayer(report, "history-guess");
    assertThat(report.path("attribution").path("guess").asBoolean()).isTrue();
    assertThat(report.path("attribution").has("baseImage")).isFalse();
  }

  @Test
  void annotationsWinOverTheFlagAndTheDockerfile() throws Exception {
    Path app =
        images.application(
            "both",
            i -> i.annotation(NAME, images.baseName()).annotation(DIGEST, images.baseDigest));

    JsonNode report = sbomJson(app, "--base-image", registry.host() + "/base:1.1");

    assertBaseIsTheFirstLayer(report, "annotation");
  }

  @Test
  void everyReportFormatCarriesTheOriginOfFindingsAndPackages() throws Exception {
    Path app =
        images.application(
            "reports",
            i -> i.annotation(NAME, images.baseName()).annotation(DIGEST, images.baseDigest));

    Cli.Result table = images.scan(app);
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .contains(
            "Base image: " + images.baseName() + "@" + images.baseDigest + " (annotation), layer 0")
        .containsPattern("ORIGIN")
        .containsPattern("libssl3 +" + BaseAndApplication.SSL_ADVISORY + ".* base\\b")
        .containsPattern("curl +" + BaseAndApplication.CURL_ADVISORY + ".* application\\b");

    JsonNode findings = json.readTree(images.scan(app, "-f", "json").out());
    Map<String, String> byId = new HashMap<>();
    findings
        .path("findings")
        .forEach(f -> byId.put(f.path("vulnerabilityId").asText(), f.path("origin").asText()));
    assertThat(byId)
        .containsEntry(BaseAndApplication.SSL_ADVISORY, "base")
        .containsEntry(BaseAndApplication.CURL_ADVISORY, "application");
    assertThat(findings.path("attribution").path("baseDigest").asText())
        .isEqualTo(images.baseDigest);
    findings
        .path("findings")
        .forEach(
            f -> {
              if (f.path("packageName").asText().equals("curl")) {
                assertThat(f.path("installedBy").asText())
                    .isEqualTo(
                        "apt-get install in layer 1 (RUN /bin/sh -c apt-get install -y curl #"
                            + " buildkit), /var/lib/dpkg/status");
              } else {
                assertThat(f.has("installedBy")).as("a base finding").isFalse();
              }
            });

    JsonNode sarif = json.readTree(images.scan(app, "-f", "sarif").out());
    Map<String, JsonNode> results = new HashMap<>();
    sarif.at("/runs/0/results").forEach(r -> results.put(r.path("ruleId").asText(), r));
    JsonNode ssl = results.get(BaseAndApplication.SSL_ADVISORY);
    assertThat(ssl.at("/properties/origin").asText()).isEqualTo("base");
    assertThat(ssl.at("/message/text").asText())
        .contains(
            "Origin: the base image "
                + images.baseName()
                + "@"
                + images.baseDigest
                + " (annotation)");
    assertThat(results.get(BaseAndApplication.CURL_ADVISORY).at("/properties/origin").asText())
        .isEqualTo("application");
    assertThat(results.get(BaseAndApplication.CURL_ADVISORY).at("/message/text").asText())
        .contains("Installed by: apt-get install in layer 1");

    JsonNode bom = json.readTree(BaseAndApplication.sbom(app, "-f", "cyclonedx").out());
    Map<String, String> componentOrigins = new HashMap<>();
    bom.path("components")
        .forEach(
            c ->
                c.path("properties")
                    .forEach(
                        p -> {
                          if (p.path("name").asText().equals("portcullis:origin")) {
                            componentOrigins.put(c.path("name").asText(), p.path("value").asText());
                          }
                        }));
    assertThat(componentOrigins)
        .containsEntry("libssl3", "base")
        .containsEntry("curl", "application")
        .containsEntry("requests", "application");
    assertThat(bom.at("/metadata/component/properties").toString())
        .contains("portcullis:baseImage:digest", images.baseDigest);

    Cli.Result sbomTable = BaseAndApplication.sbom(app);
    assertThat(sbomTable.out())
        .contains("Base image: " + images.baseName())
        .containsPattern("libssl3 .* base\\b")
        .containsPattern("curl .* application\\b");
  }

  @Test
  void annotationsOnAnImageIndexNameTheBaseOfItsPlatformImages() throws Exception {
    Path app = images.application("indexed", i -> i);
    // The layout's manifest moved under an index that carries the annotations, as BuildKit's
    // annotation-index.* writes them.
    ObjectNode top = (ObjectNode) json.readTree(app.resolve("index.json").toFile());
    ObjectNode manifest = (ObjectNode) top.path("manifests").get(0).deepCopy();
    manifest.remove("annotations");
    manifest.putObject("platform").put("os", "linux").put("architecture", "amd64");
    ObjectNode index = json.createObjectNode().put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    index.putArray("manifests").add(manifest);
    index.putObject("annotations").put(NAME, images.baseName()).put(DIGEST, images.baseDigest);
    byte[] indexBytes = json.writeValueAsBytes(index);
    String digest = "sha256:" + OciLayoutBuilder.sha256(indexBytes);
    Files.write(OciLayoutBuilder.blobPath(app, digest), indexBytes);
    ObjectNode entry = (ObjectNode) top.path("manifests").get(0);
    entry.put("mediaType", "application/vnd.oci.image.index.v1+json");
    entry.put("digest", digest);
    entry.put("size", indexBytes.length);
    Files.write(app.resolve("index.json"), json.writeValueAsBytes(top));

    JsonNode report = sbomJson(app);

    assertBaseIsTheFirstLayer(report, "annotation");
  }
}
