package dev.portcullis.analyzer.python;

import static dev.portcullis.analyzer.python.PythonProjects.analyze;
import static dev.portcullis.analyzer.python.PythonProjects.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.analyzer.AnalysisResult;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * uv.lock. Debian 12 and the npm packages looked at ship none, so uv/uv.lock next to this test is
 * written after the format uv writes (sources and references cited in its header): a virtual root
 * with a workspace member, an extra, two dependency groups, a git source.
 */
class UvLockTest {

  private final UvLockAnalyzer analyzer = new UvLockAnalyzer();

  @TempDir Path dir;

  @Test
  void whatOnlyDependencyGroupsReachIsDevelopment() throws IOException {
    PythonProjects.Sbom sbom = PythonProjects.sbomFs(PythonProjects.fixture("uv", dir));

    // The reference Trivy build has no uv analyzer and finds nothing here. Current Trivy would
    // report the root "webapp" and the member "webapp-core" (the project's own code, left out
    // here), and leave out pysocks (reached through requests' extra "socks") and orjson (the
    // project's extra "speedups"), which it counts as development packages: extras are installed
    // at run time.
    assertThat(sbom.lines())
        .containsExactly(
            "certifi 2024.8.30",
            "charset-normalizer 3.4.0",
            "click 8.1.7 dev",
            "colorama 0.4.6 dev",
            "idna 3.10",
            "iniconfig 2.0.0 dev",
            "markdown 3.7 dev",
            "mkdocs 1.6.1 dev",
            "orjson 3.10.11",
            "packaging 24.2 dev",
            "pluggy 1.5.0 dev",
            "pysocks 1.7.1",
            "pytest 8.3.3 dev",
            "requests 2.32.3",
            "urllib3 2.2.3",
            "zipp 3.21.0");
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void withoutTheProjectsOwnPackageNothingIsMarkedDevelopment() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "uv.lock",
            """
            version = 1
            [[package]]
            name = "pytest"
            version = "8.3.3"
            source = { registry = "https://pypi.org/simple" }
            """);

    assertThat(lines(result)).containsExactly("pytest 8.3.3");
  }

  @Test
  void aVersionedReferenceChoosesAmongVersionsOfOneName() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "uv.lock",
            """
            version = 1
            [[package]]
            name = "app"
            version = "1.0"
            source = { editable = "." }
            dependencies = [{ name = "numpy", version = "2.1.0", marker = "python_version >= '3.10'" }]
            [package.dev-dependencies]
            dev = [{ name = "numpy", version = "1.26.4", marker = "python_version < '3.10'" }]
            [[package]]
            name = "numpy"
            version = "1.26.4"
            source = { registry = "https://pypi.org/simple" }
            [[package]]
            name = "numpy"
            version = "2.1.0"
            source = { registry = "https://pypi.org/simple" }
            """);

    assertThat(lines(result)).containsExactly("numpy 1.26.4 dev", "numpy 2.1.0");
  }

  @Test
  void dependencyCyclesEnd() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "uv.lock",
            """
            [[package]]
            name = "app"
            version = "1.0"
            source = { virtual = "." }
            [package.dev-dependencies]
            dev = [{ name = "a", extra = ["x"] }]
            [[package]]
            name = "a"
            version = "1"
            dependencies = [{ name = "b" }]
            [package.optional-dependencies]
            x = [{ name = "a", extra = ["x"] }, { name = "b", extra = ["y"] }]
            [[package]]
            name = "b"
            version = "2"
            dependencies = [{ name = "a" }]
            [package.optional-dependencies]
            y = [{ name = "a", extra = ["x"] }]
            """);

    assertThat(lines(result)).containsExactly("a 1 dev", "b 2 dev");
  }

  @Test
  void wrongTypesAreCountedAndTheRestRead() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "uv.lock",
            """
            [[package]]
            name = "app"
            source = { editable = "." }
            dependencies = "idna"
            dev-dependencies = [1, 2]
            optional-dependencies = { x = 5 }
            [[package]]
            name = "idna"
            version = "3.10"
            source = "registry"
            dependencies = [1, { name = 2 }, { version = "1" }]
            [[package]]
            name = ["x"]
            version = "1"
            [[package]]
            version = "2"
            """);

    assertThat(lines(result)).containsExactly("idna 3.10");
    assertThat(result.warnings())
        .containsExactly("/uv.lock: 2 [[package]] tables without a name and version were skipped");
  }

  @Test
  void badTomlAndOtherShapesAreWarnings() throws IOException {
    assertThat(analyze(analyzer, "a/uv.lock", "version = 1\n[[package]\nname = \"x\"\n").warnings())
        .singleElement()
        .asString()
        .startsWith("/a/uv.lock: not valid TOML (line ");
    assertThat(analyze(analyzer, "uv.lock", "[package]\nname = \"x\"\n").warnings())
        .containsExactly("/uv.lock: not a uv lock file (no [[package]] tables)");
    assertThat(analyze(analyzer, "uv.lock", "\u0000\u0001\u0002").warnings())
        .singleElement()
        .asString()
        .startsWith("/uv.lock: not valid TOML (line 1: ");
  }

  @Test
  void oversizedFileIsAWarningNamingIt() throws IOException {
    assertThat(analyzer.analyze(PythonProjects.endless("uv.lock", 17L << 20)).warnings())
        .containsExactly("/uv.lock: larger than 16 MiB; it was not read");
  }
}
