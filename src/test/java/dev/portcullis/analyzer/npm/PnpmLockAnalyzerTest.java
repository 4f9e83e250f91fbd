package dev.portcullis.analyzer.npm;

import static dev.portcullis.analyzer.npm.Inputs.analyze;
import static dev.portcullis.analyzer.npm.Inputs.listed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.npm.PnpmDependencyPath.Coordinates;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key syntaxes of pnpm's lockfile versions, sources other than the registry, and hostile files.
 * The real lockfiles are in {@link NpmLockfilesTest}.
 */
class PnpmLockAnalyzerTest {

  private final PnpmLockAnalyzer analyzer = new PnpmLockAnalyzer();

  @ParameterizedTest
  @CsvSource({
    "5, /react-dom/18.2.0_react@18.2.0, react-dom, 18.2.0",
    "5, /@babel/core/7.21.8, @babel/core, 7.21.8",
    "5, /@babel/plugin-x/7.21.5_@babel+core@7.21.8, @babel/plugin-x, 7.21.5",
    "5, registry.example.com/lodash/4.17.21, lodash, 4.17.21",
    "6, /react-dom@18.2.0(react@18.2.0), react-dom, 18.2.0",
    "6, /@babel/core@7.21.8, @babel/core, 7.21.8",
    "6, /debug@4.3.4(supports-color@8.1.1), debug, 4.3.4",
    "9, react-dom@18.2.0(react@18.2.0), react-dom, 18.2.0",
    "9, @babel/core@7.21.8, @babel/core, 7.21.8",
    "9, @types/react-dom@18.2.0(@types/react@18.2.1)(react@18.2.0), @types/react-dom, 18.2.0"
  })
  void keysOfEachLockfileVersionNameThePackage(
      int lockfileVersion, String key, String name, String version) {
    assertThat(PnpmDependencyPath.parse(key, lockfileVersion))
        .isEqualTo(new Coordinates(name, version));
  }

  @Test
  void keysWithoutAVersionInTheirSyntaxNameNothing() {
    assertThat(PnpmDependencyPath.parse("/@scope-only", 6)).isNull();
    assertThat(PnpmDependencyPath.parse("lodash", 9)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "react-dom, 18.2.0(react@18.2.0), react-dom@18.2.0(react@18.2.0)",
    "my-lodash, lodash@4.17.21, lodash@4.17.21",
    "my-babel, @babel/core@7.21.8, @babel/core@7.21.8",
    "is-negative, https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288, "
        + "is-negative@https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288",
    "debug, 4.3.4(supports-color@8.1.1), debug@4.3.4(supports-color@8.1.1)"
  })
  void referencesPointAtSnapshotsAsPnpmResolvesThem(
      String dependency, String reference, String snapshot) {
    assertThat(PnpmDependencyPath.snapshotOf(dependency, reference)).isEqualTo(snapshot);
  }

  @Test
  void linksToWorkspacePackagesPointAtNoSnapshot() {
    assertThat(PnpmDependencyPath.snapshotOf("app", "link:packages/app")).isNull();
  }

  @Test
  void tarballsAndGitAreNamedByTheirOwnFieldsAndLocalDirectoriesLeftOut() throws IOException {
    // Entries as pnpm 9 writes them for a tarball URL, a git dependency and a local directory.
    String lockfile =
        """
        lockfileVersion: '9.0'

        importers:
          .:
            dependencies:
              is-negative:
                specifier: https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288
                version: https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288
              from-git:
                specifier: github:example/from-git#0a1b2c3
                version: https://codeload.github.com/example/from-git/tar.gz/0a1b2c3
              local:
                specifier: file:../local
                version: file:../local

        packages:
          is-negative@https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288:
            resolution: {tarball: https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288}
            version: 2.1.0
          from-git@https://codeload.github.com/example/from-git/tar.gz/0a1b2c3:
            resolution: {tarball: https://codeload.github.com/example/from-git/tar.gz/0a1b2c3}
            name: from-git
            version: 2.0.0
          local@file:../local:
            resolution: {directory: ../local, type: directory}
            version: 0.0.1

        snapshots:
          is-negative@https://codeload.github.com/kevva/is-negative/tar.gz/1d7e288: {}
          from-git@https://codeload.github.com/example/from-git/tar.gz/0a1b2c3: {}
          local@file:../local: {}
        """;

    AnalysisResult result = analyze(analyzer, "pnpm-lock.yaml", lockfile);

    assertThat(result.warnings()).isEmpty();
    assertThat(listed(result)).containsExactly("from-git@2.0.0", "is-negative@2.1.0");
  }

