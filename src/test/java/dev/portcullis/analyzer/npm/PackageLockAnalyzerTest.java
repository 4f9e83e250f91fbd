package dev.portcullis.analyzer.npm;

import static dev.portcullis.analyzer.npm.Inputs.analyze;
import static dev.portcullis.analyzer.npm.Inputs.listed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The rules of npm's lockfiles that the real project does not show (workspaces, links, aliases, git
 * dependencies), and hostile files. The real lockfiles are in {@link NpmLockfilesTest}.
 */
class PackageLockAnalyzerTest {

  private final PackageLockAnalyzer analyzer = new PackageLockAnalyzer();

  @Test
  void workspacesAndLinksAreTheProjectsOwnCodeButWhatTheyInstallIsListed() throws IOException {
    // As npm 10 writes a workspace "packages/app" and an alias; trimmed to the fields read.
    String lockfile =
        """
        {"name": "root", "lockfileVersion": 3, "requires": true,
         "packages": {
          "": {"name": "root", "version": "1.0.0", "workspaces": ["packages/*"]},
          "node_modules/app": {"resolved": "packages/app", "link": true},
          "node_modules/my-lodash": {"name": "lodash", "version": "4.17.21", "license": "MIT"},
          "node_modules/@types/node": {"version": "20.11.5", "dev": true},
          "node_modules/fsevents": {"version": "2.3.3", "optional": true, "devOptional": true},
          "packages/app": {"version": "0.1.0", "dependencies": {"left-pad": "^1.3.0"}},
          "packages/app/node_modules/left-pad": {"version": "1.3.0"}
         }}
        """;

    AnalysisResult result = analyze(analyzer, "package-lock.json", lockfile);

    assertThat(result.warnings()).isEmpty();
    // devOptional: needed by a production package as an optional dependency, so not dev-only.
    assertThat(listed(result))
        .containsExactly(
            "@types/node@20.11.5 (dev)", "fsevents@2.3.3", "left-pad@1.3.0", "lodash@4.17.21");
    assertThat(result.packages())
        .filteredOn(p -> p.name().equals("lodash"))
        .singleElement()
        .satisfies(p -> assertThat(p.license()).isEqualTo("MIT"));
  }

  @Test
  void theSameVersionInstalledTwiceIsOnePackageAndDevOnlyIfBothAre() throws IOException {
    String lockfile =
        """
        {"lockfileVersion": 2, "packages": {
          "node_modules/ms": {"version": "2.0.0", "dev": true},
          "node_modules/a/node_modules/ms": {"version": "2.0.0"},
          "node_modules/b/node_modules/ms": {"version": "2.1.3", "dev": true},
          "node_modules/c/node_modules/ms": {"version": "2.1.3", "dev": true}}}
        """;

    assertThat(listed(analyze(analyzer, "package-lock.json", lockfile)))
        .containsExactly("ms@2.0.0", "ms@2.1.3 (dev)");
  }

  @Test
  void v1AliasesAreTheAliasedPackageAndGitDependenciesAreLeftOut() throws IOException {
    String lockfile =
        """
        {"name": "p", "lockfileVersion": 1, "requires": true, "dependencies": {
          "my-lodash": {"version": "npm:lodash@4.17.21"},
          "from-git": {"version": "git+https://github.com/example/from-git.git#0a1b2c3"},
          "local": {"version": "file:../local"},
          "express": {"version": "4.17.1", "requires": {"debug": "2.6.9"},
            "dependencies": {"debug": {"version": "2.6.9",
              "dependencies": {"ms": {"version": "2.0.0", "dev": true}}}}}}}
        """;

    AnalysisResult result = analyze(analyzer, "npm-shrinkwrap.json", lockfile);

    assertThat(result.warnings()).isEmpty();
    assertThat(listed(result))
        .containsExactly("debug@2.6.9", "express@4.17.1", "lodash@4.17.21", "ms@2.0.0 (dev)");
  }

  @Test
  void lockfilesOfDependenciesAndNpmsHiddenLockfileAreNotRead() {
    assertThat(analyzer.required("app/package-lock.json", 10)).isTrue();
    assertThat(analyzer.required("app/node_modules/x/npm-shrinkwrap.json", 10)).isFalse();
    assertThat(analyzer.required("app/node_modules/.package-lock.json", 10)).isFalse();
  }

