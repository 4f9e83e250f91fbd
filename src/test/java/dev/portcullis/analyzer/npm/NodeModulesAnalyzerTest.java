package dev.portcullis.analyzer.npm;

import static dev.portcullis.testing.OciLayoutBuilder.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import dev.portcullis.testing.OciLayoutBuilder;
import dev.portcullis.testing.OciLayoutBuilder.Entry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installed packages: the node_modules real npm wrote, in an image, and single manifests. */
class NodeModulesAnalyzerTest {

  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\n";

  @TempDir Path dir;

  private final NodeModulesAnalyzer analyzer = new NodeModulesAnalyzer();

  /** The project npm installed, every file and symlink of it, under /app of an image layer. */
  private Path imageOfTheInstalledProject() throws IOException {
    Path project = NpmProjects.directory().resolve("installed");
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> files = Files.walk(project)) {
      for (Path path : files.sorted().toList()) {
        String name = "app/" + project.relativize(path).toString().replace('\\', '/');
        if (Files.isSymbolicLink(path)) {
          entries.add(Entry.symlink(name, Files.readSymbolicLink(path).toString()));
        } else if (Files.isRegularFile(path)) {
          entries.add(file(name, Files.readAllBytes(path)));
        }
      }
    }
    Path layout = dir.resolve("layout");
    new OciLayoutBuilder()
        .layer("debian", file("etc/os-release", OS_RELEASE))
        .layer("COPY app /app && npm install", entries.toArray(Entry[]::new))
        .writeTo(layout, "v1");
    return layout;
  }

  @Test
  void everyPackageNpmInstalledIsFoundInTheImage() throws IOException {
    Path layout = imageOfTheInstalledProject();

    Cli.Result result = Cli.run("sbom", "image", "oci:" + layout, "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode sbom = new ObjectMapper().readTree(result.out());
    Set<String> found = new TreeSet<>();
    List<String> foundIn = new ArrayList<>();
    sbom.path("packages")
        .forEach(
            p -> {
              found.add(p.path("name").asText() + "@" + p.path("version").asText());
              foundIn.add(p.path("foundIn").asText());
            });
    assertThat(found).isEqualTo(NpmProjects.installed());
    // One package per installed copy: debug 2.6.9 and ms sit under several packages' node_modules.
    assertThat(foundIn).hasSize(countManifests()).allMatch(p -> p.contains("/node_modules/"));
    assertThat(foundIn)
        .contains(
            "app/node_modules/@babel/code-frame/package.json",
            "app/node_modules/send/node_modules/debug/node_modules/ms/package.json")
        // The project's own manifest is no installed package (Trivy lists it: portcullis-npm-
        // fixture 1.0.0, which is all it finds and this does not); nor is its lockfile read here.
        .doesNotContain("app/package.json", "app/package-lock.json");
    assertThat(sbom.path("warnings")).isEmpty();
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:npm/%40babel/code-frame@7.12.13\"",
            "\"maintainer\" : \"TJ Holowaychuk <tj@vision-media.ca>\"");
  }

  private static int countManifests() throws IOException {
    try (Stream<Path> files = Files.walk(NpmProjects.directory().resolve("installed"))) {
      return (int)
          files
              .filter(p -> p.getFileName().toString().equals("package.json"))
              .filter(p -> p.toString().contains("/node_modules/"))
              .count();
    }
  }

  @Test
  void authorAndLicenceComeFromTheManifestInEachOfTheirForms() throws IOException {
    Path manifest =
        NpmProjects.directory().resolve("installed/node_modules/utils-merge/package.json");

    // {"author": {"name": …, "email": …, "url": …}, "license": "MIT", "licenses": [{"type":
    // "MIT"}]}
    Package installed =
        single(
            analyze("usr/lib/node_modules/utils-merge/package.json", Files.readString(manifest)));

    assertThat(installed.maintainer()).isEqualTo("Jared Hanson <jaredhanson@gmail.com>");
    assertThat(installed.license()).isEqualTo("MIT");
    assertThat(
            single(
                    analyze(
                        "node_modules/old/package.json",
                        "{\"name\":\"old\",\"version\":\"0.1.0\",\"license\":{\"type\":\"BSD\"},"
                            + "\"licenses\":[{\"type\":\"MIT\"},\"Apache-2.0\"]}"))
                .license())
        .isEqualTo("BSD OR MIT OR Apache-2.0");
  }

  @Test
  void onlyManifestsInsideNodeModulesAreRead() {
    assertThat(analyzer.required("app/node_modules/express/package.json", 100)).isTrue();
    assertThat(analyzer.required("node_modules/@babel/core/package.json", 100)).isTrue();
    assertThat(analyzer.required("usr/lib/node_modules/npm/package.json", 100)).isTrue();
    assertThat(analyzer.required("app/package.json", 100)).isFalse();
    assertThat(analyzer.required("app/my_node_modules/x/package.json", 100)).isFalse();
    assertThat(analyzer.required("app/node_modules/x/package.json.bak", 100)).isFalse();
  }

  @Test
  void manifestsWithoutNameAndVersionAreNotPackages() throws IOException {
    assertThat(
            analyze("node_modules/uuid/dist/esm-node/package.json", "{\"type\":\"module\"}")
                .packages())
        .isEmpty();
    AnalysisResult nameless =
        analyze("node_modules/x/package.json", "{\"name\":\"\",\"version\":\"1.0.0\"}");
    assertThat(nameless.packages()).isEmpty();
    assertThat(nameless.warnings()).isEmpty();
  }

  @Test
  void malformedManifestIsAWarningNamingTheFile() throws IOException {
    AnalysisResult result =
        analyze("app/node_modules/x/package.json", "{\"name\": \"x\",\n \"version\": 1.0.0}");

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/app/node_modules/x/package.json: not valid JSON (line 2: ");
  }

  @Test
  void truncatedManifestIsAWarning() throws IOException {
    assertThat(analyze("node_modules/x/package.json", "{\"name\": \"x\", \"vers").warnings())
        .singleElement()
        .asString()
        .contains("not valid JSON");
  }

  @Test
  void valuesOfTheWrongTypeAreLeftOut() throws IOException {
    assertThat(analyze("node_modules/x/package.json", "[\"x\", \"1.0.0\"]").warnings())
        .containsExactly("/node_modules/x/package.json: not a package manifest (a JSON object)");
    assertThat(
            analyze("node_modules/x/package.json", "{\"name\":[\"x\"],\"version\":{\"v\":1}}")
                .packages())
        .isEmpty();
    Package odd =
        single(
            analyze(
                "node_modules/x/package.json",
                "{\"name\":\"x\",\"version\":\"1.0.0\",\"author\":42,\"license\":[\"MIT\"]}"));
    assertThat(odd.maintainer()).isNull();
    assertThat(odd.license()).isNull();
  }

  @Test
  void namesThatAreNoNpmNamesAreAWarningNotAPackage() throws IOException {
    AnalysisResult result =
        analyze(
            "node_modules/x/package.json", "{\"name\":\"../../etc/passwd\",\"version\":\"1.0.0\"}");

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings()).singleElement().asString().contains("is not an npm package");
  }

  @Test
  void oversizedManifestsAreNotRead() {
    assertThat(analyzer.maxFileSize()).isEqualTo(NodeModulesAnalyzer.MAX_SIZE);
  }

  private AnalysisResult analyze(String path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    assertThat(analyzer.required(path, bytes.length)).isTrue();
    return analyzer.analyze(new AnalysisInput(path, bytes.length, new ByteArrayInputStream(bytes)));
  }

  private static Package single(AnalysisResult result) {
    assertThat(result.warnings()).isEmpty();
    assertThat(result.packages()).hasSize(1);
    return result.packages().get(0);
  }
}
