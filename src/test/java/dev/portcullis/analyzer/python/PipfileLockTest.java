package dev.portcullis.analyzer.python;

import static dev.portcullis.analyzer.python.PythonProjects.analyze;
import static dev.portcullis.analyzer.python.PythonProjects.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.analyzer.AnalysisResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipfile.lock. No package reachable here ships one, so pipenv/Pipfile.lock next to this test is
 * written after the format pipenv writes (https://github.com/pypa/pipfile#pipfilelock, pipfile-spec
 * 6): hashes, index, markers and extras per entry, an editable path and a git entry without
 * version. The real one of python-rsa, inside the Google Cloud CLI, is read where that is
 * installed.
 */
class PipfileLockTest {

  private static final Path GCLOUD_RSA =
      Path.of("/usr/lib/google-cloud-sdk/platform/gsutil/third_party/rsa/Pipfile.lock");

  private final PipfileLockAnalyzer analyzer = new PipfileLockAnalyzer();

  @TempDir Path dir;

  @Test
  void developPackagesAreMarkedAndVersionlessEntriesSkipped() throws IOException {
    PythonProjects.Sbom sbom = PythonProjects.sbomFs(PythonProjects.fixture("pipenv", dir));

    // Trivy (reference build) reports the default section only, with "mylib" (editable path) and
    // "werkzeug" (git) without a version: nothing to match, and the project's own code or a
    // commit, not a release. urllib3 is in both sections: a runtime dependency, listed once.
    assertThat(sbom.lines())
        .containsExactly(
            "certifi 2023.7.22",
            "charset-normalizer 3.3.2",
            "flask 3.0.0",
            "idna 3.4",
            "iniconfig 2.0.0 dev",
            "packaging 23.2 dev",
            "pluggy 1.3.0 dev",
            "pytest 7.4.3 dev",
            "requests 2.31.0",
            "urllib3 2.0.7");
    assertThat(sbom.packages()).allMatch(p -> p.foundIn().equals("Pipfile.lock"));
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void realPipfileLockOfTheGoogleCloudCli() throws IOException {
    assumeTrue(Files.isReadable(GCLOUD_RSA), "the Google Cloud CLI is not installed here");
    Files.copy(GCLOUD_RSA, dir.resolve("Pipfile.lock"));

    PythonProjects.Sbom sbom = PythonProjects.sbomFs(dir);

    // Trivy finds pyasn1 0.4.4 alone; the develop section's 41 packages are development ones.
    assertThat(sbom.packages()).hasSize(42);
    assertThat(sbom.packages().stream().filter(p -> !p.dev()).map(p -> p.line()))
        .containsExactly("pyasn1 0.4.4");
    assertThat(sbom.lines()).contains("pytest 3.8.0 dev", "zipp 3.1.0 dev");
  }

  @Test
  void truncatedJsonKeepsWhatWasReadAndWarns() throws IOException {
    String lock = PythonProjects.resource("pipenv/Pipfile.lock");
    String truncated = lock.substring(0, lock.indexOf("\"idna\""));

    AnalysisResult result = analyze(analyzer, "app/Pipfile.lock", truncated);

    assertThat(lines(result)).contains("certifi 2023.7.22", "flask 3.0.0");
    assertThat(result.warnings())
        .singleElement()
        .asString()
        .startsWith("/app/Pipfile.lock: not valid JSON (line ");
  }

  @Test
  void entriesOfTheWrongShapeAreCountedNotTrusted() throws IOException {
    AnalysisResult result =
        analyze(
            analyzer,
            "Pipfile.lock",
            """
            {"_meta": {"hash": 5},
             "default": {"a": {"version": "==1.0"}, "b": {"version": 2}, "c": "==3.0",
                         "d": {"version": ">=4"}, "e": {"version": "=="}, "": {"version": "==1"}},
             "develop": ["pytest"]}
            """);

    assertThat(lines(result)).containsExactly("a 1.0");
    assertThat(result.warnings())
        .containsExactly(
            "/Pipfile.lock: 4 entries of \"default\" are not {\"version\": \"==…\"} objects and were"
                + " skipped",
            "/Pipfile.lock: \"develop\" is not an object");
  }

  @Test
  void notAnObjectIsAWarning() throws IOException {
    assertThat(analyze(analyzer, "Pipfile.lock", "[1, 2]").warnings())
        .containsExactly("/Pipfile.lock: not a Pipfile.lock (no JSON object)");
    assertThat(analyze(analyzer, "Pipfile.lock", "").warnings())
        .containsExactly("/Pipfile.lock: not a Pipfile.lock (no JSON object)");
  }

  @Test
  void deepNestingIsAWarningNotAStackOverflow() throws IOException {
    String deep = "{\"default\": {\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";

    AnalysisResult result = analyze(analyzer, "Pipfile.lock", deep);

    assertThat(result.warnings()).singleElement().asString().contains("nesting depth");
  }

  @Test
  void oversizedFileIsAWarningNamingIt() throws IOException {
    AnalysisResult result = analyzer.analyze(PythonProjects.endless("app/Pipfile.lock", 100));

    assertThat(result.warnings())
        .containsExactly("/app/Pipfile.lock: larger than 16 MiB; it was not read");
  }
}