  @Test
  void notJsonIsAWarningNamingFileAndLine() throws IOException {
    AnalysisResult result =
        analyze(analyzer, "srv/app/package-lock.json", "{\n  \"lockfileVersion\": 3,\n  oops\n}");

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/srv/app/package-lock.json: not valid JSON (line 3: ");
  }

  @Test
  void aTruncatedLockfileKeepsWhatWasReadAndSaysSo() throws IOException {
    byte[] real = Files.readAllBytes(NpmProjects.directory().resolve("npm-v3/package-lock.json"));

    AnalysisResult result =
        analyze(analyzer, "package-lock.json", Arrays.copyOf(real, real.length / 2));

    assertThat(result.packages()).isNotEmpty();
    assertThat(NpmProjects.installed())
        .containsAll(listed(result).stream().map(s -> s.replace(" (dev)", "")).toList());
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("not valid JSON", "Unexpected end-of-input")
        .endsWith("the " + result.packages().size() + " packages read before the error are listed");
  }

  @Test
  void valuesOfTheWrongTypeAreLeftOutWithOneWarning() throws IOException {
    String lockfile =
        """
        {"lockfileVersion": "three", "packages": {
          "node_modules/a": "1.0.0",
          "node_modules/b": {"version": 2},
          "node_modules/c": {"version": "1.0.0", "dev": "yes", "license": {"type": "MIT"}},
          "node_modules/d": {"version": "not a version"},
          "node_modules/e f": {"version": "1.0.0"}}}
        """;

    AnalysisResult result = analyze(analyzer, "package-lock.json", lockfile);

    assertThat(listed(result)).containsExactly("c@1.0.0");
    assertThat(result.warnings())
        .containsExactly(
            "/package-lock.json: 4 entries name no package and version and were left out"
                + " (\"node_modules/a\": not an object)");
  }

  @Test
  void sectionsOfTheWrongShapeAreWarnings() throws IOException {
    assertThat(analyze(analyzer, "package-lock.json", "[1, 2]").warnings())
        .containsExactly("/package-lock.json: not an npm lockfile (a JSON object)");
    assertThat(
            analyze(analyzer, "package-lock.json", "{\"lockfileVersion\": 3, \"packages\": []}")
                .warnings())
        .containsExactly(
            "/package-lock.json: \"packages\" is not an object; nothing was read from it");
    assertThat(analyze(analyzer, "package-lock.json", "").warnings())
        .containsExactly("/package-lock.json: not an npm lockfile (a JSON object)");
  }

  @Test
  void warningsQuoteTheFileWithoutItsControlCharactersAndNotAtLength() throws IOException {
    String lockfile =
        "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/\\u001b[2Jevil\": {\"version\": \""
            + "9".repeat(10_000)
            + "\"}}}";

    String warning = analyze(analyzer, "package-lock.json", lockfile).warnings().get(0);

    assertThat(warning)
        .doesNotContain("\u001b")
        .contains("\"node_modules/\\u001b[2Jevil\"")
        .hasSizeLessThan(600);
  }

  @Test
  void nestingBeyondAnyRealTreeIsAWarningNotAStackOverflow() throws IOException {
    StringBuilder deep = new StringBuilder("{\"lockfileVersion\": 1, \"dependencies\": ");
    int levels = 5000;
    deep.append("{\"a\": {\"version\": \"1.0.0\", \"dependencies\": ".repeat(levels));
    deep.append("{}").append("}}".repeat(levels)).append("}");

    AnalysisResult result = analyze(analyzer, "package-lock.json", deep.toString());

    assertThat(result.warnings()).singleElement().asString().contains("not valid JSON", "depth");
  }

  @Test
  void lockfilesBeyondTheBoundAreNotRead() {
    assertThat(analyzer.required("package-lock.json", PackageLockAnalyzer.MAX_SIZE)).isTrue();
    assertThat(analyzer.maxFileSize()).isEqualTo(PackageLockAnalyzer.MAX_SIZE);
  }
}
