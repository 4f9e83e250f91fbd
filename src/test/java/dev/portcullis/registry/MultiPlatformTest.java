package dev.portcullis.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.LocalRegistry;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OCI index over two real images (the Debian one as linux/amd64, the distroless one as
 * linux/arm64/v8), read from a layout and from a registry it was pushed to with {@code skopeo
 * --all}.
 */
class MultiPlatformTest {

  @TempDir static Path dir;
  private static Path layout;
  private static LocalRegistry registry;

  @BeforeAll
  static void buildIndexAndPush() throws Exception {
    layout = dir.resolve("layout");
    // Hard-linked copy: blobs are shared and never written; index.json is replaced, not edited.
    new ProcessBuilder("cp", "-al", TestImages.ociLayout().toString(), layout.toString())
        .inheritIO()
        .start()
        .waitFor();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode topIndex = (ObjectNode) mapper.readTree(layout.resolve("index.json").toFile());
    ObjectNode index =
        mapper
            .createObjectNode()
            .put("schemaVersion", 2)
            .put("mediaType", "application/vnd.oci.image.index.v1+json");
    ArrayNode manifests = index.putArray("manifests");
    manifests.add(platformEntry(mapper, find(topIndex, "debian-next"), "amd64", null));
    manifests.add(platformEntry(mapper, find(topIndex, "distroless"), "arm64", "v8"));
    byte[] indexBytes = mapper.writeValueAsBytes(index);
    String digest = "sha256:" + OciLayoutBuilder.sha256(indexBytes);
    Files.write(OciLayoutBuilder.blobPath(layout, digest), indexBytes);
    ObjectNode entry =
        ((ArrayNode) topIndex.get("manifests"))
            .addObject()
            .put("mediaType", "application/vnd.oci.image.index.v1+json")
            .put("digest", digest)
            .put("size", indexBytes.length);
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", "multi");
    Files.delete(layout.resolve("index.json"));
    Files.write(layout.resolve("index.json"), mapper.writeValueAsBytes(topIndex));

    registry = LocalRegistry.start(dir.resolve("registry"), null);
    registry.push("oci:" + layout + ":multi", "app/multi:1", null, "--all");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (registry != null) {
      registry.close();
    }
  }

  private static JsonNode find(JsonNode index, String tag) {
    for (JsonNode m : index.path("manifests")) {
      if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
        return m;
      }
    }
    throw new IllegalStateException("no " + tag + " in the test layout");
  }

  private static ObjectNode platformEntry(
      ObjectMapper mapper, JsonNode manifest, String arch, String variant) {
    ObjectNode entry =
        mapper
            .createObjectNode()
            .put("mediaType", manifest.path("mediaType").asText())
            .put("digest", manifest.path("digest").asText())
            .put("size", manifest.path("size").asLong());
    ObjectNode platform = entry.putObject("platform").put("os", "linux").put("architecture", arch);
    if (variant != null) {
      platform.put("variant", variant);
    }
    return entry;
  }

  private static List<String> sources() {
    return List.of("oci:" + layout + ":multi", "registry:" + registry.host() + "/app/multi:1");
  }

  private static Cli.Result sbom(String source, String... more) {
    return Cli.run(
        Stream.concat(
                Stream.of("sbom", "image", source, "--no-cache", "--insecure-registry"),
                Stream.of(more))
            .toArray(String[]::new));
  }

  @Test
  void defaultPlatformIsLinuxAmd64() {
    for (String source : sources()) {
      Cli.Result result = sbom(source);
      assertThat(result.exitCode()).as(source + ": " + result.err()).isZero();
      assertThat(result.out()).as(source).contains("Total: 96 packages");
    }
  }

  @Test
  void platformFlagPicksTheArm64ImageWithOrWithoutItsDefaultVariant() {
    for (String source : sources()) {
      assertThat(sbom(source, "--platform", "linux/arm64").out())
          .as(source)
          .contains("Distroless", "Total: 6 packages");
      assertThat(sbom(source, "--platform", "linux/arm64/v8").out())
          .as(source)
          .contains("Total: 6 packages");
    }
  }

  @Test
  void platformTheIndexLacksIsAnErrorListingTheOfferedOnes() {
    for (String source : sources()) {
      Cli.Result result = sbom(source, "--platform", "linux/s390x");
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .contains("no image for platform linux/s390x", "linux/amd64", "linux/arm64/v8");
    }
  }

  @Test
  void malformedPlatformIsAUsageError() {
    Cli.Result result = sbom("oci:" + layout + ":multi", "--platform", "arm64");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("os/arch[/variant]");
  }
}