  @Test
  void aPackageBothAProductionAndADevelopmentDependencyReachIsNotDevelopmentOnly()
      throws IOException {
    String lockfile =
        """
        lockfileVersion: '9.0'
        importers:
          .:
            dependencies:
              a: {specifier: ^1.0.0, version: 1.0.0}
            devDependencies:
              b: {specifier: ^1.0.0, version: 1.0.0(c@1.0.0)}
          packages/tool:
            devDependencies:
              d: {specifier: ^1.0.0, version: 1.0.0}
        packages:
          a@1.0.0: {}
          b@1.0.0: {}
          c@1.0.0: {}
          d@1.0.0: {}
          shared@1.0.0: {}
          orphan@1.0.0: {}
        snapshots:
          a@1.0.0:
            dependencies:
              shared: 1.0.0
          b@1.0.0(c@1.0.0):
            dependencies:
              c: 1.0.0
              shared: 1.0.0
          c@1.0.0: {}
          d@1.0.0: {}
          shared@1.0.0: {}
          orphan@1.0.0: {}
        """;

    // Nothing reaches the orphan: no evidence that it is development-only.
    assertThat(listed(analyze(analyzer, "pnpm-lock.yaml", lockfile)))
        .containsExactly(
            "a@1.0.0",
            "b@1.0.0 (dev)",
            "c@1.0.0 (dev)",
            "d@1.0.0 (dev)",
            "orphan@1.0.0",
            "shared@1.0.0");
  }

  @Test
  void aTruncatedLockfileIsAWarningAndKeepsWhatWasRead() throws IOException {
    String real = Files.readString(NpmProjects.directory().resolve("pnpm-v9/pnpm-lock.yaml"));
    // Cut inside a quoted key of "snapshots", after "packages": the YAML cannot end there.
    int cut = real.lastIndexOf("'@babel/highlight@") + 5;

    AnalysisResult result = analyze(analyzer, "pnpm-lock.yaml", real.substring(0, cut));

    assertThat(result.packages()).hasSameSizeAs(NpmProjects.installed());
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/pnpm-lock.yaml: not valid YAML (line ")
        .endsWith("packages read before the error are listed");
  }

  @Test
  void aFileWithoutLockfileVersionIsNoPnpmLockfile() throws IOException {
    assertThat(
            analyze(analyzer, "pnpm-lock.yaml", "packages:\n  /a/1.0.0: {dev: false}\n").warnings())
        .containsExactly(
            "/pnpm-lock.yaml: no lockfileVersion before \"packages\"; not a pnpm lockfile");
    assertThat(
            analyze(analyzer, "pnpm-lock.yaml", "lockfileVersion: next\npackages: {}\n").warnings())
        .containsExactly("/pnpm-lock.yaml: lockfileVersion next is not a version");
    assertThat(analyze(analyzer, "pnpm-lock.yaml", "- a\n- b\n").warnings())
        .containsExactly("/pnpm-lock.yaml: not a pnpm lockfile (a YAML mapping)");
  }

  @Test
  void entriesOfTheWrongShapeAreLeftOutWithOneWarning() throws IOException {
    String lockfile =
        """
        lockfileVersion: '6.0'
        packages:
          /a@1.0.0: 5
          /b: {dev: false}
          /c@not-a-version: {dev: false}
          /d@1.0.0: {dev: "yes"}
        """;

    AnalysisResult result = analyze(analyzer, "pnpm-lock.yaml", lockfile);

    assertThat(listed(result)).containsExactly("d@1.0.0");
    assertThat(result.warnings())
        .containsExactly(
            "/pnpm-lock.yaml: 3 entries name no package and version and were left out"
                + " (packages \"/a@1.0.0\": not a mapping)");
    assertThat(
            analyze(analyzer, "pnpm-lock.yaml", "lockfileVersion: 5.4\npackages: [1, 2]\n")
                .warnings())
        .containsExactly(
            "/pnpm-lock.yaml: \"packages\" is not a mapping; nothing was read from it");
  }

  @Test
  void lockfilesInsideNodeModulesAndBeyondTheBoundAreNotRead() {
    assertThat(analyzer.required("app/node_modules/.pnpm/lock.yaml", 10)).isFalse();
    assertThat(analyzer.required("app/node_modules/x/pnpm-lock.yaml", 10)).isFalse();
    assertThat(analyzer.maxFileSize()).isEqualTo(PnpmLockAnalyzer.MAX_SIZE);
  }
}
