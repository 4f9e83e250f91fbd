package dev.portcullis.analyzer.python;

import static dev.portcullis.analyzer.python.PythonProjects.analyze;
import static dev.portcullis.analyzer.python.PythonProjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * poetry.lock: the real ones of Debian's inkscape (lock-version 1.1, Poetry 1.1) and ansible
 * (netbox's, lock-version 2.0, Poetry 1.3/1.4), checked against what Python's own TOML reader finds
 * in them; Poetry 2's groups in poetry2/poetry.lock next to this test (no package reachable here
 * ships a lock-version 2.1 file).
 */
class PoetryLockTest {

  private final PoetryLockAnalyzer analyzer = new PoetryLockAnalyzer();

  @TempDir Path dir;

  /** The oracle's "name version category" lines as ours: "name version[ dev]". */
  private static List<String> oracle(String file) throws IOException {
    List<String> lines =
        Files.readAllLines(PythonProjects.realLockfiles().resolve(file)).stream()
            .map(l -> l.endsWith(" dev") ? l : l.substring(0, l.lastIndexOf(' ')))
            .toList();
    assertThat(lines).as("tomllib's reading of " + file).isNotEmpty();
    return lines;
  }

  @Test
  void inkscapesDevCategoryIsMarked() throws IOException {
    PythonProjects.Sbom sbom =
        PythonProjects.sbomFs(PythonProjects.realLockfiles().resolve("inkscape"));

    // Trivy reports the main packages only (12 of 60 in the lockfile of Debian 12's first
    // release); the others are development dependencies. Counts come from tomllib's reading.
    List<String> expected = oracle("inkscape.poetry");
    assertThat(sbom.lines()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sbom.packages().stream().filter(p -> p.dev()))
        .hasSize((int) expected.stream().filter(l -> l.endsWith(" dev")).count())
        .isNotEmpty();
    assertThat(sbom.packages()).anyMatch(p -> !p.dev());
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void netboxLockVersion2IsReadWhole() throws IOException {
    PythonProjects.Sbom sbom =
        PythonProjects.sbomFs(
            PythonProjects.realLockfiles().resolve("ansible_collections/netbox/netbox"));

    // Trivy finds the same (its pyproject.toml puts every package in the main group).
    List<String> expected = oracle("netbox.poetry");
    assertThat(sbom.linesFrom("poetry.lock")).containsExactlyInAnyOrderElementsOf(expected);
    String ansibleCore =
        expected.stream()
            .filter(l -> l.startsWith("ansible-core "))
            .map(l -> l.split(" ")[1])
            .findFirst()
            .orElseThrow();
    assertThat(sbom.packages())
        .filteredOn(p -> p.name().equals("ansible-core"))
        .extracting(PythonProjects.Found::purl)
        .contains("pkg:pypi/ansible-core@" + ansibleCore);
  }

  @Test
  void poetry2GroupsOtherThanMainAreDevelopment() throws IOException {
    PythonProjects.Sbom sbom = PythonProjects.sbomFs(PythonProjects.fixture("poetry2", dir));

    // packaging is in both groups: needed at run time. Trivy finds the same ten.
    assertThat(sbom.lines())
        .containsExactly(
            "certifi 2025.1.31",
            "charset-normalizer 3.4.1",
            "colorama 0.4.6 dev",
            "idna 3.10",
            "iniconfig 2.0.0 dev",
            "packaging 24.2",
            "pluggy 1.5.0 dev",
            "pytest 8.3.4 dev",
            "requests 2.32.3",
            "urllib3 2.3.0");
  }

  @Test
  void poetry15To18LocksWithNeitherCategoryNorGroupsAreAllRuntime() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "poetry.lock",
            """
            [[package]]
            name = "pytest"
            version = "7.4.0"
            optional = false
            python-versions = ">=3.7"

            [metadata]
            lock-version = "2.0"
            """);

    assertThat(lines(result)).containsExactly("pytest 7.4.0");
  }

  @Test
  void badTomlIsAWarningWithItsLine() throws IOException {
    AnalysisResult result =
        analyze(analyzer, "app/poetry.lock", "[[package]]\nname = \"a\"\nversion = \n");

    assertThat(result.packages()).isEmpty();
    assertThat(result.warnings())
        .containsExactly("/app/poetry.lock: not valid TOML (line 3: Newline not permitted here)");
  }

  @Test
  void truncatedRealLockIsAWarning() throws IOException {
    byte[] lock =
        Files.readAllBytes(PythonProjects.realLockfiles().resolve("inkscape/poetry.lock"));
    byte[] half = java.util.Arrays.copyOf(lock, lock.length / 2 + 7);

    AnalysisResult result = analyze(analyzer, "poetry.lock", half);

    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/poetry.lock: not valid TOML");
  }

  @Test
  void wrongTypesAreCountedAndTheRestRead() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "poetry.lock",
            """
            [[package]]
            name = "ok"
            version = "1.0"
            category = 5
            groups = "dev"

            [[package]]
            name = 1
            version = 1.5

            [[package]]
            name = "no-version"

            [[package]]
            name = "odd-groups"
            version = "2.0"
            groups = [1, "dev"]
            """);

    assertThat(lines(result)).containsExactly("ok 1.0", "odd-groups 2.0");
    assertThat(result.warnings())
        .containsExactly(
            "/poetry.lock: 2 [[package]] tables without a name and version were skipped");
  }

  @Test
  void aDocumentWithoutPackageTablesIsAWarning() throws IOException {
    assertThat(analyze(analyzer, "poetry.lock", "package = 5\n").warnings())
        .containsExactly("/poetry.lock: not a Poetry lock file (no [[package]] tables)");
  }

  @Test
  void deepNestingAndOversizeAreWarnings() throws IOException {
    AnalysisResult deep = analyze(analyzer, "poetry.lock", "a = " + "[".repeat(100_000));
    AnalysisResult large = analyzer.analyze(PythonProjects.endless("poetry.lock", 1L << 30));

    assertThat(deep.warnings()).singleElement().asString().contains("nesting depth");
    assertThat(large.warnings())
        .containsExactly("/poetry.lock: larger than 16 MiB; it was not read");
  }
}
