package dev.portcullis.analyzer.npm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.analyzer.AnalysisInput;
import dev.portcullis.analyzer.AnalysisResult;
import dev.portcullis.analyzer.Analyzer;
import dev.portcullis.analyzer.Analyzers;
import dev.portcullis.analyzer.java.ArchiveLimits;
import dev.portcullis.inventory.Package;
import dev.portcullis.testing.Cli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lockfiles real npm, yarn and pnpm wrote for one project (scripts/build-npm-fixtures.sh), read
 * by the analyzers directly and by {@code sbom fs}; npm ls is the oracle of what they lock.
 *
 * <p>Compared with Trivy (scripts/compare-with-trivy.sh fs:DIR): every package Trivy finds is
 * found, except where Trivy is wrong: it names an alias by its alias (my-lodash, which no advisory
 * names, for lodash) and lists the project's own workspace (app). Where these find more, they are
 * right: development-only packages are listed, marked, where Trivy drops them unless asked ({@code
 * --include-dev-deps}), so the gate can decide; npm-shrinkwrap.json, which npm installs from before
 * package-lock.json, Trivy does not read; from yarn 4's lockfile the reference Trivy build lists
 * only the project's direct dependencies, and pnpm's lockfile 9.0 it reads as packages without
 * names.
 */
class NpmLockfilesTest {

  static Stream<String> lockfiles() {
    return Stream.of(NpmProjects.LOCKFILES);
  }

  static AnalysisResult analyze(String lockfile) throws IOException {
    Path file = NpmProjects.directory().resolve(lockfile);
    String path = "project/" + lockfile;
    long size = Files.size(file);
    Analyzer analyzer =
        Analyzers.forProjects(ArchiveLimits.defaults()).stream()
            .filter(a -> !a.executablesOnly() && a.required(path, size))
            .findFirst()
            .orElseThrow();
    try (InputStream in = Files.newInputStream(file)) {
      return analyzer.analyze(new AnalysisInput(path, size, in));
    }
  }

  static Set<String> coordinates(Stream<Package> packages) {
    return packages
        .map(p -> p.name() + "@" + p.version())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest
  @MethodSource("lockfiles")
  void everyLockfileLocksWhatNpmInstalled(String lockfile) throws IOException {
    AnalysisResult result = analyze(lockfile);

    assertThat(result.warnings()).isEmpty();
    assertThat(coordinates(result.packages().stream())).isEqualTo(NpmProjects.installed());
    assertThat(result.packages()).extracting(Package::foundIn).containsOnly("project/" + lockfile);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "npm-v1/package-lock.json",
        "npm-v2/package-lock.json",
        "npm-v3/package-lock.json",
        "shrinkwrap/npm-shrinkwrap.json",
        "pnpm-v5/pnpm-lock.yaml",
        "pnpm-v6/pnpm-lock.yaml",
        "pnpm-v9/pnpm-lock.yaml"
      })
  void developmentOnlyPackagesAreMarkedWhereTheLockfileSaysSo(String lockfile) throws IOException {
    Set<String> developmentOnly = new TreeSet<>(NpmProjects.installed());
    developmentOnly.removeAll(NpmProjects.production());

    AnalysisResult result = analyze(lockfile);

    // lodash and debug 4 are devDependencies, ms 2.1.2 is debug 4's; express needs debug 2.6.9.
    assertThat(developmentOnly).containsExactly("debug@4.3.4", "lodash@4.17.20", "ms@2.1.2");
    assertThat(coordinates(result.packages().stream().filter(Package::dev)))
        .isEqualTo(developmentOnly);
  }

  /** Read alone, as an image layer offers it, a yarn lockfile cannot say what is dev-only. */
  @ParameterizedTest
  @ValueSource(strings = {"yarn-v1/yarn.lock", "yarn-berry/yarn.lock"})
  void yarnLockfilesAloneMarkNothingSinceTheyDoNotSay(String lockfile) throws IOException {
    assertThat(analyze(lockfile).packages()).noneMatch(Package::dev);
  }

