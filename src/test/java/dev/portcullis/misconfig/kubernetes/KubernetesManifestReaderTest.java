package dev.portcullis.misconfig.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading manifests: documents, lists, JSON, lines, and hostile files that must not hurt. */
@Timeout(20)
class KubernetesManifestReaderTest {

  private final ManifestReader reader = new ManifestReader();

  @Test
  void multiDocumentYamlGivesEachObjectWithItsLine() {
    ManifestFile file =
        reader.readText(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            # a comment
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            """,
            "all.yaml");

    List<Resource> resources = resources(file);
    assertThat(resources)
        .extracting(Resource::ref)
        .containsExactly("Namespace//shop", "Deployment/shop/web");
    assertThat(resources).extracting(Resource::line).containsExactly(1, 8);
  }

  @Test
  void listKindsAreOpenedIntoTheirItems() {
    ManifestFile file =
        reader.readText(
            """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
            - apiVersion: v1
              kind: Secret
              metadata: {name: b}
            """,
            "list.yaml");

    assertThat(resources(file))
        .extracting(Resource::ref)
        .containsExactly("ConfigMap//a", "Secret//b");
  }

  @Test
  void jsonManifestsCarryLinesToo() {
    ManifestFile file =
        reader.readText(
            "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"p\"},\n"
                + "\t\"spec\": {\"hostNetwork\": true}\n}\n",
            "pod.json");

    Resource pod = resources(file).get(0);
    assertThat(pod.ref()).isEqualTo("Pod//p");
    assertThat(pod.node().at("spec.hostNetwork").line()).isEqualTo(5);
    assertThat(pod.node().at("spec.hostNetwork").isTrue()).isTrue();
  }

  @Test
  void mergeKeysAndAliasesAreResolvedAsKubectlDoes() {
    ManifestFile file =
        reader.readText(
            """
            base: &ctx
              runAsNonRoot: true
              runAsUser: 1000
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              securityContext:
                <<: *ctx
                runAsUser: 2000
            """,
            "merge.yaml");

    Node context = resources(file).get(0).node().at("spec.securityContext");
    assertThat(context.get("runAsNonRoot").isTrue()).isTrue();
    assertThat(context.get("runAsUser").text()).isEqualTo("2000");
  }

  @Test
  void malformedYamlSaysFileAndLineAndKeepsTheDocumentsBeforeIt() {
    ManifestFile file =
        reader.readText(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ok}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
               labels: {a: b}
            """,
            "broken.yaml");

    assertThat(resources(file)).extracting(Resource::ref).containsExactly("ConfigMap//ok");
    assertThat(file.problems()).hasSize(1);
    assertThat(file.problems().get(0).describe()).startsWith("broken.yaml:9: not valid YAML");
  }

  @Test
  void ofSeveralMergedMappingsTheFirstWinsAndOwnKeysWinOverAll() {
    ManifestFile file =
        reader.readText(
            """
            a: &a {runAsUser: 1, runAsGroup: 1}
            b: &b {runAsUser: 2, fsGroup: 2}
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              securityContext:
                <<: [*a, *b]
                runAsGroup: 3
            """,
            "merge-list.yaml");

    Node context = resources(file).get(0).node().at("spec.securityContext");
    assertThat(context.get("runAsUser").text()).isEqualTo("1");
    assertThat(context.get("runAsGroup").text()).isEqualTo("3");
    assertThat(context.get("fsGroup").text()).isEqualTo("2");
  }

  @Test
  void aMergeIntoTheMappingThatHoldsItIsRefusedNotLoopedOn() {
    ManifestFile file =
        reader.readText(
            """
            base: &base
              image: nginx
              containers:
              - <<: *base
                name: web
            """,
            "merge-loop.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems()).hasSize(1);
    assertThat(file.problems().get(0).describe())
        .startsWith("merge-loop.yaml:")
        .contains("recursive");
  }

  @Test
  void aMergeOfAScalarIsNotYaml() {
    ManifestFile file = reader.readText("spec:\n  <<: text\n  a: b\n", "merge-scalar.yaml");

    assertThat(file.problems()).hasSize(1);
    assertThat(file.problems().get(0).describe()).contains("merge key (<<)");
  }

  @Test
  void aTagThatDecodesToSpacesIsNotYaml() {
    ManifestFile file = reader.readText("!3%20\n", "tag.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems()).hasSize(1);
    assertThat(file.problems().get(0).describe()).contains("not valid YAML", "tag");
  }

  @Test
  void billionLaughsIsRefusedNotExpanded() {
    StringBuilder yaml =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = c;
    }

    ManifestFile file = reader.readText(yaml.toString(), "lol.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems().get(0).describe()).contains("lol.yaml:").contains("alias");
  }

  @Test
  void aliasDoublingUnderTheAliasLimitIsRefusedByItsExpandedSize() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
    for (int i = 1; i <= 40; i++) {
      yaml.append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [*l")
          .append(i - 1)
          .append(", *l")
          .append(i - 1)
          .append("]\n");
    }

    ManifestFile file = reader.readText(yaml.toString(), "doubling.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems().get(0).message()).contains("expands to more than");
  }

  @Test
  void recursiveAliasesAreAnErrorNotALoop() {
    ManifestFile file = reader.readText("a: &a [x, *a]\n", "loop.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems()).isNotEmpty();
  }

  @Test
  void deepNestingIsRefusedWithALine() {
    String yaml = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

    ManifestFile file = reader.readText(yaml, "deep.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems().get(0).describe()).startsWith("deep.yaml:1:");
  }

  @Test
  void deepJsonIsRefusedToo() {
    String json = "[".repeat(5000) + "]".repeat(5000);

    ManifestFile file = reader.readText(json, "deep.json");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems().get(0).message()).startsWith("not valid JSON");
  }

  @Test
  void hugeFilesAreNotRead(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge.yaml");
    byte[] line = "# padding padding padding padding padding padding padding padding\n".getBytes();
    try (var out = Files.newOutputStream(huge)) {
      for (long written = 0; written <= ManifestReader.MAX_FILE_BYTES; written += line.length) {
        out.write(line);
      }
    }

    ManifestFile file = reader.read(huge, "huge.yaml");

    assertThat(file.documents()).isEmpty();
    assertThat(file.problems().get(0).message())
        .contains("more than the 8388608 bytes a manifest file may have");
  }

  @Test
  void bytesThatAreNotUtf8AreAProblemNotACrash(@TempDir Path dir) throws IOException {
    Path binary = dir.resolve("x.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

    assertThat(reader.read(binary, "x.yaml").problems().get(0).message()).contains("UTF-8");
  }

  @Test
  void documentsWithoutKindAreSkippedAndCounted() {
    ManifestFile file = reader.readText("just: data\n---\n- a\n- b\n", "data.yaml");
    List<String> skipped = new ArrayList<>();

    for (ManifestDocument document : file.documents()) {
      Resources.of(document, skipped);
    }

    assertThat(skipped).hasSize(2);
  }

  private static List<Resource> resources(ManifestFile file) {
    List<Resource> resources = new ArrayList<>();
    for (ManifestDocument document : file.documents()) {
      resources.addAll(Resources.of(document, new ArrayList<>()));
    }
    return resources;
  }
}