  /** In a project, the package.json beside the lockfile says what only devDependencies reach. */
  @ParameterizedTest
  @ValueSource(strings = {"yarn-v1", "yarn-berry"})
  void yarnProjectsMarkWhatOnlyTheirDevDependenciesReach(String project) throws IOException {
    Set<String> developmentOnly = new TreeSet<>(NpmProjects.installed());
    developmentOnly.removeAll(NpmProjects.production());

    Cli.Result result =
        Cli.run(
            "sbom",
            "fs",
            NpmProjects.directory().resolve(project).toString(),
            "--no-cache",
            "-f",
            "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    Set<String> marked = new TreeSet<>();
    new ObjectMapper()
        .readTree(result.out())
        .path("packages")
        .forEach(
            p -> {
              if (p.path("dev").asBoolean()) {
                marked.add(p.path("name").asText() + "@" + p.path("version").asText());
              }
            });
    assertThat(marked).isEqualTo(developmentOnly);
  }

  static Stream<String> workspaceLockfiles() {
    return Stream.of(NpmProjects.WORKSPACE_LOCKFILES);
  }

  /** Each tool locks this project on its own; the versions floating in it agree. */
  @ParameterizedTest
  @MethodSource("workspaceLockfiles")
  void workspacesAliasesAndPatchedPackagesAreReadAlikeFromEveryTool(String lockfile)
      throws IOException {
    AnalysisResult npm = analyze("workspaces/npm/package-lock.json");

    AnalysisResult result = analyze(lockfile);

    assertThat(result.warnings()).isEmpty();
    Set<String> found = coordinates(result.packages().stream());
    assertThat(found).isEqualTo(coordinates(npm.packages().stream()));
    // my-lodash is lodash; the workspace "app" and the root are the project's own code, but what
    // app depends on (ms) is locked; yarn 4's patched copy of resolve is resolve.
    assertThat(found)
        .contains("lodash@4.17.21", "ms@2.1.3", "resolve@1.22.8", "left-pad@1.3.0")
        .noneMatch(p -> p.startsWith("my-lodash@"))
        .noneMatch(p -> p.startsWith("app@"))
        .noneMatch(p -> p.startsWith("portcullis-npm-workspaces@"));
    assertThat(result.packages()).filteredOn(p -> p.name().equals("resolve")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "workspaces/npm/package-lock.json",
        "workspaces/pnpm-v5/pnpm-lock.yaml",
        "workspaces/pnpm-v6/pnpm-lock.yaml",
        "workspaces/pnpm-v9/pnpm-lock.yaml"
      })
  void aWorkspaceRootsDevelopmentDependencyIsMarked(String lockfile) throws IOException {
    assertThat(coordinates(analyze(lockfile).packages().stream().filter(Package::dev)))
        .containsExactly("left-pad@1.3.0");
  }

  @ParameterizedTest
  @MethodSource("lockfiles")
  void projectScanListsTheSamePackagesWhicheverToolLockedThem(String lockfile) throws IOException {
    Path project = NpmProjects.directory().resolve(lockfile).getParent();

    Cli.Result result = Cli.run("sbom", "fs", project.toString(), "--no-cache", "-f", "json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode sbom = new ObjectMapper().readTree(result.out());
    Set<String> found = new TreeSet<>();
    sbom.path("packages")
        .forEach(p -> found.add(p.path("name").asText() + "@" + p.path("version").asText()));
    assertThat(found).isEqualTo(NpmProjects.installed());
    assertThat(sbom.path("warnings")).isEmpty();
    assertThat(result.out())
        .contains(
            "\"purl\" : \"pkg:npm/%40babel/code-frame@7.12.13\"",
            "\"purl\" : \"pkg:npm/react-dom@18.2.0\"");
  }

  @Test
  void theInstalledProjectListsItsNodeModulesAndItsLockfile() throws IOException {
    Path project = NpmProjects.directory().resolve("installed");

    Cli.Result result = Cli.run("sbom", "fs", project.toString(), "--no-cache", "-f", "json");

    JsonNode packages = new ObjectMapper().readTree(result.out()).path("packages");
    Set<String> fromLockfile = new TreeSet<>();
    Set<String> fromNodeModules = new TreeSet<>();
    packages.forEach(
        p ->
            (p.path("foundIn").asText().equals("package-lock.json")
                    ? fromLockfile
                    : fromNodeModules)
                .add(p.path("name").asText() + "@" + p.path("version").asText()));
    assertThat(fromLockfile).isEqualTo(NpmProjects.installed());
    assertThat(fromNodeModules).isEqualTo(NpmProjects.installed());
  }
}
